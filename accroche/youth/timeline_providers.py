"""What the youth domain puts on a young person's timeline: consents, enrolments (entry,
phases, referents, eligibility decisions) and diagnostics. One query per provider.

Every entry here is part of the file itself: whoever sees the file sees them.
"""

import datetime
from collections.abc import Iterable

from django.utils import timezone
from django.utils.translation import gettext as _

from accroche.access.actor import Actor
from accroche.accounts.models import User
from accroche.youth.diagnostics import with_barrier_counts
from accroche.youth.models import (
    Consent,
    Eligibility,
    EligibilityOverride,
    Phase,
    PhaseChange,
    ReferentChange,
    Youth,
)
from accroche.youth.timeline import TimelineEntry, timeline_provider


def moment(day: datetime.date, recorded_at: datetime.datetime) -> datetime.datetime:
    """When something dated by a day happened: the recording time if it was recorded that
    day, else the start of the day (so that it sorts among the day's timed events)."""
    if timezone.localtime(recorded_at).date() == day:
        return recorded_at
    return start_of(day)


def start_of(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def _name(user: User | None) -> str:
    return user.get_full_name() if user is not None else ""


@timeline_provider
def consent_entries(actor: Actor, youth: Youth) -> Iterable[TimelineEntry]:
    consents = Consent.objects.filter(youth=youth).select_related(
        "recorded_by", "recorded_by_structure"
    )
    for consent in consents:
        detail = str(consent.get_method_display())
        yield TimelineEntry(
            at=moment(consent.given_on, consent.created_at),
            kind="consent",
            title=_("Consentement : %(purpose)s") % {"purpose": consent.get_purpose_display()},
            detail=detail,
            structure=consent.recorded_by_structure.name,
            author=_name(consent.recorded_by),
        )
        if consent.withdrawn_on is not None:
            yield TimelineEntry(
                at=start_of(consent.withdrawn_on),
                kind="consent_withdrawn",
                title=_("Consentement retiré : %(purpose)s")
                % {"purpose": consent.get_purpose_display()},
            )


@timeline_provider
def phase_entries(actor: Actor, youth: Youth) -> Iterable[TimelineEntry]:
    changes = PhaseChange.objects.filter(enrolment__youth=youth).select_related(
        "enrolment__programme", "by", "by_structure"
    )
    for change in changes:
        programme = change.enrolment.programme.name
        if not change.from_phase:
            title = _("Entrée dans le dispositif %(programme)s") % {"programme": programme}
            detail = _("Phase : %(phase)s") % {"phase": Phase(change.to_phase).label}
        elif change.to_phase == Phase.EXITED:
            title = _("Sortie du dispositif %(programme)s") % {"programme": programme}
            detail = change.note
        else:
            title = _("%(programme)s : phase « %(phase)s »") % {
                "programme": programme,
                "phase": Phase(change.to_phase).label,
            }
            detail = change.note
        yield TimelineEntry(
            at=moment(change.on, change.at),
            kind="phase",
            title=title,
            detail=detail,
            structure=change.by_structure.name,
            author=_name(change.by),
        )


@timeline_provider
def referent_entries(actor: Actor, youth: Youth) -> Iterable[TimelineEntry]:
    changes = ReferentChange.objects.filter(enrolment__youth=youth).select_related(
        "enrolment", "to_referent__user", "to_referent__structure", "by", "by_structure"
    )
    for change in changes:
        referent = change.to_referent
        names = {"name": referent.user.get_full_name(), "structure": referent.structure.name}
        first = change.from_referent_id is None
        yield TimelineEntry(
            # The first referent is named at entry.
            at=moment(change.enrolment.entry_date, change.at) if first else change.at,
            kind="referent",
            title=(
                _("Référent·e désigné·e : %(name)s (%(structure)s)")
                if first
                else _("Changement de référent·e : %(name)s (%(structure)s)")
            )
            % names,
            detail=change.reason,
            structure=change.by_structure.name,
            author=_name(change.by),
        )


@timeline_provider
def override_entries(actor: Actor, youth: Youth) -> Iterable[TimelineEntry]:
    overrides = EligibilityOverride.objects.filter(enrolment__youth=youth).select_related(
        "enrolment__programme", "by", "by_structure"
    )
    for override in overrides:
        yield TimelineEntry(
            at=override.at,
            kind="eligibility_override",
            title=_("Éligibilité décidée : %(decision)s (%(programme)s)")
            % {
                "decision": Eligibility(override.decision).label,
                "programme": override.enrolment.programme.name,
            },
            detail=override.reason,
            structure=override.by_structure.name,
            author=_name(override.by),
        )


@timeline_provider
def diagnostic_entries(actor: Actor, youth: Youth) -> Iterable[TimelineEntry]:
    diagnostics = with_barrier_counts(youth.diagnostics.all()).select_related(
        "author", "author_structure"
    )
    for diagnostic in diagnostics:
        yield TimelineEntry(
            at=moment(diagnostic.done_on, diagnostic.created_at),
            kind="diagnostic",
            title=_("Diagnostic"),
            detail=_("%(blocking)s frein(s) bloquant(s), %(serious)s important(s)")
            % {
                "blocking": diagnostic.blocking_count,  # type: ignore[attr-defined]
                "serious": diagnostic.serious_count,  # type: ignore[attr-defined]
            },
            structure=diagnostic.author_structure.name,
            author=_name(diagnostic.author),
            url_name="youth:diagnostic",
            url_args=(youth.pk, diagnostic.pk),
        )
        if diagnostic.immediate_need and diagnostic.immediate_need_on:
            yield TimelineEntry(
                at=moment(diagnostic.immediate_need_on, diagnostic.created_at),
                kind="immediate_need",
                title=_("Besoin immédiat signalé"),
                detail=diagnostic.immediate_need,
            )
        if diagnostic.immediate_need_met_on:
            yield TimelineEntry(
                at=start_of(diagnostic.immediate_need_met_on),
                kind="immediate_need_met",
                title=_("Besoin immédiat réglé"),
                detail=diagnostic.immediate_need,
            )
