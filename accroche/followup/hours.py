"""Hours of activity per young person per ISO week, against the CEJ rhythm (15 to 20 hours
a week is the practice, not the law): workshop sessions attended, working days of company
immersions, and individual activities (interviews, home visits, accompanying in person)."""

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _

from accroche.followup.models import (
    ACTIVITY_KINDS,
    Attendance,
    AttendanceStatus,
    Immersion,
    Interaction,
)
from accroche.youth.models import Enrolment

CEJ_MIN = Decimal("15")
CEJ_MAX = Decimal("20")
SIXTY = Decimal("60")
SIX_DAYS = datetime.timedelta(days=6)


def monday_of(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=day.weekday())


@dataclass
class Week:
    monday: datetime.date
    workshops: Decimal = Decimal("0")
    immersions: Decimal = Decimal("0")
    individual: Decimal = Decimal("0")

    @property
    def total(self) -> Decimal:
        return self.workshops + self.immersions + self.individual

    @property
    def iso(self) -> tuple[int, int]:
        year, week, _day = self.monday.isocalendar()
        return year, week

    @property
    def band(self) -> str:
        """``below``, ``within`` or ``above`` the CEJ rhythm."""
        if self.total < CEJ_MIN:
            return "below"
        return "above" if self.total > CEJ_MAX else "within"

    @property
    def band_label(self) -> str:
        return {
            "below": _("en dessous du rythme CEJ"),
            "within": _("dans le rythme CEJ"),
            "above": _("au-dessus du rythme CEJ"),
        }[self.band]


def _bounds(
    first: datetime.date, last: datetime.date
) -> tuple[datetime.datetime, datetime.datetime]:
    start = timezone.make_aware(datetime.datetime.combine(monday_of(first), datetime.time.min))
    end_day = monday_of(last) + datetime.timedelta(days=7)
    return start, timezone.make_aware(datetime.datetime.combine(end_day, datetime.time.min))


def weekly_hours(
    youth_ids: Iterable[int], first: datetime.date, last: datetime.date
) -> dict[int, dict[datetime.date, Week]]:
    """{youth id: {monday: Week}} for the ISO weeks from ``first``'s to ``last``'s, only
    weeks with some activity. Three queries, whatever the number of young people."""
    ids = list(youth_ids)
    start, end = _bounds(first, last)
    result: dict[int, dict[datetime.date, Week]] = defaultdict(dict)

    def week(youth_id: int, day: datetime.date) -> Week:
        monday = monday_of(day)
        return result[youth_id].setdefault(monday, Week(monday))

    attended = Attendance.objects.filter(
        youth_id__in=ids,
        status=AttendanceStatus.PRESENT,
        session__starts_at__gte=start,
        session__starts_at__lt=end,
    ).values_list("youth_id", "session__starts_at", "session__duration_minutes")
    for youth_id, starts_at, minutes in attended:
        week(youth_id, timezone.localtime(starts_at).date()).workshops += Decimal(minutes) / SIXTY
    immersions = Immersion.objects.filter(
        youth_id__in=ids, start_on__lt=end.date(), end_on__gte=start.date()
    ).values_list("youth_id", "start_on", "end_on", "daily_hours")
    for youth_id, start_on, end_on, daily in immersions:
        day = max(start_on, start.date())
        while day <= min(end_on, end.date() - datetime.timedelta(days=1)):
            if day.weekday() < 5:  # working days only
                week(youth_id, day).immersions += daily
            day += datetime.timedelta(days=1)
    individual = Interaction.objects.filter(
        youth_id__in=ids,
        kind__in=ACTIVITY_KINDS,
        duration_minutes__isnull=False,
        happened_at__gte=start,
        happened_at__lt=end,
    ).values_list("youth_id", "happened_at", "duration_minutes")
    for youth_id, happened_at, spent in individual:
        week(youth_id, timezone.localtime(happened_at).date()).individual += (
            Decimal(spent or 0) / SIXTY
        )
    return result


Span = tuple[datetime.date, datetime.date]


def enrolled_spans(enrolments: Iterable[Enrolment], until: datetime.date) -> list[Span]:
    """(entry, exit) of each enrolment, an open one running to ``until``."""
    return [(e.entry_date, e.exited_on or until) for e in enrolments]


def recent_weeks(
    youth_id: int,
    count: int = 8,
    until: datetime.date | None = None,
    enrolments: Iterable[Enrolment] | None = None,
) -> list[Week]:
    """The last ``count`` ISO weeks up to ``until``'s, newest first, empty ones included,
    but only the weeks that overlap an enrolment: before entry or after exit the young
    person is not expected to keep the CEJ rhythm, so no "below" week is shown there.
    ``enrolments``: the young person's, when the caller already has them (saves a query)."""
    until = until or timezone.localdate()
    if enrolments is None:
        enrolments = Enrolment.objects.filter(youth_id=youth_id).only("entry_date", "exited_on")
    spans = enrolled_spans(enrolments, until)
    last = monday_of(until)
    mondays = [
        monday
        for monday in (last - datetime.timedelta(weeks=i) for i in range(count))
        if any(entry <= monday + SIX_DAYS and monday <= exit for entry, exit in spans)
    ]
    if not mondays:
        return []
    found = weekly_hours([youth_id], mondays[-1], until).get(youth_id, {})
    return [found.get(monday) or Week(monday) for monday in mondays]
