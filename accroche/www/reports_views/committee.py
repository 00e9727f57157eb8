"""The committee report: a page that previews it and the PDF (WeasyPrint), for the
coordinators of the programme's structures."""

import base64

from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.text import slugify
from django.utils.translation import gettext as _
from weasyprint import HTML

from accroche.reports.committee import CASES_SHOWN, CommitteeReport, committee_report
from accroche.reports.export_access import report_filter
from accroche.www.http import AccrocheRequest, actor_of
from accroche.www.reports_views.registry import perm_of


def _charts(report: CommitteeReport) -> list[tuple[str, str]]:
    """(alt text, SVG as base64) for ``<img src="data:image/svg+xml;base64,…">``."""
    alts = {
        "funnel": _("Entonnoir et objectifs (chiffres dans le tableau « Chiffres clés »)"),
        "communes": _("Jeunes repérés et mobilisés par commune (chiffres dans le rapport PIC)"),
        "exits": _("Sorties de la période (chiffres dans le tableau « Sorties »)"),
    }
    return [
        (alts[name], base64.b64encode(svg.encode()).decode()) for name, svg in report.charts.items()
    ]


def committee(request: AccrocheRequest) -> HttpResponse:
    actor = actor_of(request)
    form, f = report_filter(actor, perm_of("committee"), request.GET)
    report = committee_report(f)
    context = {
        "form": form,
        "report": report,
        "charts": _charts(report),
        "cases_shown": CASES_SHOWN,
        "tab": "committee",
        "query": f.querystring(),
    }
    return render(request, "reports/committee.html", context)


def committee_pdf(request: AccrocheRequest) -> HttpResponse:
    actor = actor_of(request)
    _form, f = report_filter(actor, perm_of("committee"), request.GET)
    report = committee_report(f)
    html = render_to_string(
        "reports/committee_pdf.html",
        {"report": report, "charts": _charts(report), "cases_shown": CASES_SHOWN},
    )
    # Self-contained HTML (inline CSS, charts as data URIs): nothing is fetched.
    pdf = HTML(string=html).write_pdf()
    reply = HttpResponse(pdf, content_type="application/pdf")
    name = slugify(f"comite-{f.programme.slug}-{f.start}-{f.end}")
    reply["Content-Disposition"] = f'attachment; filename="{name}.pdf"'
    return reply
