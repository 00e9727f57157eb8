"""Who may see what in repérage, by who is looking, with audit.

Places, sessions and their anonymous counts are not personal data: field roles of the
structures concerned see them. A contact linked to a young person and a referral are
personal data: they are read only through the functions below, which write the audit log.
A referral is seen by the field roles of every structure it was routed to while it is new,
then only by the structure that took it; the structure that sent it sees its status only.
Anything else is a 404, exactly like a missing id.
"""

from collections.abc import Iterable, Sequence
from typing import TypeVar

from django.db.models import Model, Q, QuerySet
from django.http import Http404

from accroche.access import audit
from accroche.access.actor import Actor
from accroche.access.models import AuditEvent
from accroche.access.permissions import Perm
from accroche.organisations.models import Participation, Programme
from accroche.outreach.enums import ReferralState
from accroche.outreach.models import Contact, OutreachSession, Place, Referral
from accroche.youth.access import visible_rows

CONTACT = "outreach_contact"
YOUTH = "youth"
REFERRAL = "referral"

M = TypeVar("M", bound=Model)


def outreach_programmes(actor: Actor) -> QuerySet[Programme]:
    """Programmes the actor's structure takes part in: where it may go out and refer."""
    if not (actor.can(Perm.RECORD_OUTREACH) or actor.can(Perm.SEND_REFERRALS)):
        return Programme.objects.none()
    taking_part = Participation.objects.filter(structure_id=actor.structure_id)
    return Programme.objects.filter(pk__in=taking_part.values("programme_id"))


def places_visible_to(actor: Actor) -> QuerySet[Place]:
    if not actor.can(Perm.RECORD_OUTREACH):
        return Place.objects.none()
    return Place.objects.filter(programme__in=outreach_programmes(actor))


def get_place(actor: Actor, pk: int) -> Place:
    return _one(places_visible_to(actor).select_related("commune", "qpv", "programme"), pk)


def sessions_visible_to(actor: Actor) -> QuerySet[OutreachSession]:
    """Sessions of the actor's structure, and joint ones it took part in."""
    if not actor.can(Perm.RECORD_OUTREACH):
        return OutreachSession.objects.none()
    joint = OutreachSession.partner_structures.through.objects.filter(
        structure_id=actor.structure_id
    ).values("outreachsession_id")
    return OutreachSession.objects.filter(Q(structure_id=actor.structure_id) | Q(pk__in=joint))


def get_session(actor: Actor, pk: int, *, edit: bool = False) -> OutreachSession:
    """Only the structure that recorded a session changes it; joint partners read it."""
    qs = sessions_visible_to(actor)
    if edit:
        qs = qs.filter(structure_id=actor.structure_id)
    return _one(qs.select_related("programme", "structure", "created_by"), pk)


def contacts_visible_to(actor: Actor) -> QuerySet[Contact]:
    """Contacts recorded by the actor's structure, if their young person (when named)
    is still visible to it: a withdrawn sharing consent hides them at once."""
    if not actor.can(Perm.RECORD_OUTREACH):
        return Contact.objects.none()
    return Contact.objects.filter(structure_id=actor.structure_id).filter(
        Q(youth__isnull=True) | visible_rows(actor)
    )


def get_contact(actor: Actor, pk: int) -> Contact:
    contact = _one(contacts_visible_to(actor).select_related("youth", "session", "programme"), pk)
    audit.log(actor, AuditEvent.Action.READ, CONTACT, contact.pk)
    return contact


def list_contacts(actor: Actor, queryset: QuerySet[Contact]) -> list[Contact]:
    """Evaluate a visible queryset; log which named contacts were shown."""
    contacts = list(queryset)
    _log_list(actor, CONTACT, (c.pk for c in contacts if c.youth_id))
    # The young people named in those contacts were shown too.
    _log_list(actor, YOUTH, sorted({c.youth_id for c in contacts if c.youth_id}))
    return contacts


def referrals_visible_to(actor: Actor) -> QuerySet[Referral]:
    """Full view: routed to the actor's structure while new, then only the taker's; once
    it names a young person, only while that file is visible to it (like contacts)."""
    if not actor.can(Perm.HANDLE_REFERRALS):
        return Referral.objects.none()
    routed = Referral.routed_to.through.objects.filter(structure_id=actor.structure_id).values(
        "referral_id"
    )
    return Referral.objects.filter(
        Q(state=ReferralState.NEW, pk__in=routed) | Q(taken_by_structure_id=actor.structure_id)
    ).filter(Q(youth__isnull=True) | visible_rows(actor))


def get_referral(actor: Actor, pk: int) -> Referral:
    referral = _one(
        referrals_visible_to(actor).select_related(
            "programme", "commune", "qpv", "sender_structure", "taken_by_structure", "youth"
        ),
        pk,
    )
    audit.log(actor, AuditEvent.Action.READ, REFERRAL, referral.pk)
    return referral


def list_referrals(actor: Actor, queryset: QuerySet[Referral]) -> list[Referral]:
    referrals = list(queryset)
    _log_list(actor, REFERRAL, (r.pk for r in referrals))
    return referrals


def sent_referrals(actor: Actor) -> QuerySet[Referral]:
    """What the actor's structure sent: its pages show the status, nothing of the file."""
    if not actor.can(Perm.SEND_REFERRALS):
        return Referral.objects.none()
    return Referral.objects.filter(sender_structure_id=actor.structure_id)


def _one(queryset: QuerySet[M], pk: int) -> M:
    found = queryset.filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def _log_list(actor: Actor, object_type: str, ids: Iterable[int]) -> None:
    shown: Sequence[int] = list(ids)
    if shown:
        audit.log(actor, AuditEvent.Action.LIST, object_type, object_ids=shown)
