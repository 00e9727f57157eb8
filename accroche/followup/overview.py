"""Everything the "Suivi" page of a young person shows, in a fixed number of queries,
with the audit of the records shown. ``youth`` comes from the access layer."""

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

from accroche.access.actor import Actor
from accroche.followup import actions, aid, handoffs
from accroche.followup.appointments import appointments_of
from accroche.followup.common import acts_from, log_lists, today
from accroche.followup.exits import followup_due_on
from accroche.followup.handoffs import MILESTONES, check_due_on, handoffs_of
from accroche.followup.hours import Week, recent_weeks
from accroche.followup.immersions import immersions_of
from accroche.followup.interactions import interactions_of
from accroche.followup.models import (
    UNDER_WAY,
    Action,
    Aid,
    AidStatus,
    Appointment,
    AppointmentOutcome,
    Attendance,
    HandOff,
    Immersion,
    Interaction,
    Outcome,
    Reminder,
)
from accroche.followup.reminders import reminders_for
from accroche.youth.enrolments import editable_programme_ids
from accroche.youth.models import Enrolment, Phase, Youth

RECENT_INTERACTIONS = 30
WEEKS = 6


@dataclass(frozen=True)
class InteractionRow:
    interaction: Interaction
    note: str
    hidden_note: bool  # a restricted note of another structure


@dataclass(frozen=True)
class HandOffRow:
    handoff: HandOff
    acts: list[tuple[str, str]]
    late: bool
    checks_due: list[int]


@dataclass(frozen=True)
class OutcomeRow:
    outcome: Outcome
    followup_due: datetime.date
    followup_open: bool


@dataclass
class Overview:
    enrolments: list[Enrolment]
    exitable: list[Enrolment]  # open enrolments whose exit the actor may record
    weeks: list[Week]
    actions_open: list[Action] = field(default_factory=list)
    actions_closed: list[Action] = field(default_factory=list)
    interactions: list[InteractionRow] = field(default_factory=list)
    upcoming: list[Appointment] = field(default_factory=list)
    past: list[Appointment] = field(default_factory=list)
    attendances: list[Attendance] = field(default_factory=list)
    immersions: list[Immersion] = field(default_factory=list)
    aids: list[Aid] = field(default_factory=list)
    handoffs: list[HandOffRow] = field(default_factory=list)
    outcomes: list[OutcomeRow] = field(default_factory=list)
    reminders: list[Reminder] = field(default_factory=list)


def overview(actor: Actor, youth: Youth) -> Overview:
    on = today()
    enrolments = list(youth.enrolments.select_related("programme", "referent__user"))
    editable = editable_programme_ids(actor)
    result = Overview(
        enrolments=enrolments,
        exitable=[e for e in enrolments if e.is_active and e.programme_id in editable],
        weeks=recent_weeks(youth.pk, count=WEEKS, enrolments=enrolments),
    )
    for action in actions.actions_of(youth):
        (result.actions_open if action.is_open else result.actions_closed).append(action)
    result.actions_open.sort(key=lambda a: (a.due_on is None, a.due_on or on, a.pk))
    for interaction in interactions_of(youth)[:RECENT_INTERACTIONS]:
        note = interaction.note_for(actor.structure_id)
        result.interactions.append(
            InteractionRow(interaction, note, hidden_note=bool(interaction.note) and not note)
        )
    for appointment in appointments_of(youth):
        waiting = appointment.outcome == AppointmentOutcome.PLANNED
        (result.upcoming if waiting else result.past).append(appointment)
    result.upcoming.sort(key=lambda a: a.starts_at)
    result.attendances = list(
        Attendance.objects.filter(youth=youth)
        .select_related("session__workshop__structure")
        .order_by("-session__starts_at")
    )
    result.immersions = list(immersions_of(youth))
    result.aids = list(aid.aids_of(youth))
    for handoff in handoffs_of(youth):
        done = {check.milestone for check in handoff.checks.all()}
        due = [
            m
            for m in MILESTONES
            if handoff.status in UNDER_WAY
            and m not in done
            and (check_due_on(handoff, m) or on) - datetime.timedelta(days=14) <= on
        ]
        result.handoffs.append(
            HandOffRow(
                handoff,
                acts_from(handoffs.TRANSITIONS, handoff.status),
                handoffs.is_late(handoff, on),
                due,
            )
        )
    for outcome in Outcome.objects.filter(youth=youth).select_related("enrolment__programme"):
        due_on = followup_due_on(outcome)
        result.outcomes.append(OutcomeRow(outcome, due_on, outcome.followup_on is None))
    result.reminders = list(
        # What the referent has to do: their reminders, the only ones they may close.
        reminders_for(actor)
        .filter(youth=youth, due_on__lte=on)
        .select_related("handoff__target_structure")
    )
    _audit(actor, result)
    return result


def _audit(actor: Actor, found: Overview) -> None:
    shown: list[tuple[str, list[Any]]] = [
        ("action", [*found.actions_open, *found.actions_closed]),
        ("interaction", [row.interaction for row in found.interactions]),
        ("appointment", [*found.upcoming, *found.past]),
        ("attendance", found.attendances),
        ("immersion", found.immersions),
        ("aid", found.aids),
        ("handoff", [row.handoff for row in found.handoffs]),
        ("outcome", [row.outcome for row in found.outcomes]),
    ]
    log_lists(actor, shown)


@dataclass(frozen=True)
class Summary:
    """What the young person's file shows of the follow-up."""

    open_actions: int
    late_actions: int
    next_appointment: Appointment | None
    week: Week | None  # None: not enrolled this week
    handoffs_under_way: int
    late_handoffs: int
    aids_waiting: int
    outcome: Outcome | None


def summary(actor: Actor, youth: Youth) -> Summary:
    on = today()
    open_actions = [a for a in Action.objects.filter(youth=youth) if a.is_open]
    under_way = list(HandOff.objects.filter(youth=youth, status__in=UNDER_WAY))
    return Summary(
        open_actions=len(open_actions),
        late_actions=sum(1 for a in open_actions if a.due_on is not None and a.due_on < on),
        next_appointment=Appointment.objects.filter(
            youth=youth, outcome=AppointmentOutcome.PLANNED, starts_at__gte=timezone.now()
        )
        .order_by("starts_at")
        .first(),
        week=next(iter(recent_weeks(youth.pk, count=1)), None),
        handoffs_under_way=len(under_way),
        late_handoffs=sum(1 for h in under_way if handoffs.is_late(h, on)),
        aids_waiting=Aid.objects.filter(youth=youth, status=AidStatus.REQUESTED).count(),
        outcome=Outcome.objects.filter(youth=youth, enrolment__phase=Phase.EXITED)
        .order_by("-exited_on")
        .first(),
    )
