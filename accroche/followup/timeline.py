"""What the follow-up adds to a young person's timeline: exchanges, appointments, the
action plan, workshops, immersions, aid, hand-offs and the exit. One query per provider.

A restricted note shows only to the structure of its author; others see that the exchange
took place and who holds the note."""

from collections.abc import Iterable

from django.template.defaultfilters import truncatechars
from django.utils.translation import gettext as _

from accroche.access.actor import Actor
from accroche.accounts.models import User
from accroche.followup.budget import euros
from accroche.followup.models import (
    Action,
    ActionStatus,
    Aid,
    Appointment,
    Attendance,
    AttendanceStatus,
    HandOff,
    Immersion,
    Interaction,
    Outcome,
)
from accroche.youth.models import Youth
from accroche.youth.timeline import TimelineEntry, timeline_provider
from accroche.youth.timeline_providers import moment, start_of

PAGE = "followup:page"


def _name(user: User | None) -> str:
    return user.get_full_name() if user is not None else ""


@timeline_provider
def interaction_entries(actor: Actor, youth: Youth) -> Iterable[TimelineEntry]:
    for interaction in Interaction.objects.filter(youth=youth).select_related(
        "author", "author_structure"
    ):
        note = interaction.note_for(actor.structure_id)
        if interaction.note and not note:
            detail = _("Note réservée à %(structure)s.") % {
                "structure": interaction.author_structure.name
            }
        else:
            detail = truncatechars(note, 200)
        title = str(interaction.get_kind_display())
        if interaction.duration_minutes:
            title += _(" (%(n)s min)") % {"n": interaction.duration_minutes}
        yield TimelineEntry(
            at=interaction.happened_at,
            kind="interaction",
            title=title,
            detail=detail,
            structure=interaction.author_structure.name,
            author=_name(interaction.author),
            url_name=PAGE,
            url_args=(youth.pk,),
        )


@timeline_provider
def appointment_entries(actor: Actor, youth: Youth) -> Iterable[TimelineEntry]:
    for appointment in Appointment.objects.filter(youth=youth).select_related(
        "created_by_structure"
    ):
        yield TimelineEntry(
            at=appointment.starts_at,
            kind="appointment",
            title=_("Rendez-vous avec %(who)s") % {"who": appointment.with_whom},
            detail=f"{appointment.get_outcome_display()} — {appointment.place}",
            structure=appointment.created_by_structure.name,
            url_name=PAGE,
            url_args=(youth.pk,),
        )


@timeline_provider
def action_entries(actor: Actor, youth: Youth) -> Iterable[TimelineEntry]:
    for action in Action.objects.filter(youth=youth).select_related(
        "category", "created_by", "created_by_structure"
    ):
        yield TimelineEntry(
            at=action.created_at,
            kind="action",
            title=_("Action prévue : %(title)s") % {"title": action.title},
            detail=action.category.label,
            structure=action.created_by_structure.name,
            author=_name(action.created_by),
            url_name=PAGE,
            url_args=(youth.pk,),
        )
        if action.status == ActionStatus.DONE and action.done_on:
            yield TimelineEntry(
                at=start_of(action.done_on),
                kind="action_done",
                title=_("Action réalisée : %(title)s") % {"title": action.title},
            )


@timeline_provider
def attendance_entries(actor: Actor, youth: Youth) -> Iterable[TimelineEntry]:
    for attendance in Attendance.objects.filter(youth=youth).select_related(
        "session__workshop__structure"
    ):
        workshop = attendance.session.workshop
        yield TimelineEntry(
            at=attendance.session.starts_at,
            kind="workshop",
            title=_("Atelier : %(title)s") % {"title": workshop.title},
            detail=str(attendance.get_status_display())
            if attendance.status != AttendanceStatus.REGISTERED
            else _("Inscrit·e"),
            structure=workshop.structure.name,
        )


@timeline_provider
def immersion_entries(actor: Actor, youth: Youth) -> Iterable[TimelineEntry]:
    for immersion in Immersion.objects.filter(youth=youth).select_related("created_by_structure"):
        yield TimelineEntry(
            at=moment(immersion.start_on, immersion.created_at),
            kind="immersion",
            title=_("Immersion chez %(company)s") % {"company": immersion.company},
            detail=immersion.trade,
            structure=immersion.created_by_structure.name,
        )
        if immersion.reviewed_on:
            yield TimelineEntry(
                at=start_of(immersion.reviewed_on),
                kind="immersion_review",
                title=_("Bilan d'immersion : %(review)s")
                % {"review": immersion.get_review_display()},
                detail=truncatechars(immersion.review_note, 200),
            )


@timeline_provider
def aid_entries(actor: Actor, youth: Youth) -> Iterable[TimelineEntry]:
    for aid in Aid.objects.filter(youth=youth).select_related(
        "requested_by", "requested_by_structure"
    ):
        yield TimelineEntry(
            at=moment(aid.requested_on, aid.created_at),
            kind="aid",
            title=_("Aide : %(kind)s, %(amount)s")
            % {"kind": aid.get_kind_display(), "amount": euros(aid.amount)},
            detail=str(aid.get_status_display()),
            structure=aid.requested_by_structure.name,
            author=_name(aid.requested_by),
            url_name=PAGE,
            url_args=(youth.pk,),
        )


@timeline_provider
def handoff_entries(actor: Actor, youth: Youth) -> Iterable[TimelineEntry]:
    handoffs = (
        HandOff.objects.filter(youth=youth)
        .select_related("target_structure", "created_by", "created_by_structure")
        .prefetch_related("checks")
    )
    for handoff in handoffs:
        names = {"to": handoff.receiver}
        common = {"kind": "handoff", "url_name": PAGE, "url_args": (youth.pk,)}
        yield TimelineEntry(
            at=moment(handoff.proposed_on, handoff.created_at),
            title=_("Relais proposé vers %(to)s") % names,
            detail=truncatechars(handoff.reason, 200),
            structure=handoff.created_by_structure.name,
            author=_name(handoff.created_by),
            **common,  # type: ignore[arg-type]
        )
        steps = [
            (handoff.sent_on, _("Relais envoyé à %(to)s") % names, ""),
            (handoff.acknowledged_on, _("Relais reçu par %(to)s") % names, ""),
            (handoff.refused_on, _("Relais refusé par %(to)s") % names, handoff.refusal_reason),
            (handoff.started_on, _("Relais démarré avec %(to)s") % names, ""),
            (handoff.cancelled_on, _("Relais abandonné (%(to)s)") % names, ""),
        ]
        for day, title, detail in steps:
            if day is not None:
                yield TimelineEntry(at=start_of(day), title=title, detail=detail, **common)  # type: ignore[arg-type]
        for check in handoff.checks.all():
            yield TimelineEntry(
                at=start_of(check.checked_on),
                title=_("Point à %(m)s mois sur le relais : %(situation)s")
                % {"m": check.milestone, "situation": check.get_situation_display()},
                detail=truncatechars(check.note, 200),
                **common,  # type: ignore[arg-type]
            )


@timeline_provider
def outcome_entries(actor: Actor, youth: Youth) -> Iterable[TimelineEntry]:
    for outcome in Outcome.objects.filter(youth=youth).select_related("recorded_by_structure"):
        yield TimelineEntry(
            at=moment(outcome.exited_on, outcome.recorded_at),
            kind="outcome",
            title=_("Sortie : %(kind)s") % {"kind": outcome.get_kind_display()},
            detail=truncatechars(outcome.note, 200),
            structure=outcome.recorded_by_structure.name,
            url_name=PAGE,
            url_args=(youth.pk,),
        )
        if outcome.followup_on:
            yield TimelineEntry(
                at=start_of(outcome.followup_on),
                kind="outcome_followup",
                title=_("Nouvelles à 6 mois : %(situation)s")
                % {"situation": outcome.get_followup_situation_display()},
                detail=truncatechars(outcome.followup_note, 200),
            )
