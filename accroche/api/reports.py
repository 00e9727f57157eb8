"""Steering figures: the dashboard's funnel, durations, activity, budget, places and the
outreach planning, with the same filters (query string of accroche.reports.filters) and
the same rules as the pages: aggregates for everyone taking part in the programme."""

from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Router, Schema

from accroche.access.permissions import Perm
from accroche.api.auth import actor_of
from accroche.reports import indicators
from accroche.reports.filters import ReportFilter, parse_filter
from accroche.reports.planning import SEASONS, planning, season_of

router = Router(tags=["Pilotage"])


class StageOut(Schema):
    key: str
    label: str
    value: int
    target: int | None
    target_max: int | None


class FunnelOut(Schema):
    programme: int
    start: date
    end: date
    stages: list[StageOut]


class DurationOut(Schema):
    key: str
    label: str
    count: int
    first_quartile: float | None
    median: float | None
    third_quartile: float | None


class ActivityOut(Schema):
    registered: int
    present: int
    excused: int
    absent: int
    attendance_rate: int | None
    workshop_hours: Decimal
    individual_hours: Decimal
    immersion_hours: Decimal
    active_youths: int


class BudgetLineFigureOut(Schema):
    id: int
    label: str
    year: int
    envelope: Decimal
    committed: Decimal
    committed_units: int
    remaining: Decimal


class IndicatorsOut(Schema):
    durations: list[DurationOut]
    activity: ActivityOut
    budget: list[BudgetLineFigureOut]
    budget_total: Decimal
    enrolled_since_start: int
    cost_per_youth: Decimal | None


class PlaceFigureOut(Schema):
    id: int
    name: str
    commune: str
    latitude: float | None
    longitude: float | None
    sessions: int
    contacts: int


class SlotOut(Schema):
    place: int
    place_name: str
    weekday: int
    slot: str
    season: str
    sessions: int
    hours: float
    contacts: int
    new_youths: int
    rate: float
    low: float
    high: float


def _filter(request: HttpRequest) -> ReportFilter:
    actor = actor_of(request)
    actor.require(Perm.VIEW_REPORTS)
    form, report = parse_filter(actor, request.GET)
    if report is None:
        if form.errors:
            raise ValidationError({k: [str(m) for m in v] for k, v in form.errors.items()})
        raise ValidationError({"programme": [_("Aucun dispositif visible par votre structure.")]})
    return report


@router.get("/funnel", response=FunnelOut, summary="Entonnoir et objectifs")
def funnel(request: HttpRequest) -> Any:
    report = _filter(request)
    stages = indicators.funnel(report)
    return {
        "programme": report.programme.pk,
        "start": report.start,
        "end": report.end,
        "stages": stages,
    }


@router.get("/indicators", response=IndicatorsOut, summary="Délais, heures, budget, coût")
def all_indicators(request: HttpRequest) -> Any:
    report = _filter(request)
    durations = []
    for found in indicators.durations(report):
        q = found.quartiles or (None, None, None)
        durations.append(
            {"key": found.key, "label": found.label, "count": found.count,
             "first_quartile": q[0], "median": q[1], "third_quartile": q[2]}
        )  # fmt: skip
    activity = indicators.activity(report)
    cost = indicators.cost(report)
    lines = [_line(line) for line in indicators.budget_lines(report)]
    return {
        "durations": durations,
        "activity": {**vars(activity), "attendance_rate": activity.attendance_rate},
        "budget": lines,
        "budget_total": cost.budget,
        "enrolled_since_start": cost.enrolled,
        "cost_per_youth": cost.per_youth,
    }


def _line(line: Any) -> dict[str, Any]:
    """A budget line annotated by accroche.followup.budget.with_usage."""
    return {
        "id": line.pk,
        "label": line.label,
        "year": line.year,
        "envelope": line.envelope,
        "committed": line.committed_amount,
        "committed_units": line.committed_units,
        "remaining": line.remaining,
    }


@router.get("/places", response=list[PlaceFigureOut], summary="Contacts par lieu")
def places(request: HttpRequest) -> Any:
    return [{**vars(p), "id": p.pk} for p in indicators.contacts_by_place(_filter(request))]


@router.get("/planning", response=list[SlotOut], summary="Où et quand aller (classé)")
def planning_slots(request: HttpRequest, season: str = "") -> Any:
    """Ranked by the lower bound of the 90 % interval of young people counted per hour."""
    report = _filter(request)
    if season and season not in SEASONS:
        raise ValidationError({"season": [", ".join(SEASONS)]})
    chosen = season or season_of(timezone.localdate().month)
    return [
        {"place": s.place.pk, "place_name": s.place.name, "weekday": s.weekday, "slot": s.slot,
         "season": s.season, "sessions": s.sessions, "hours": s.hours, "contacts": s.contacts,
         "new_youths": s.new_youths, "rate": s.rate, "low": s.low, "high": s.high}
        for s in planning(report).ranked(chosen)
    ]  # fmt: skip
