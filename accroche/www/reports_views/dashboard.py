"""The steering dashboard: a programme's figures for a period, with filters. Everyone
taking part in the programme sees the aggregates; only those who may read files (or
outreach sessions) get the links to the records behind a figure."""

import datetime
import hashlib
from typing import Any, cast

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from accroche.reports import indicators
from accroche.reports.drill import can_drill
from accroche.reports.filters import ReportFilter, parse_filter
from accroche.www.http import AccrocheRequest, actor_of
from accroche.www.reports_views.registry import perm_of


def dashboard(request: AccrocheRequest) -> HttpResponse:
    actor = actor_of(request)
    actor.require(perm_of("dashboard"))
    form, report = parse_filter(actor, request.GET)
    context: dict[str, Any] = {
        "form": form,
        "report": report,
        "tab": "dashboard",
        "query": report.querystring() if report else "",
    }
    if report is not None:
        figures, computed_at = cached_figures(report, refresh="recalculer" in request.GET)
        context.update(figures)
        context["computed_at"] = computed_at
        context["cache_minutes"] = settings.REPORT_CACHE_SECONDS // 60
        # The figures' HTML is kept as long as the figures, per role's links (the template's
        # {% cache %}): rendering them costs more than reading them.
        context["cache_seconds"] = settings.REPORT_CACHE_SECONDS
        context["figures_key"] = figures_key(report)
        context["can_drill_youths"] = can_drill(actor, "enrolled")
        context["can_drill_sessions"] = can_drill(actor, "contacts")
    return render(request, "reports/dashboard.html", context)


def cached_figures(
    report: ReportFilter, *, refresh: bool = False
) -> tuple[dict[str, Any], datetime.datetime]:
    """The figures and when they were computed. They depend on the programme and the
    filters only (whoever may see the dashboard sees the same aggregates; the links to the
    files go through the access layer when followed), so they are kept for
    REPORT_CACHE_SECONDS under that key: a coordinator who goes back and forth between
    filters before a committee does not recompute them each time."""
    key = figures_key(report)
    if not refresh:
        # What this function put there (the cache is untyped).
        kept = cast(tuple[dict[str, Any], datetime.datetime] | None, cache.get(key))
        if kept is not None:
            return kept
    found = (_figures(report), timezone.now())
    if settings.REPORT_CACHE_SECONDS > 0:
        cache.set(key, found, settings.REPORT_CACHE_SECONDS)
    return found


def figures_key(report: ReportFilter) -> str:
    source = f"{report.programme.pk}?{report.querystring()}|{get_language()}"
    return "dashboard:" + hashlib.sha256(source.encode()).hexdigest()


def _figures(report: ReportFilter) -> dict[str, Any]:
    funnel = indicators.funnel(report)
    activity = indicators.activity(report)
    lines = list(indicators.budget_lines(report))
    places = indicators.contacts_by_place(report)
    points = [
        {"name": p.name, "lat": p.latitude, "lng": p.longitude, "contacts": p.contacts}
        for p in places
        if p.latitude is not None and p.longitude is not None
    ]
    return {
        "funnel": funnel,
        "durations": indicators.durations(report),
        "activity": activity,
        "lines": lines,
        "cost": indicators.cost(report),
        "places": places,
        "map_points": points,
        "tile_url": settings.MAP_TILE_URL,
        "tile_attribution": settings.MAP_TILE_ATTRIBUTION,
        "charts": {
            "funnel": {
                "labels": [s.label for s in funnel],
                "values": [s.value for s in funnel],
                "targets": [s.target for s in funnel],
                "value_label": _("Réalisé sur la période"),
                "target_label": _("Objectif minimum du dispositif"),
            },
            "hours": {
                "labels": [_("Ateliers"), _("Entretiens et accompagnements"), _("Immersions")],
                "values": [
                    float(activity.workshop_hours),
                    float(activity.individual_hours),
                    float(activity.immersion_hours),
                ],
            },
            "budget": {
                "labels": [f"{line.label} ({line.year})" for line in lines],
                "spent": [float(line.committed_amount) for line in lines],  # type: ignore[attr-defined]
                "left": [float(max(line.remaining, 0)) for line in lines],  # type: ignore[attr-defined]
                "spent_label": _("Engagé (€)"),
                "left_label": _("Reste (€)"),
            },
        },
    }
