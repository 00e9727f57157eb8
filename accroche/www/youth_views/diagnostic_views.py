from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accroche.access.permissions import Perm
from accroche.french_dates import format_date
from accroche.www.forms import add_domain_errors
from accroche.www.http import AccrocheRequest, actor_of
from accroche.www.youth_views.diagnostic_forms import DiagnosticForm
from accroche.youth.access import get_youth
from accroche.youth.diagnostics import (
    barrier_categories,
    diagnostics_of,
    do_mark_immediate_need_met,
    do_record_diagnostic,
    get_diagnostic,
    log_diagnostics_read,
    progression,
)
from accroche.youth.models import Phase, Severity


def diagnostics(request: AccrocheRequest, pk: int) -> HttpResponse:
    """Every diagnostic of a young person and the progression, as a chart and a table."""
    actor = actor_of(request)
    youth = get_youth(actor, pk)
    found = list(diagnostics_of(youth))
    log_diagnostics_read(actor, found)
    result = progression(found)
    chart = {
        "labels": [row.label for row in result.rows],
        "datasets": [
            {"label": format_date(day, "j M Y"), "data": [row.severities[i] for row in result.rows]}
            for i, day in enumerate(result.dates)
        ],
        "ticks": {str(value): str(label) for value, label in Severity.choices},
    }
    return render(
        request,
        "youth/diagnostics.html",
        {
            "youth": youth,
            "diagnostics": found,
            "progression": result,
            "chart": chart,
            "columns": list(zip(result.dates, result.totals, strict=True)),
            "can_edit": actor.can(Perm.EDIT_YOUTH),
        },
    )


def diagnostic_create(request: AccrocheRequest, pk: int) -> HttpResponse:
    actor = actor_of(request)
    youth = get_youth(actor, pk, edit=True)
    previous = diagnostics_of(youth).first()
    enrolments = youth.enrolments.exclude(phase=Phase.EXITED).select_related("programme")
    form = DiagnosticForm(
        request.POST or None,
        categories=barrier_categories(),
        enrolments=enrolments,
        previous=previous,
    )
    if request.method == "POST" and form.is_valid():
        data = form.domain_data()
        if not form.errors:
            try:
                diagnostic = do_record_diagnostic(actor, youth, data)
            except ValidationError as exc:
                add_domain_errors(form, exc)
            else:
                messages.success(request, _("Diagnostic enregistré."))
                return redirect("youth:diagnostic", pk, diagnostic.pk)
    return render(
        request,
        "youth/diagnostic_form.html",
        {"form": form, "youth": youth, "previous": previous},
    )


def diagnostic_detail(request: AccrocheRequest, pk: int, diagnostic_pk: int) -> HttpResponse:
    actor = actor_of(request)
    youth = get_youth(actor, pk)
    diagnostic = get_diagnostic(youth, diagnostic_pk)
    log_diagnostics_read(actor, [diagnostic])
    barriers = sorted(diagnostic.barriers.all(), key=lambda b: (-b.severity, b.category.label))
    return render(
        request,
        "youth/diagnostic_detail.html",
        {"youth": youth, "diagnostic": diagnostic, "barriers": barriers},
    )


@require_POST
def immediate_need_met(request: AccrocheRequest, pk: int, diagnostic_pk: int) -> HttpResponse:
    actor = actor_of(request)
    youth = get_youth(actor, pk, edit=True)
    diagnostic = get_diagnostic(youth, diagnostic_pk)
    try:
        do_mark_immediate_need_met(actor, diagnostic)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Besoin immédiat noté comme réglé."))
    return redirect(reverse("youth:detail", args=[pk]) + "#diagnostic")
