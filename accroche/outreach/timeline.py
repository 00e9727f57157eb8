"""What repérage adds to a young person's timeline: contacts and referrals.

The young person was obtained through the access layer, so the timeline is shared with
every structure that sees the file; the free note of a contact stays with the structure
that wrote it, and a referral links to its page only for the structure that holds it."""

from collections.abc import Iterable

from django.utils.translation import gettext as _

from accroche.access.actor import Actor
from accroche.outreach.enums import ReferralState
from accroche.outreach.models import Contact, Referral
from accroche.youth.models import Youth
from accroche.youth.timeline import TimelineEntry, timeline_provider


@timeline_provider
def contact_entries(actor: Actor, youth: Youth) -> Iterable[TimelineEntry]:
    contacts = Contact.objects.filter(youth=youth).select_related(
        "structure", "recorded_by", "session"
    )
    for contact in contacts:
        own = contact.structure_id == actor.structure_id
        if contact.session_id:
            title = _("Rencontre en sortie (%(modality)s)") % {
                "modality": contact.session.get_modality_display()  # type: ignore[union-attr]
            }
        else:
            title = _("Rencontre : %(mode)s") % {"mode": contact.get_mode_display()}
        detail = contact.get_result_display()
        if own and contact.note:
            detail = f"{detail} — {contact.note}"
        yield TimelineEntry(
            at=contact.happened_at,
            kind="contact",
            title=title,
            detail=detail,
            structure=contact.structure.name,
            author=str(contact.recorded_by) if contact.recorded_by else "",
            url_name="outreach:session" if own and contact.session_id else "",
            url_args=(contact.session_id,) if own and contact.session_id else (),
        )


@timeline_provider
def referral_entries(actor: Actor, youth: Youth) -> Iterable[TimelineEntry]:
    referrals = Referral.objects.filter(youth=youth).select_related("taken_by_structure")
    for referral in referrals:
        own = referral.taken_by_structure_id == actor.structure_id
        taker = referral.taken_by_structure.name if referral.taken_by_structure else ""
        yield TimelineEntry(
            at=referral.created_at,
            kind="referral",
            title=_("Signalement : %(source)s") % {"source": referral.get_source_display()},
            detail=referral.get_state_display()
            + (f" — {referral.get_close_reason_display()}" if referral.close_reason else ""),
            structure=taker,
            url_name="outreach:referral" if own else "",
            url_args=(referral.pk,) if own else (),
        )
        if referral.contact_made_at and referral.state != ReferralState.NEW:
            yield TimelineEntry(
                at=referral.contact_made_at,
                kind="referral",
                title=_("Contact établi après un signalement"),
                structure=taker,
                url_name="outreach:referral" if own else "",
                url_args=(referral.pk,) if own else (),
            )
