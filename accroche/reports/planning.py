"""Where and when to go: for each place × weekday × time slot × season, the young people
counted per hour of presence, with an exact Poisson interval on that rate.

Exposure is the time teams were present (the sessions' durations; an open session has no
exposure and is left out). A session at several places counts, with its whole duration and
its whole count, at each of them. The day, slot and season are those of the session's start
in local time. The interval is the exact (Garwood) one: with ``k`` young people counted over
``T`` hours, [Γ⁻¹(α/2; k) / T, Γ⁻¹(1−α/2; k+1) / T]. Few hours → a wide interval.

Suggestions are ranked by the lower bound of the interval: a slot is suggested because it
reliably reaches young people, not because one lucky session did.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from django.db.models import (
    Count,
    DurationField,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce, ExtractHour, ExtractIsoWeekDay, ExtractMonth
from django.utils.translation import gettext_lazy as _
from scipy.stats import gamma

from accroche.outreach.models import Contact, OutreachSession, Place, SessionCount
from accroche.reports.filters import ReportFilter, count_cells_q, sessions_for

CONFIDENCE = 0.90

SLOTS = {
    "morning": _("matin (6 h – 12 h)"),
    "afternoon": _("après-midi (12 h – 18 h)"),
    "evening": _("soirée (18 h – 22 h)"),
    "night": _("nuit (22 h – 6 h)"),
}
SEASONS = {
    "winter": _("hiver (déc.–fév.)"),
    "spring": _("printemps (mars–mai)"),
    "summer": _("été (juin–août)"),
    "autumn": _("automne (sept.–nov.)"),
}
WEEKDAYS = {
    1: _("lundi"),
    2: _("mardi"),
    3: _("mercredi"),
    4: _("jeudi"),
    5: _("vendredi"),
    6: _("samedi"),
    7: _("dimanche"),
}


def slot_of(hour: int) -> str:
    if 6 <= hour < 12:
        return "morning"
    if 12 <= hour < 18:
        return "afternoon"
    if 18 <= hour < 22:
        return "evening"
    return "night"


def season_of(month: int) -> str:
    return {12: "winter", 1: "winter", 2: "winter", 3: "spring", 4: "spring", 5: "spring",
            6: "summer", 7: "summer", 8: "summer"}.get(month, "autumn")  # fmt: skip


def rate_interval(count: int, hours: float, confidence: float = CONFIDENCE) -> tuple[float, float]:
    """Exact Poisson interval of a rate: ``count`` events over ``hours`` of exposure."""
    lows, highs = rate_intervals(np.array([count]), np.array([hours]), confidence)
    return float(lows[0]), float(highs[0])


def rate_intervals(
    counts: np.ndarray, hours: np.ndarray, confidence: float = CONFIDENCE
) -> tuple[np.ndarray, np.ndarray]:
    """The same for arrays of counts and exposures, in one call."""
    alpha = 1 - confidence
    if not len(counts):
        return np.array([]), np.array([])
    # Γ⁻¹(α/2; 0) is 0: no young people counted, the rate may be 0.
    lows = np.where(counts > 0, gamma.ppf(alpha / 2, np.maximum(counts, 1)), 0.0) / hours
    highs = gamma.ppf(1 - alpha / 2, counts + 1) / hours
    return lows, highs


Cell = tuple[int, int, str, str]  # place, weekday, slot, season


@dataclass
class Slot:
    place: Place
    weekday: int
    slot: str
    season: str
    sessions: int = 0
    hours: float = 0.0
    contacts: int = 0
    new_youths: int = 0
    low: float = 0.0
    high: float = 0.0

    @property
    def rate(self) -> float:
        return self.contacts / self.hours if self.hours else 0.0

    @property
    def weekday_label(self) -> str:
        return str(WEEKDAYS[self.weekday])

    @property
    def slot_label(self) -> str:
        return str(SLOTS[self.slot])

    @property
    def season_label(self) -> str:
        return str(SEASONS[self.season])


@dataclass
class Change:
    """A place, day and slot that reached young people in one season and not in another:
    the intervals do not overlap."""

    good: Slot
    bad: Slot


@dataclass
class Planning:
    slots: list[Slot] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)

    def ranked(self, season: str = "") -> list[Slot]:
        chosen = [s for s in self.slots if not season or s.season == season]
        return sorted(chosen, key=lambda s: (-s.low, -s.rate, s.place.name))


def _cells(
    qs: QuerySet[OutreachSession], place_field: str, time_field: str
) -> QuerySet[OutreachSession, dict[str, Any]]:
    return qs.annotate(
        cell_place=F(place_field),
        cell_day=ExtractIsoWeekDay(time_field),
        cell_hour=ExtractHour(time_field),
        cell_month=ExtractMonth(time_field),
    ).values("cell_place", "cell_day", "cell_hour", "cell_month")


def _key(row: dict[str, Any]) -> Cell:
    return (
        row["cell_place"],
        row["cell_day"],
        slot_of(row["cell_hour"]),
        season_of(row["cell_month"]),
    )


def planning(f: ReportFilter) -> Planning:
    """One grouped query: the sessions by cell, each carrying its count and its new young
    people as subqueries; one query for the places; the intervals in one vectorised call."""
    sessions = sessions_for(f).filter(ended_at__isnull=False, places__isnull=False)
    counted = (
        SessionCount.objects.filter(count_cells_q(f), session=OuterRef("pk"))
        .values("session")
        .annotate(n=Sum("count"))
        .values("n")
    )
    earlier = Contact.objects.filter(
        programme=f.programme, youth=OuterRef("youth"), happened_at__lt=OuterRef("happened_at")
    )
    new = (
        Contact.objects.filter(session=OuterRef("pk"), youth__isnull=False)
        .filter(~Exists(earlier))
        .values("session")
        .annotate(n=Count("youth", distinct=True))
        .values("n")
    )
    duration = ExpressionWrapper(F("ended_at") - F("started_at"), output_field=DurationField())
    zero = Value(0)
    rows = (
        _cells(sessions, "places", "started_at")
        .annotate(
            n=Count("pk"),
            spent=Sum(duration),
            contacted=Sum(Coalesce(Subquery(counted), zero)),  # not the "contacts" relation
            new=Sum(Coalesce(Subquery(new), zero)),
        )
        .order_by()
    )
    places = {p.pk: p for p in Place.objects.filter(programme=f.programme)}
    slots: dict[Cell, Slot] = {}
    for row in rows:
        key = _key(row)
        found = slots.setdefault(key, Slot(places[key[0]], *key[1:]))
        found.sessions += row["n"]
        found.hours += row["spent"].total_seconds() / 3600
        found.contacts += row["contacted"]
        found.new_youths += row["new"]
    result = Planning(slots=[s for s in slots.values() if s.hours > 0])
    lows, highs = rate_intervals(
        np.array([s.contacts for s in result.slots]), np.array([s.hours for s in result.slots])
    )
    for found, low, high in zip(result.slots, lows, highs, strict=True):
        found.low, found.high = float(low), float(high)
    result.changes = _changes(result.slots)
    return result


def _changes(slots: list[Slot]) -> list[Change]:
    """Pairs of seasons of the same place, day and slot whose intervals do not overlap."""
    by_cell: dict[tuple[int, int, str], list[Slot]] = defaultdict(list)
    for found in slots:
        by_cell[(found.place.pk, found.weekday, found.slot)].append(found)
    changes = []
    for group in by_cell.values():
        best = max(group, key=lambda s: s.low)
        worst = min(group, key=lambda s: s.high)
        if worst.high < best.low:
            changes.append(Change(good=best, bad=worst))
    return sorted(changes, key=lambda c: -(c.good.low - c.bad.high))
