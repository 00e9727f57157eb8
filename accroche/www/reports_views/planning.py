"""Outreach planning: contacts per hour of presence by place, weekday, time slot and
season, with an interval, and where and when to go next. Aggregates only, no file."""

from typing import Any

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from accroche.reports.filters import parse_filter
from accroche.reports.planning import CONFIDENCE, SEASONS, season_of
from accroche.reports.planning import planning as compute
from accroche.www.http import AccrocheRequest, actor_of
from accroche.www.reports_views.registry import perm_of

SUGGESTIONS = 10
TABLE_ROWS = 300


def planning(request: AccrocheRequest) -> HttpResponse:
    actor = actor_of(request)
    actor.require(perm_of("planning"))
    form, report = parse_filter(actor, request.GET)
    season = request.GET.get("season", "")
    if season not in SEASONS:
        season = season_of(timezone.localdate().month)
    context: dict[str, Any] = {
        "form": form,
        "report": report,
        "tab": "planning",
        "query": report.querystring() if report else "",
        "season": season,
        "seasons": [(code, label) for code, label in SEASONS.items()],
        "confidence": round(CONFIDENCE * 100),
    }
    if report is not None:
        result = compute(report)
        suggestions = result.ranked(season)[:SUGGESTIONS]
        table = sorted(
            result.slots, key=lambda s: (s.place.name, s.weekday, list(SEASONS).index(s.season))
        )
        context.update(
            suggestions=suggestions,
            changes=result.changes[:SUGGESTIONS],
            table=table[:TABLE_ROWS],
            truncated=len(table) > TABLE_ROWS,
            chart={
                "labels": [
                    f"{s.place.name} · {s.weekday_label} {s.slot_label}" for s in suggestions
                ],
                "intervals": [[round(s.low, 2), round(s.high, 2)] for s in suggestions],
                "interval_label": _("Intervalle à 90 % (jeunes par heure de présence)"),
            },
        )
    return render(request, "reports/planning.html", context)
