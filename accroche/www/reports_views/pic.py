"""The "repérer et mobiliser les publics invisibles" report (PIC), by commune and QPV."""

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse

from accroche.reports import exports
from accroche.reports.drill import can_drill
from accroche.reports.export_access import report_filter
from accroche.reports.filters import ReportFilter
from accroche.reports.pic import FIGURES, KEYS, PicRow, pic_report, pic_tables, shown_pic
from accroche.reports.small_counts import Shown
from accroche.www.http import AccrocheRequest, actor_of
from accroche.www.reports_views.registry import perm_of


def _cells(
    f: ReportFilter, row: PicRow, shown: list[Shown], field: str, drill: bool
) -> list[tuple[Shown, str]]:
    """Each figure of a row, as the actor may see it, with the link to the records behind
    it ("" without)."""
    query = f.querystring(**{field: str(row.pk)}) if row.pk else ""
    return [
        (value, f"{reverse('reports:drill', args=[key])}?{query}" if drill and query else "")
        for key, value in zip(KEYS, shown, strict=True)
    ]


def pic(request: AccrocheRequest) -> HttpResponse:
    actor = actor_of(request)
    form, f = report_filter(actor, perm_of("pic"), request.GET)
    report = pic_report(f)
    shown = shown_pic(report, actor)  # small counts masked for those who read no file
    drill = can_drill(actor, "enrolled")
    return render(
        request,
        "reports/pic.html",
        {
            "form": form,
            "report": report,
            "anonymous_contacts": shown.anonymous_contacts,
            "figures": [label for _key, label in FIGURES],
            "communes": [(r, _cells(f, r, cells, "commune", drill)) for r, cells in shown.communes],
            "qpvs": [(r, _cells(f, r, cells, "qpv", drill)) for r, cells in shown.qpvs],
            "totals": [
                (
                    value,
                    f"{reverse('reports:drill', args=[key])}?{f.querystring()}" if drill else "",
                )
                for key, value in zip(KEYS, shown.totals, strict=True)
            ],
            "tab": "pic",
            "query": f.querystring(),
            "formats": list(exports.FORMATS),
            "pic_tables": pic_tables(report, actor),
        },
    )


def pic_export(request: AccrocheRequest, fmt: str) -> HttpResponse:
    actor = actor_of(request)
    _form, f = report_filter(actor, perm_of("pic"), request.GET)
    tables = exports.pick(pic_tables(pic_report(f), actor), request.GET.get("table"))
    return exports.response(tables, fmt, f"pic-{f.programme.slug}-{f.start}-{f.end}")
