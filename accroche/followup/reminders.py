"""Reminders the scheduled job creates for the referents: a sent hand-off without an
answer after 10 days, the 3- and 6-month checks of a hand-off, the 6-month follow-up of
an exit. Doing the thing closes its reminder; a referent may also close one by hand."""

import datetime

from django.db import transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone

from accroche.access.actor import Actor
from accroche.access.permissions import Perm
from accroche.followup.common import add_months, log_update, one
from accroche.followup.exits import FOLLOWUP_MONTHS
from accroche.followup.handoffs import ACK_DAYS
from accroche.followup.models import (
    UNDER_WAY,
    HandOff,
    HandOffCheck,
    HandOffStatus,
    Outcome,
    Reminder,
    ReminderKind,
)
from accroche.youth.access import visible_rows

CHECKS = ((3, ReminderKind.HANDOFF_CHECK_3M), (6, ReminderKind.HANDOFF_CHECK_6M))


def _reminded(kind: str) -> Exists:
    return Exists(Reminder.objects.filter(kind=kind, handoff=OuterRef("pk")))


def due_reminders(on: datetime.date) -> list[Reminder]:
    """Reminders that should exist on ``on`` and do not yet (a fixed number of queries)."""
    found: list[Reminder] = []
    unanswered = HandOff.objects.filter(
        status=HandOffStatus.SENT, sent_on__lte=on - datetime.timedelta(days=ACK_DAYS)
    ).exclude(_reminded(ReminderKind.HANDOFF_UNACKNOWLEDGED))
    for handoff in unanswered.only("pk", "youth_id", "enrolment_id", "sent_on"):
        assert handoff.sent_on is not None
        found.append(
            Reminder(
                kind=ReminderKind.HANDOFF_UNACKNOWLEDGED,
                handoff=handoff,
                youth_id=handoff.youth_id,
                enrolment_id=handoff.enrolment_id,
                due_on=handoff.sent_on + datetime.timedelta(days=ACK_DAYS),
            )
        )
    for months, kind in CHECKS:
        checked = HandOffCheck.objects.filter(handoff=OuterRef("pk"), milestone=months)
        to_check = (
            HandOff.objects.filter(status__in=UNDER_WAY, sent_on__lte=add_months(on, -months))
            .exclude(_reminded(kind))
            .exclude(Exists(checked))
        )
        for handoff in to_check.only("pk", "youth_id", "enrolment_id", "sent_on"):
            assert handoff.sent_on is not None
            found.append(
                Reminder(
                    kind=kind,
                    handoff=handoff,
                    youth_id=handoff.youth_id,
                    enrolment_id=handoff.enrolment_id,
                    due_on=add_months(handoff.sent_on, months),
                )
            )
    reminded = Reminder.objects.filter(kind=ReminderKind.EXIT_FOLLOWUP_6M, outcome=OuterRef("pk"))
    outcomes = Outcome.objects.filter(
        followup_on__isnull=True, exited_on__lte=add_months(on, -FOLLOWUP_MONTHS)
    ).exclude(Exists(reminded))
    for outcome in outcomes.only("pk", "youth_id", "enrolment_id", "exited_on"):
        found.append(
            Reminder(
                kind=ReminderKind.EXIT_FOLLOWUP_6M,
                outcome=outcome,
                youth_id=outcome.youth_id,
                enrolment_id=outcome.enrolment_id,
                due_on=add_months(outcome.exited_on, FOLLOWUP_MONTHS),
            )
        )
    return found


@transaction.atomic
def create_due_reminders(on: datetime.date | None = None) -> int:
    """Idempotent: a reminder exists once per thing and kind (unique constraints)."""
    reminders = due_reminders(on or timezone.localdate())
    Reminder.objects.bulk_create(reminders, ignore_conflicts=True)
    return len(reminders)


def reminders_for(actor: Actor) -> QuerySet[Reminder]:
    """Open reminders of the enrolments the actor is referent of, on visible files."""
    if not actor.can(Perm.VIEW_YOUTH):
        return Reminder.objects.none()
    return Reminder.objects.filter(
        visible_rows(actor), done_at__isnull=True, enrolment__referent=actor.membership
    )


@transaction.atomic
def do_close_reminder(actor: Actor, pk: int) -> Reminder:
    actor.require(Perm.EDIT_YOUTH)
    reminder = one(reminders_for(actor).select_for_update(), pk)
    reminder.done_at = timezone.now()
    reminder.save(update_fields=["done_at"])
    log_update(actor, "reminder", reminder, ["done_at"])
    return reminder
