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
from accroche.youth.access import visible_rows
from accroche.youth.models import Diagnostic, Enrolment, Phase, Youth

SHOWN = 8  # rows shown per alert; the count says how many there are


@dataclass
class Quiet:
    youth_id: int
    days: int | None  # days since the last contact; None: never (counted from entry)
    since_entry: int
    youth: Youth | None = None  # loaded for the rows shown only


# With the id, in the model's order, as ``Model.from_db`` takes them.
NAME_ATTNAMES = [
    f.attname for f in Youth._meta.concrete_fields if f.attname in {"id", *Youth.NAME_FIELDS}
]


def named_youth(db: str, pk: int, values: tuple[object, ...]) -> Youth:
    """The young person as ``Youth.objects.only(*Youth.NAME_FIELDS)`` would read them,
    from the values of those fields (in that order) read with another table's rows."""
    row = {"id": pk, **dict(zip(Youth.NAME_FIELDS, values, strict=True))}
    return Youth.from_db(db, NAME_ATTNAMES, [row[name] for name in NAME_ATTNAMES])


# A young person's name through a row's ``youth`` (with select_related): the alerts read
# only what the home page shows, not the young person's forty columns nor encrypted notes.
YOUTH_NAME = ("youth", *(f"youth__{name}" for name in Youth.NAME_FIELDS))
# What HandOff.receiver reads.
RECEIVER = ("target", "target_name", "target_structure", "target_structure__name")


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
    if actor.can(Perm.SEE_STRUCTURE_ALERTS):
        return Q(referent__structure_id=actor.structure_id)
    return Q(referent=actor.membership)


def home_alerts(actor: Actor, now: datetime.datetime | None = None) -> HomeAlerts | None:
    """None for roles that follow no young person. Logs the files whose name it shows."""
    if not actor.can(Perm.VIEW_YOUTH):
        return None
    now = now or timezone.now()
    today = timezone.localdate(now)
    visible = visible_rows(actor)
    alerts = HomeAlerts(whole_structure=actor.can(Perm.SEE_STRUCTURE_ALERTS))
    # Tuples, not models: a referent may follow a hundred young people and only the first
    # few quiet ones are shown (their names are loaded below).
    enrolments = (
        Enrolment.objects.filter(scope(actor), visible)
        .exclude(phase=Phase.EXITED)
        .order_by("entry_date", "pk")
        .values_list(
            "youth_id",
            "entry_date",
            "youth__last_contact_at",
            "programme__no_contact_alert_days",
            "programme__immediate_need_alert_days",
            *(f"youth__{name}" for name in Youth.NAME_FIELDS),
        )
    )
    no_contact_days: dict[int, int] = {}
    need_days: dict[int, int] = {}
    last_contacts: dict[int, datetime.datetime | None] = {}
    entries: dict[int, datetime.date] = {}
    names: dict[int, tuple[object, ...]] = {}
    for pk, entry_date, last_contact_at, quiet_after, need_after, *name in enrolments:
        names[pk] = tuple(name)
        last_contacts[pk] = last_contact_at
        no_contact_days[pk] = min(no_contact_days.get(pk, 10_000), quiet_after)
        need_days[pk] = min(need_days.get(pk, 10_000), need_after)
        entries[pk] = min(entries.get(pk, entry_date), entry_date)
    for pk, last_contact_at in last_contacts.items():
        since_entry = (today - entries[pk]).days
        if last_contact_at is None:
            if since_entry >= no_contact_days[pk]:
                alerts.quiet.append(Quiet(pk, None, since_entry))
        else:
            days = (today - timezone.localtime(last_contact_at).date()).days
            if days >= no_contact_days[pk]:
                alerts.quiet.append(Quiet(pk, days, since_entry))
    alerts.quiet.sort(key=lambda q: -(q.days if q.days is not None else q.since_entry))
    for quiet in alerts.quiet[:SHOWN]:
        quiet.youth = named_youth(enrolments.db, quiet.youth_id, names[quiet.youth_id])
    waiting = Diagnostic.objects.filter(
        youth_id__in=list(last_contacts),
        immediate_need_met_on__isnull=True,
        immediate_need_on__isnull=False,
    ).exclude(immediate_need="")
    waiting = waiting.select_related("youth").only(
        "immediate_need", "immediate_need_on", *YOUTH_NAME
    )
    for diagnostic in waiting.order_by("immediate_need_on", "pk"):
        assert diagnostic.immediate_need_on is not None
        days = (today - diagnostic.immediate_need_on).days
        if days > need_days[diagnostic.youth_id]:
            alerts.needs.append(Need(diagnostic.youth, diagnostic, days))
    alerts.late_actions = list(
        Action.objects.filter(status__in=OPEN_ACTION_STATUSES, due_on__lt=today)
        .filter(Q(youth_id__in=list(last_contacts)) | Q(owner=actor.membership))
        .filter(visible)
        .select_related("youth")
        .only("title", "due_on", *YOUTH_NAME)
        .order_by("due_on", "pk")
    )
    alerts.late_handoffs = list(
        HandOff.objects.filter(
            youth_id__in=list(last_contacts),
            status=HandOffStatus.SENT,
            sent_on__lte=today - datetime.timedelta(days=ACK_DAYS),
        )
        .select_related("youth", "target_structure")
        .only("sent_on", *RECEIVER, *YOUTH_NAME)
        .order_by("sent_on", "pk")
    )
    # A sent hand-off without an answer is already a live alert above.
    alerts.reminders = list(
        # Closed enrolments too: an exit's follow-up comes six months after it.
        Reminder.objects.filter(
            visible,
            enrolment__in=Enrolment.objects.filter(scope(actor)),
            done_at__isnull=True,
            due_on__lte=today,
        )
        .exclude(kind=ReminderKind.HANDOFF_UNACKNOWLEDGED)
        .select_related("youth", "handoff__target_structure")
        .only("kind", "outcome", "handoff", *(f"handoff__{f}" for f in RECEIVER), *YOUTH_NAME)
        .order_by("due_on", "pk")
    )
    shown = {
        *(q.youth for q in alerts.quiet[:SHOWN] if q.youth is not None),
        *(n.youth for n in alerts.needs[:SHOWN]),
        *(a.youth for a in alerts.late_actions[:SHOWN]),
        *(h.youth for h in alerts.late_handoffs[:SHOWN]),
        *(r.youth for r in alerts.reminders[:SHOWN]),
    }
    log_list(actor, "youth", sorted(shown, key=lambda y: y.pk))
    return alerts
