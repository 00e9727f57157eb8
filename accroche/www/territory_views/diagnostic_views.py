"""Territorial diagnostics: the programme's list, a sector's versions, a new version, and
the comparison of two versions."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from accroche.access.permissions import Perm
from accroche.organisations.models import Programme
from accroche.organisations.programmes import get_programme
from accroche.partner_services.coverage import coverage_categories, coverage_for
from accroche.partner_services.territorial import (
    areas_of,
    can_record,
    compare,
    do_record_first_diagnostic,
    do_record_new_version,
    get_area,
    get_diagnostic,
    latest_version,
    with_content,
)
from accroche.territory.lookup import commune_label
from accroche.territory.models import Commune, DiagnosticArea, TerritorialDiagnostic
from accroche.www.forms import add_domain_errors
from accroche.www.http import AccrocheRequest, actor_of
from accroche.www.territory_views.diagnostic_forms import (
    AreaForm,
    ResourcePersonFormSet,
    TerritorialDiagnosticForm,
    people_initial,
    people_rows,
)


def diagnostics(request: AccrocheRequest, pk: int) -> HttpResponse:
    actor = actor_of(request)
    actor.require(Perm.VIEW_TERRITORY)
    programme = get_programme(actor, pk)
    areas = list(areas_of(programme))
    # Ascending versions: the last one written for an area is its latest.
    latest = {
        d.area_id: d
        for d in TerritorialDiagnostic.objects.filter(area__in=[a.pk for a in areas]).order_by(
            "version"
        )
    }
    done = {c.pk for a in areas for c in a.communes.all()}
    missing = [c for c in programme.communes.order_by("name") if c.pk not in done]
    rows = [{"area": a, "latest": latest.get(a.pk)} for a in areas]
    return render(
        request,
        "territory/diagnostics.html",
        {
            "programme": programme,
            "rows": rows,
            "missing": missing,
            "can_record": can_record(actor, programme),
        },
    )


def _form_context(programme: Programme, form: Any, formset: Any, **extra: Any) -> dict[str, Any]:
    return {"programme": programme, "form": form, "people": formset, **extra}


def diagnostic_new(request: AccrocheRequest, pk: int) -> HttpResponse:
    actor = actor_of(request)
    programme = get_programme(actor, pk)
    if not can_record(actor, programme):
        raise Http404
    commune = Commune.objects.filter(code=request.GET.get("commune", "")).first()
    area_form = AreaForm(
        request.POST or None, initial={"communes": commune_label(commune) if commune else ""}
    )
    form = TerritorialDiagnosticForm(request.POST or None, programme=programme)
    formset = ResourcePersonFormSet(request.POST or None, prefix="people")
    if request.method == "POST" and all(f.is_valid() for f in (area_form, form, formset)):
        data = form.cleaned_data | {"resource_people": people_rows(formset)}
        try:
            diagnostic = do_record_first_diagnostic(
                actor,
                programme,
                area_form.cleaned_data["communes"],
                data,
                name=area_form.cleaned_data["name"],
            )
        except ValidationError as exc:
            _add_errors(exc, area_form, form)
        else:
            messages.success(request, _("Diagnostic enregistré."))
            return redirect("territory:area", diagnostic.area_id)
    return render(
        request,
        "territory/diagnostic_form.html",
        _form_context(programme, form, formset, area_form=area_form, area=None),
    )


def _add_errors(exc: ValidationError, area_form: AreaForm | None, form: Any) -> None:
    if area_form is not None and hasattr(exc, "error_dict"):
        for field in [f for f in exc.error_dict if f in area_form.fields]:
            area_form.add_error(field, exc.error_dict.pop(field))
    if not hasattr(exc, "error_dict") or exc.error_dict:
        add_domain_errors(form, exc)


def area_detail(request: AccrocheRequest, pk: int) -> HttpResponse:
    actor = actor_of(request)
    area = get_area(actor, pk)
    versions = list(with_content(area.versions.order_by("-version")))
    communes = list(area.communes.all())
    coverage = coverage_for(communes, coverage_categories())
    return render(
        request,
        "territory/area.html",
        {
            "area": area,
            "programme": area.programme,
            "current": versions[0] if versions else None,
            "versions": versions,
            "coverage": coverage,
            "can_record": can_record(actor, area.programme),
        },
    )


def diagnostic_detail(request: AccrocheRequest, pk: int) -> HttpResponse:
    actor = actor_of(request)
    diagnostic = get_diagnostic(actor, pk)
    return render(
        request,
        "territory/diagnostic_detail.html",
        {"diagnostic": diagnostic, "area": diagnostic.area},
    )


def new_version(request: AccrocheRequest, pk: int) -> HttpResponse:
    actor = actor_of(request)
    area = get_area(actor, pk)
    programme = area.programme
    if not can_record(actor, programme):
        raise Http404
    previous = latest_version(area)
    form = TerritorialDiagnosticForm(request.POST or None, programme=programme, previous=previous)
    formset = ResourcePersonFormSet(
        request.POST or None, prefix="people", initial=people_initial(previous)
    )
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        data = form.cleaned_data | {"resource_people": people_rows(formset)}
        try:
            do_record_new_version(actor, area, data)
        except ValidationError as exc:
            _add_errors(exc, None, form)
        else:
            messages.success(request, _("Nouvelle version enregistrée."))
            return redirect("territory:area", area.pk)
    return render(
        request,
        "territory/diagnostic_form.html",
        _form_context(programme, form, formset, area_form=None, area=area, previous=previous),
    )


def _pick(versions: list[TerritorialDiagnostic], value: str | None) -> TerritorialDiagnostic | None:
    return next((v for v in versions if str(v.pk) == value), None)


def compare_versions(request: AccrocheRequest, pk: int) -> HttpResponse:
    actor = actor_of(request)
    area: DiagnosticArea = get_area(actor, pk)
    versions = list(with_content(area.versions.order_by("-version")))
    if len(versions) < 2:
        messages.info(request, _("Il faut deux versions pour comparer : refaites le diagnostic."))
        return redirect("territory:area", area.pk)
    after = _pick(versions, request.GET.get("apres")) or versions[0]
    before = _pick(versions, request.GET.get("avant")) or next(v for v in versions if v != after)
    return render(
        request,
        "territory/compare.html",
        {"area": area, "versions": versions, "comparison": compare(before, after)},
    )
