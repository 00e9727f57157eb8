"""The referent's home alerts, computed on the fly in a fixed number of queries: young
people without contact for N days (the programme's setting, 21 by default), immediate
needs waiting more than N days (7 by default), late actions, sent hand-offs without an
answer after 10 days, and the reminders due (3- and 6-month checks, exit follow-ups).

A case worker sees the young people they are referent of; a coordinator sees those of
every referent of their structure."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils import timezone

from accroche.access.actor import Actor
from accroche.access.permissions import Perm
from accroche.access.youth import youths_visible_to
from accroche.followup.common import log_list
from accroche.followup.handoffs import ACK_DAYS
from accroche.followup.models import (
    OPEN_ACTION_STATUSES,
    Action,
    HandOff,
    HandOffStatus,
    Reminder,
    ReminderKind,
)
from accroche.organisations.roles import Role
from accroche.youth.models import Diagnostic, Enrolment, Phase, Youth

SHOWN = 8  # rows shown per alert; the count says how many there are


@dataclass(frozen=True)
class Quiet:
    youth: Youth
    days: int | None  # days since the last contact; None: never (counted from entry)
    since_entry: int


@dataclass(frozen=True)
class Need:
    youth: Youth
    diagnostic: Diagnostic
    days: int


@dataclass
class HomeAlerts:
    whole_structure: bool
    quiet: list[Quiet] = field(default_factory=list)
    needs: list[Need] = field(default_factory=list)
    late_actions: list[Action] = field(default_factory=list)
    late_handoffs: list[HandOff] = field(default_factory=list)
    reminders: list[Reminder] = field(default_factory=list)
    shown: int = SHOWN

    @property
    def total(self) -> int:
        return (
            len(self.quiet)
            + len(self.needs)
            + len(self.late_actions)
            + len(self.late_handoffs)
            + len(self.reminders)
        )


def scope(actor: Actor) -> Q:
    """Active enrolments the actor answers for."""
    if actor.role == Role.COORDINATOR:
        return Q(referent__structure_id=actor.structure_id)
    return Q(referent=actor.membership)


def home_alerts(actor: Actor, now: datetime.datetime | None = None) -> HomeAlerts | None:
    """None for roles that follow no young person. Logs the files whose name it shows."""
    if not actor.can(Perm.VIEW_YOUTH):
        return None
    now = now or timezone.now()
    today = timezone.localdate(now)
    visible = youths_visible_to(actor)
    alerts = HomeAlerts(whole_structure=actor.role == Role.COORDINATOR)
    enrolments = (
        Enrolment.objects.filter(scope(actor), youth__in=visible)
        .exclude(phase=Phase.EXITED)
        .select_related("youth", "programme")
        .order_by("entry_date", "pk")
    )
    no_contact_days: dict[int, int] = {}
    need_days: dict[int, int] = {}
    youths: dict[int, Youth] = {}
    entries: dict[int, datetime.date] = {}
    for enrolment in enrolments:
        pk = enrolment.youth_id
        youths[pk] = enrolment.youth
        programme = enrolment.programme
        no_contact_days[pk] = min(no_contact_days.get(pk, 10_000), programme.no_contact_alert_days)
        need_days[pk] = min(need_days.get(pk, 10_000), programme.immediate_need_alert_days)
        entries[pk] = min(entries.get(pk, enrolment.entry_date), enrolment.entry_date)
    for pk, youth in youths.items():
        since_entry = (today - entries[pk]).days
        if youth.last_contact_at is None:
            if since_entry >= no_contact_days[pk]:
                alerts.quiet.append(Quiet(youth, None, since_entry))
        else:
            days = (today - timezone.localtime(youth.last_contact_at).date()).days
            if days >= no_contact_days[pk]:
                alerts.quiet.append(Quiet(youth, days, since_entry))
    alerts.quiet.sort(key=lambda q: -(q.days if q.days is not None else q.since_entry))
    waiting = Diagnostic.objects.filter(
        youth_id__in=list(youths),
        immediate_need_met_on__isnull=True,
        immediate_need_on__isnull=False,
    ).exclude(immediate_need="")
    for diagnostic in waiting.order_by("immediate_need_on", "pk"):
        assert diagnostic.immediate_need_on is not None
        days = (today - diagnostic.immediate_need_on).days
        if days > need_days[diagnostic.youth_id]:
            alerts.needs.append(Need(youths[diagnostic.youth_id], diagnostic, days))
    alerts.late_actions = list(
        Action.objects.filter(status__in=OPEN_ACTION_STATUSES, due_on__lt=today)
        .filter(Q(youth_id__in=list(youths)) | Q(owner=actor.membership))
        .filter(youth__in=visible)
        .select_related("youth", "category", "owner__user")
        .order_by("due_on", "pk")
    )
    alerts.late_handoffs = list(
        HandOff.objects.filter(
            youth_id__in=list(youths),
            status=HandOffStatus.SENT,
            sent_on__lte=today - datetime.timedelta(days=ACK_DAYS),
        )
        .select_related("youth", "target_structure")
        .order_by("sent_on", "pk")
    )
    # A sent hand-off without an answer is already a live alert above.
    alerts.reminders = list(
        # Closed enrolments too: an exit's follow-up comes six months after it.
        Reminder.objects.filter(
            enrolment__in=Enrolment.objects.filter(scope(actor)),
            youth__in=visible,
            done_at__isnull=True,
            due_on__lte=today,
        )
        .exclude(kind=ReminderKind.HANDOFF_UNACKNOWLEDGED)
        .select_related("youth", "handoff__target_structure")
        .order_by("due_on", "pk")
    )
    shown = {
        *(q.youth for q in alerts.quiet[:SHOWN]),
        *(n.youth for n in alerts.needs[:SHOWN]),
        *(a.youth for a in alerts.late_actions[:SHOWN]),
        *(h.youth for h in alerts.late_handoffs[:SHOWN]),
        *(r.youth for r in alerts.reminders[:SHOWN]),
    }
    log_list(actor, "youth", sorted(shown, key=lambda y: y.pk))
    return alerts
