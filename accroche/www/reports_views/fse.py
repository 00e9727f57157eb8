"""The FSE+ participant report: indicators by gender for coordinators and evaluators, the
participant-level listing for coordinators only; each table as XLSX, ODS or CSV."""

from django.http import Http404, HttpResponse
from django.shortcuts import render

from accroche.access.permissions import Perm
from accroche.reports import exports
from accroche.reports.drill import drill_these
from accroche.reports.export_access import log_export, report_filter
from accroche.reports.fse import GENDER_HEADERS, GENDERS, fse_report
from accroche.reports.fse_tables import (
    indicator_tables,
    listing_table,
    shown_lines,
    shown_people,
)
from accroche.www.http import AccrocheRequest, actor_of
from accroche.www.reports_views.registry import perm_of
from accroche.youth.models import Youth

LISTING_SHOWN = 50  # on the page; the download has every participant


def fse(request: AccrocheRequest) -> HttpResponse:
    actor = actor_of(request)
    form, f = report_filter(actor, perm_of("fse"), request.GET)
    report = fse_report(f)
    listing = listing_table(report) if actor.can(Perm.VIEW_PARTICIPANT_LISTING) else None
    return render(
        request,
        "reports/fse.html",
        {
            "form": form,
            "report": report,
            # Small counts masked for those who read no file (accroche.reports.small_counts).
            "sections": [(s, shown_lines(s, actor)) for s in report.sections],
            "people": shown_people(report, actor),
            "tab": "fse",
            "query": f.querystring(),
            "genders": [GENDER_HEADERS[g] for g in GENDERS],
            "listing": listing,
            "listing_rows": listing.rows[:LISTING_SHOWN] if listing else [],
            "formats": list(exports.FORMATS),
            "can_drill": actor.can(Perm.VIEW_YOUTH),
        },
    )


def fse_drill(request: AccrocheRequest, key: str) -> HttpResponse:
    """The young people an FSE+ figure counts (one gender, or the total), as the user may
    see them; evaluators, who read no file, get a 404 like any figure that does not exist."""
    actor = actor_of(request)
    _form, f = report_filter(actor, perm_of("fse"), request.GET)
    gender = request.GET.get("genre", "")
    if not actor.can(Perm.VIEW_YOUTH) or (gender and gender not in GENDERS):
        raise Http404
    report = fse_report(f)
    try:
        line = report.line(key)
    except StopIteration:
        raise Http404 from None
    if not line.available:
        raise Http404
    behind = Youth.objects.filter(pk__in=report.youths_behind(key, gender))
    title = f"{line.label} · {GENDER_HEADERS[gender]}" if gender else str(line.label)
    return render(
        request,
        "reports/drill.html",
        {
            "key": key,
            "title": title,
            "report": f,
            "tab": "fse",
            "query": f.querystring(),
            "drilled": drill_these(actor, behind),
            "sessions": False,
            "subject": None,
        },
    )


def fse_export(request: AccrocheRequest, fmt: str) -> HttpResponse:
    actor = actor_of(request)
    _form, f = report_filter(actor, perm_of("fse"), request.GET)
    report = fse_report(f)
    tables = indicator_tables(report, actor)
    key = request.GET.get("table")
    if key == "participants" or (not key and actor.can(Perm.VIEW_PARTICIPANT_LISTING)):
        if not actor.can(Perm.VIEW_PARTICIPANT_LISTING):
            raise Http404
        tables.append(listing_table(report))
        people = {p.youth_id for p in [*report.entrants, *report.leavers]}
        log_export(actor, sorted(people), "fse_participants")
    chosen = exports.pick(tables, key)
    return exports.response(chosen, fmt, f"fse-{f.programme.slug}-{f.start}-{f.end}")
