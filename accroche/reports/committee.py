"""The committee report for a period: key figures (the dashboard's funnel against the
targets, the FSE+ participants), charts, and the cases to review, pseudonymised under
the programme's key (a committee discusses situations, not names):

- hand-offs sent and still without an answer after ``ACK_DAYS`` days;
- young people in follow-up without any contact for ``QUIET_DAYS`` days (counted from
  the entry when there was never one);
- material aid requested and still waiting for a decision.

Each kind lists its longest waits (``CASES_SHOWN``) and says how many there are.

Cases are those of the report's last day, whatever the structure holding the file."""

import datetime
from dataclasses import dataclass

from django.db.models import DateField, Q
from django.db.models.functions import Coalesce, TruncDate
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from accroche.followup.handoffs import ACK_DAYS
from accroche.followup.models import Aid, AidStatus, HandOff, HandOffStatus, Outcome, OutcomeKind
from accroche.reports import committee_charts as charts
from accroche.reports.filters import ReportFilter, enrolments_for, youth_q
from accroche.reports.fse import FseReport, fse_report
from accroche.reports.indicators import Stage, funnel
from accroche.reports.pic import PicReport, pic_report
from accroche.reports.pseudonymise import programme_key, pseudonym
from accroche.youth.models import Phase

QUIET_DAYS = 30
CASES_SHOWN = 25  # per kind, the longest waits; the totals say how many there are


@dataclass(frozen=True)
class Case:
    kind: str | Promise
    pseudonym: str
    structure: str
    since: datetime.date
    days: int
    detail: str | Promise = ""


@dataclass
class Cases:
    """The longest waits of each kind (``CASES_SHOWN`` at most), and how many there are."""

    shown: list[Case]
    totals: list[tuple[str | Promise, int]]

    @property
    def total(self) -> int:
        return sum(n for _kind, n in self.totals)


@dataclass
class CommitteeReport:
    filter: ReportFilter
    on: datetime.date
    stages: list[Stage]
    fse: FseReport
    pic: PicReport
    exits: list[tuple[str, int]]
    cases: Cases
    charts: dict[str, str]


def _late_handoffs(f: ReportFilter, on: datetime.date, key: bytes) -> tuple[int, list[Case]]:
    handoffs = HandOff.objects.filter(
        youth_q(f, "youth__"),
        enrolment__programme=f.programme,
        status=HandOffStatus.SENT,
        sent_on__lte=on - datetime.timedelta(days=ACK_DAYS),
    )
    oldest = handoffs.order_by("sent_on", "pk").values_list(
        "youth_id", "youth__holder_structure__name", "sent_on", "target"
    )[:CASES_SHOWN]
    targets = dict(HandOff._meta.get_field("target").choices)  # type: ignore[arg-type]
    return handoffs.count(), [
        Case(_("Relais sans réponse"), pseudonym(key, y), s, sent, (on - sent).days, targets[t])
        for y, s, sent, t in oldest
        if sent is not None  # always set on a sent hand-off; the column allows none
    ]


def _quiet(f: ReportFilter, on: datetime.date, key: bytes) -> tuple[int, list[Case]]:
    limit = timezone.make_aware(datetime.datetime.combine(on, datetime.time.min))
    limit -= datetime.timedelta(days=QUIET_DAYS)
    enrolments = (
        enrolments_for(f)
        .exclude(phase=Phase.EXITED)
        .filter(entry_date__lte=on, outcome__isnull=True)
        .filter(
            Q(youth__last_contact_at__lt=limit)
            | Q(youth__last_contact_at__isnull=True, entry_date__lte=limit.date())
        )
    )
    since = Coalesce(TruncDate("youth__last_contact_at"), "entry_date", output_field=DateField())
    oldest = (
        enrolments.annotate(since=since)
        .order_by("since", "pk")
        .values_list("youth_id", "youth__holder_structure__name", "youth__last_contact_at", "since")
    )[:CASES_SHOWN]
    cases = []
    for youth_id, structure, last, day in oldest:
        detail = "" if last else _("jamais contacté·e depuis l'entrée")
        cases.append(
            Case(
                _("Sans contact"), pseudonym(key, youth_id), structure, day, (on - day).days, detail
            )
        )
    return enrolments.count(), cases


def _waiting_aid(f: ReportFilter, on: datetime.date, key: bytes) -> tuple[int, list[Case]]:
    aids = Aid.objects.filter(
        youth_q(f, "youth__"),
        budget_line__programme=f.programme,
        status=AidStatus.REQUESTED,
        requested_on__lte=on,
    )
    oldest = aids.order_by("requested_on", "pk").values_list(
        "youth_id", "youth__holder_structure__name", "requested_on", "amount"
    )[:CASES_SHOWN]
    return aids.count(), [
        Case(
            _("Aide en attente"),
            pseudonym(key, y),
            s,
            asked,
            (on - asked).days,
            f"{number_format(amount, 2)} €",
        )
        for y, s, asked, amount in oldest
    ]


def cases_to_review(f: ReportFilter, on: datetime.date) -> Cases:
    key = programme_key(f.programme)
    shown: list[Case] = []
    totals: list[tuple[str | Promise, int]] = []
    for label, find in (
        (_("Relais sans réponse"), _late_handoffs),
        (_("Sans contact"), _quiet),
        (_("Aide en attente"), _waiting_aid),
    ):
        total, cases = find(f, on, key)
        totals.append((label, total))
        shown += cases
    return Cases(sorted(shown, key=lambda case: (-case.days, case.pseudonym)), totals)


def exits_by_kind(f: ReportFilter) -> list[tuple[str, int]]:
    kinds = Outcome.objects.filter(
        youth_q(f, "youth__"),
        enrolment__programme=f.programme,
        exited_on__gte=f.start,
        exited_on__lte=f.end,
    ).values_list("kind", flat=True)
    labels = dict(OutcomeKind.choices)
    counts: dict[str, int] = {}
    for kind in kinds:
        counts[kind] = counts.get(kind, 0) + 1
    return sorted(((str(labels[k]), n) for k, n in counts.items()), key=lambda item: -item[1])


def committee_report(f: ReportFilter, on: datetime.date | None = None) -> CommitteeReport:
    on = min(on or timezone.localdate(), f.end)
    stages = funnel(f)
    pic = pic_report(f)
    exits = exits_by_kind(f)
    return CommitteeReport(
        filter=f,
        on=on,
        stages=stages,
        fse=fse_report(f),
        pic=pic,
        exits=exits,
        cases=cases_to_review(f, on),
        charts={
            "funnel": charts.funnel_chart(stages),
            "communes": charts.communes_chart(pic),
            "exits": charts.exits_chart(exits),
        },
    )
