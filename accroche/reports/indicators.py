"""The dashboard's figures for a programme and a period, each computed by a few aggregate
queries and each carrying a drill-down key: ``youths_behind(f, key)`` (accroche.reports.drill)
lists the records behind it.

The funnel counts events of the period, each stage on its own (not a cohort followed over
time), as funders count them:

- anonymous contacts: the anonymous counter grid of the period's outreach sessions;
- identified: young people whose first named contact in the programme is in the period;
- diagnosed: young people of the programme with a diagnostic done in the period;
- enrolled: young people entered into the programme in the period;
- handed off: young people with a hand-off sent in the period (and among them, to the
  public employment service: Mission Locale, France Travail, CEJ);
- positive exit: young people who left in the period to a job, training, CEJ…
"""

import datetime
import statistics
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import numpy as np
from django.db.models import (
    Count,
    Min,
    Q,
    QuerySet,
    Sum,
)
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accroche.followup.budget import with_usage
from accroche.followup.models import (
    ACTIVITY_KINDS,
    COMMITTED,
    POSITIVE_OUTCOMES,
    Aid,
    Attendance,
    AttendanceStatus,
    BudgetLine,
    HandOff,
    HandOffTarget,
    Immersion,
    Interaction,
    Outcome,
    OutcomeKind,
)
from accroche.organisations.models import Target
from accroche.outreach.models import Contact, OutreachSession, Place
from accroche.reports.filters import (
    ReportFilter,
    enrolments_for,
    session_counts_for,
    sessions_for,
    youth_q,
)
from accroche.youth.models import Diagnostic, Enrolment, Youth

SPE_TARGETS = (HandOffTarget.MISSION_LOCALE, HandOffTarget.FRANCE_TRAVAIL, HandOffTarget.CEJ)

# --- the young people behind each figure ---------------------------------------------


def _first_contacts(f: ReportFilter) -> "QuerySet[Contact, dict[str, Any]]":
    """(youth, first contact day) in the programme, over all time."""
    return (
        Contact.objects.filter(programme=f.programme, youth__isnull=False)
        .values("youth_id")
        .annotate(first=Min("happened_at"))
    )


def _identified(f: ReportFilter) -> Q:
    firsts = _first_contacts(f).filter(first__gte=f.start_at, first__lt=f.end_at)  # type: ignore[misc]
    return Q(pk__in=firsts.values("youth_id"))


def _diagnosed(f: ReportFilter) -> Q:
    done = Diagnostic.objects.filter(done_on__gte=f.start, done_on__lte=f.end)
    return Q(pk__in=done.values("youth_id")) & _in_programme(f)


def _in_programme(f: ReportFilter) -> Q:
    return Q(pk__in=Enrolment.objects.filter(programme=f.programme).values("youth_id"))


def _enrolled(f: ReportFilter) -> Q:
    entered = Enrolment.objects.filter(
        programme=f.programme, entry_date__gte=f.start, entry_date__lte=f.end
    )
    return Q(pk__in=entered.values("youth_id"))


def _sent(f: ReportFilter) -> QuerySet[HandOff]:
    return HandOff.objects.filter(
        enrolment__programme=f.programme, sent_on__gte=f.start, sent_on__lte=f.end
    )


def _handed_off(f: ReportFilter) -> Q:
    return Q(pk__in=_sent(f).values("youth_id"))


def _handed_off_spe(f: ReportFilter) -> Q:
    return Q(pk__in=_sent(f).filter(target__in=SPE_TARGETS).values("youth_id"))


def _exits(f: ReportFilter) -> QuerySet[Outcome]:
    return Outcome.objects.filter(
        enrolment__programme=f.programme, exited_on__gte=f.start, exited_on__lte=f.end
    )


def _positive_exit(f: ReportFilter) -> Q:
    return Q(pk__in=_exits(f).filter(kind__in=POSITIVE_OUTCOMES).values("youth_id"))


def _cej(f: ReportFilter) -> Q:
    handed = _sent(f).filter(target=HandOffTarget.CEJ).order_by().values("youth_id")
    exited = _exits(f).filter(kind=OutcomeKind.CEJ).order_by().values("youth_id")
    # One set, not "in handed OR in exited": PostgreSQL answers such an OR by testing every
    # young person of the database (67 ms among 1.5 million, growing with the table).
    return Q(pk__in=handed.union(exited))


def _programme_youths(f: ReportFilter) -> QuerySet[Youth]:
    return Youth.objects.filter(_in_programme(f))


def _attended(f: ReportFilter) -> Q:
    present = _attendances(f).filter(status=AttendanceStatus.PRESENT)
    return Q(pk__in=present.values("youth_id"))


def _active(f: ReportFilter) -> Q:
    return (
        _attended(f)
        | Q(pk__in=_interactions(f).values("youth_id"))
        | Q(pk__in=_immersions(f).values("youth_id"))
    )


def _all_enrolled(f: ReportFilter) -> Q:
    # Not narrowed by the filter: the cost per young person is the whole programme's.
    return Q(pk__in=Enrolment.objects.filter(programme=f.programme).values("youth_id"))


YOUTH_FIGURES: dict[str, Callable[[ReportFilter], Q]] = {
    "identified": _identified,
    "diagnosed": _diagnosed,
    "enrolled": _enrolled,
    "handed_off": _handed_off,
    "handed_off_spe": _handed_off_spe,
    "cej": _cej,
    "positive_exit": _positive_exit,
    "attended": _attended,
    "active": _active,
}
UNFILTERED_FIGURES: dict[str, Callable[[ReportFilter], Q]] = {"all_enrolled": _all_enrolled}
DRILL_KEYS = (*YOUTH_FIGURES, *UNFILTERED_FIGURES, "aid")


def youths_behind(f: ReportFilter, key: str, line: BudgetLine | None = None) -> QuerySet[Youth]:
    """Every young person behind a figure (not limited to what a user may see)."""
    if key == "aid":
        aids = Aid.objects.filter(budget_line__programme=f.programme, status__in=COMMITTED)
        if line is not None:
            aids = aids.filter(budget_line=line)
        return Youth.objects.filter(pk__in=aids.values("youth_id"))
    if key in UNFILTERED_FIGURES:
        return Youth.objects.filter(UNFILTERED_FIGURES[key](f))
    return Youth.objects.filter(youth_q(f), YOUTH_FIGURES[key](f))


# --- the funnel ----------------------------------------------------------------------


@dataclass
class Stage:
    key: str
    label: str
    value: int
    target: int | None = None
    target_max: int | None = None
    drillable: bool = True  # anonymous counts have no record to list
    indent: bool = False

    @property
    def percent_of_target(self) -> int | None:
        if not self.target:
            return None
        return round(100 * self.value / self.target)


FUNNEL = [
    ("contacts", _("Contacts anonymes (comptages des sorties)"), Target.Indicator.SPOTTED),
    ("identified", _("Jeunes identifiés (premier contact nommé)"), Target.Indicator.IDENTIFIED),
    ("diagnosed", _("Jeunes diagnostiqués"), None),
    ("enrolled", _("Jeunes entrés en accompagnement"), Target.Indicator.ENROLLED),
    ("handed_off", _("Jeunes orientés (relais envoyé)"), None),
    (
        "handed_off_spe",
        _("dont vers le service public de l'emploi (ML, France Travail, CEJ)"),
        Target.Indicator.HANDED_OFF,
    ),
    ("cej", _("dont entrées en CEJ"), Target.Indicator.CEJ),
    (
        "positive_exit",
        _("Sorties positives (emploi, formation, CEJ…)"),
        Target.Indicator.POSITIVE_EXIT,
    ),
]


def anonymous_contacts(f: ReportFilter) -> int:
    count: int = session_counts_for(f).aggregate(n=Coalesce(Sum("count"), 0))["n"]
    return count


def funnel(f: ReportFilter) -> list[Stage]:
    """One query per stage and one for the targets."""
    targets = {t.indicator: t for t in Target.objects.filter(programme=f.programme)}
    stages = []
    for key, label, indicator in FUNNEL:
        if key == "contacts":
            value, drillable = anonymous_contacts(f), False
        else:
            value, drillable = youths_behind(f, key).count(), True
        target = targets.get(indicator) if indicator else None
        stages.append(
            Stage(
                key=key,
                label=str(label),
                value=value,
                target=target.minimum if target else None,
                target_max=target.maximum if target else None,
                drillable=drillable,
                indent=key in ("handed_off_spe", "cej"),
            )
        )
    return stages


# --- durations -----------------------------------------------------------------------


@dataclass
class Durations:
    key: str
    label: str
    days: list[int] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.days)

    @property
    def quartiles(self) -> tuple[float, float, float] | None:
        """(first quartile, median, third quartile) in days."""
        if not self.days:
            return None
        if len(self.days) == 1:
            only = float(self.days[0])
            return only, only, only
        q1, median, q3 = statistics.quantiles(self.days, n=4, method="inclusive")
        return q1, median, q3


def _first_contact_days(f: ReportFilter, youth_ids: Q) -> dict[int, datetime.date]:
    """{youth id: day of the first named contact in the programme (local time)} for these
    young people of the programme. One grouped query: a hash aggregate whatever the
    planner's statistics, where a correlated subquery per file may scan the whole
    programme."""
    here = timezone.get_current_timezone()
    rows = (
        Contact.objects.filter(youth_ids, programme=f.programme)
        .values("youth_id")
        .annotate(first=Min("happened_at"))
        .values_list("youth_id", "first")
    )
    return {youth_id: first.astimezone(here).date() for youth_id, first in rows}


def durations(f: ReportFilter) -> list[Durations]:
    """Days from the first named contact to the entry (young people entered in the period)
    and to the first hand-off sent in the period. Three queries; a file with no contact
    recorded before the step is left out."""
    entered = enrolments_for(f).filter(entry_date__gte=f.start, entry_date__lte=f.end)
    handed = _sent(f).filter(youth_q(f, "youth__"))
    # Only the first contacts of the files counted here, not the programme's whole history.
    firsts = _first_contact_days(
        f,
        Q(youth_id__in=entered.values("youth_id")) | Q(youth_id__in=handed.values("youth_id")),
    )
    entered_rows = entered.values_list("youth_id", "entry_date")
    handed_rows = (
        handed.values("youth_id").annotate(sent=Min("sent_on")).values_list("youth_id", "sent")
    )
    result = []
    for key, label, rows in (
        ("enrolled", _("Du premier contact à l'entrée en accompagnement"), entered_rows),
        ("handed_off", _("Du premier contact au premier relais"), handed_rows),
    ):
        days = sorted(
            (step - firsts[youth_id]).days
            for youth_id, step in rows
            if youth_id in firsts and step >= firsts[youth_id]
        )
        result.append(Durations(key, str(label), days))
    return result


# --- attendance and hours ------------------------------------------------------------


def _attendances(f: ReportFilter) -> QuerySet[Attendance]:
    return Attendance.objects.filter(
        youth_q(f, "youth__"),
        session__workshop__programme=f.programme,
        session__starts_at__gte=f.start_at,
        session__starts_at__lt=f.end_at,
    )


def _programme_youth_ids(f: ReportFilter) -> "QuerySet[Enrolment, Any]":
    return enrolments_for(f).values("youth_id")


def _interactions(f: ReportFilter) -> QuerySet[Interaction]:
    return Interaction.objects.filter(
        youth_id__in=_programme_youth_ids(f),
        kind__in=ACTIVITY_KINDS,
        duration_minutes__isnull=False,
        happened_at__gte=f.start_at,
        happened_at__lt=f.end_at,
    )


def _immersions(f: ReportFilter) -> QuerySet[Immersion]:
    return Immersion.objects.filter(
        youth_id__in=_programme_youth_ids(f), start_on__lte=f.end, end_on__gte=f.start
    )


@dataclass
class Activity:
    registered: int
    present: int
    excused: int
    absent: int
    workshop_hours: Decimal
    individual_hours: Decimal
    immersion_hours: Decimal
    active_youths: int

    @property
    def marked(self) -> int:
        return self.present + self.excused + self.absent

    @property
    def attendance_rate(self) -> int | None:
        """Present among the marked registrations, in percent."""
        return round(100 * self.present / self.marked) if self.marked else None

    @property
    def total_hours(self) -> Decimal:
        return self.workshop_hours + self.individual_hours + self.immersion_hours

    @property
    def hours_per_youth(self) -> Decimal | None:
        if not self.active_youths:
            return None
        return (self.total_hours / self.active_youths).quantize(Decimal("0.1"))


def activity(f: ReportFilter) -> Activity:
    """Workshop attendance and hours of activity of the programme's young people in the
    period, counted as accroche.followup.hours counts them (workshops attended, working
    days of immersions, interviews, home visits and accompanying). Four queries."""
    status = AttendanceStatus
    att = _attendances(f).aggregate(
        registered=Count("pk", filter=Q(status=status.REGISTERED)),
        present=Count("pk", filter=Q(status=status.PRESENT)),
        excused=Count("pk", filter=Q(status=status.EXCUSED)),
        absent=Count("pk", filter=Q(status=status.ABSENT)),
        minutes=Coalesce(Sum("session__duration_minutes", filter=Q(status=status.PRESENT)), 0),
    )
    individual = _interactions(f).aggregate(minutes=Coalesce(Sum("duration_minutes"), 0))
    return Activity(
        registered=att["registered"],
        present=att["present"],
        excused=att["excused"],
        absent=att["absent"],
        workshop_hours=_hours(att["minutes"]),
        individual_hours=_hours(individual["minutes"]),
        immersion_hours=_immersion_hours(f),
        active_youths=_active_count(f),
    )


def _active_count(f: ReportFilter) -> int:
    """Young people with some activity: a union of ids, counted once each."""
    present = _attendances(f).filter(status=AttendanceStatus.PRESENT).values("youth_id").order_by()
    narrowed = Q(youth_id__in=Youth.objects.filter(youth_q(f)).values("pk"))
    individual = _interactions(f).filter(narrowed).values("youth_id").order_by()
    immersions = _immersions(f).filter(narrowed).values("youth_id").order_by()
    return present.union(individual, immersions).count()


def _hours(minutes: int) -> Decimal:
    return (Decimal(minutes) / 60).quantize(Decimal("0.1"))


def _immersion_hours(f: ReportFilter) -> Decimal:
    rows = list(
        _immersions(f)
        .filter(youth_q(f, "youth__"))
        .values_list("start_on", "end_on", "daily_hours")
    )
    if not rows:
        return Decimal("0.0")
    starts = np.array([max(start, f.start) for start, _end, _h in rows], dtype="datetime64[D]")
    ends = np.array(
        [min(end, f.end) + datetime.timedelta(days=1) for _start, end, _h in rows],
        dtype="datetime64[D]",
    )
    daily = np.array([float(h) for _start, _end, h in rows])
    # Working days only (Monday to Friday), as accroche.followup.hours counts them.
    total = float((np.busday_count(starts, ends) * daily).sum())
    return Decimal(str(round(total, 1)))


# --- money ---------------------------------------------------------------------------


def budget_lines(f: ReportFilter) -> QuerySet[BudgetLine]:
    """The programme's lines for the years of the period, with what is committed (approved
    or paid) and what is left. One query. Not narrowed by the young people's filters."""
    return with_usage(
        BudgetLine.objects.filter(
            programme=f.programme, year__gte=f.start.year, year__lte=f.end.year
        )
    ).order_by("year", "label")


@dataclass
class Cost:
    budget: Decimal
    enrolled: int

    @property
    def per_youth(self) -> Decimal | None:
        if not self.enrolled:
            return None
        return (self.budget / self.enrolled).quantize(Decimal("1"))


def cost(f: ReportFilter) -> Cost:
    """The programme's total budget divided by every young person it has enrolled."""
    enrolled = youths_behind(f, "all_enrolled").count()
    return Cost(budget=f.programme.total_budget, enrolled=enrolled)


# --- the map -------------------------------------------------------------------------


@dataclass
class PlaceFigure:
    pk: int
    name: str
    commune: str
    latitude: float | None
    longitude: float | None
    sessions: int
    contacts: int


def contacts_by_place(f: ReportFilter) -> list[PlaceFigure]:
    """Anonymous contacts counted at each place of the programme in the period. A session
    at several places counts at each of them. Three queries."""
    counts = dict(
        session_counts_for(f)
        .values("session__places")
        .annotate(n=Sum("count"))
        .values_list("session__places", "n")
    )
    sessions = dict(
        sessions_for(f).values("places").annotate(n=Count("pk")).values_list("places", "n")
    )
    places = Place.objects.filter(pk__in=[pk for pk in sessions if pk is not None])
    rows = [
        PlaceFigure(
            pk=place.pk,
            name=place.name,
            commune=place.commune.name if place.commune else "",
            latitude=place.latitude or None,
            longitude=place.longitude or None,
            sessions=sessions.get(place.pk, 0),
            contacts=counts.get(place.pk) or 0,
        )
        for place in places.select_related("commune")
    ]
    return sorted(rows, key=lambda row: (-row.contacts, row.name))


def sessions_behind(f: ReportFilter, place: Place | None = None) -> QuerySet[OutreachSession]:
    qs = sessions_for(f)
    if place is not None:
        qs = qs.filter(places=place)
    return qs
