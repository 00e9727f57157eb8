"""Partner services: the directory, one service, its form, and data·inclusion files."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accroche.access.permissions import Perm
from accroche.organisations.models import Structure
from accroche.partner_services.datainclusion import (
    FileUnreadable,
    as_csv,
    as_json,
    export_records,
    read_rows,
)
from accroche.partner_services.datainclusion_import import do_import_services
from accroche.partner_services.matching import proximity
from accroche.partner_services.services import (
    can_edit_services_of,
    do_create_service,
    do_delete_service,
    do_update_service,
    get_service,
    services_visible_to,
    structures_for_services,
    with_details,
)
from accroche.territory.models import Service
from accroche.www.forms import add_domain_errors
from accroche.www.http import AccrocheRequest, actor_of
from accroche.www.territory_views.service_forms import (
    ImportForm,
    ServiceFilterForm,
    ServiceForm,
)
from accroche.www.territory_views.service_labels import describe

PER_PAGE = 30


def service_list(request: AccrocheRequest) -> HttpResponse:
    actor = actor_of(request)
    actor.require(Perm.VIEW_TERRITORY)
    form = ServiceFilterForm(request.GET or None)
    qs = services_visible_to(actor)
    commune = None
    if form.is_valid():
        data = form.cleaned_data
        if data["q"]:
            qs = qs.filter(Q(name__icontains=data["q"]) | Q(structure__name__icontains=data["q"]))
        if data["category"]:
            qs = qs.filter(
                pk__in=Service.objects.filter(themes__category=data["category"]).values("pk")
            )
        if data["evenings"]:
            qs = qs.filter(evenings_saturdays=True)
        commune = data["commune"]
    services = list(with_details(qs.filter(structure__is_active=True)).order_by("name", "pk"))
    if commune is not None:
        services = [s for s in services if proximity(s, [commune], set()) is not None]
    page = Paginator(services, PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "territory/service_list.html",
        {
            "form": form,
            "page": page,
            "rows": [describe(s) for s in page.object_list],
            "query": query.urlencode(),
            "can_add": structures_for_services(actor).exists(),
        },
    )


def service_detail(request: AccrocheRequest, pk: int) -> HttpResponse:
    actor = actor_of(request)
    service = get_service(actor, pk)
    return render(
        request,
        "territory/service_detail.html",
        {
            "service": service,
            "row": describe(service),
            "can_edit": can_edit_services_of(actor, service.structure),
        },
    )


def _form_page(
    request: AccrocheRequest, form: ServiceForm, service: Service | None, structure: Structure
) -> HttpResponse:
    return render(
        request,
        "territory/service_form.html",
        {
            "form": form,
            "service": service,
            "structure": structure,
            "theme_groups": form.theme_groups(),
        },
    )


def service_create(request: AccrocheRequest) -> HttpResponse:
    actor = actor_of(request)
    allowed = structures_for_services(actor)
    wanted = request.GET.get("structure", "")
    default = allowed.filter(pk=wanted if wanted.isdigit() else actor.structure_id).first()
    if default is None:
        default = allowed.order_by("name").first()
    if default is None:
        raise Http404
    form = ServiceForm(
        request.POST or None,
        structures=allowed.filter(is_active=True),
        initial={"structure": default.pk},
    )
    if request.method == "POST" and form.is_valid():
        structure = form.cleaned_data.get("structure") or default
        try:
            service = do_create_service(actor, structure, form.domain_data())
        except ValidationError as exc:
            add_domain_errors(form, exc)
        else:
            messages.success(request, _("Service enregistré."))
            return redirect("territory:service_detail", service.pk)
    return _form_page(request, form, None, default)


def service_edit(request: AccrocheRequest, pk: int) -> HttpResponse:
    actor = actor_of(request)
    service = get_service(actor, pk, edit=True)
    form = ServiceForm(request.POST or None, service=service)
    if request.method == "POST" and form.is_valid():
        try:
            do_update_service(actor, service, form.domain_data())
        except ValidationError as exc:
            add_domain_errors(form, exc)
        else:
            messages.success(request, _("Modifications enregistrées."))
            return redirect("territory:service_detail", service.pk)
    return _form_page(request, form, service, service.structure)


@require_POST
def service_delete(request: AccrocheRequest, pk: int) -> HttpResponse:
    actor = actor_of(request)
    service = get_service(actor, pk, edit=True)
    do_delete_service(actor, service)
    messages.success(request, _("« %(name)s » est supprimé.") % {"name": service.name})
    return redirect("territory:service_list")


def service_import(request: AccrocheRequest) -> HttpResponse:
    actor = actor_of(request)
    actor.require(Perm.EDIT_SERVICES)
    structures = structures_for_services(actor)
    form = ImportForm(request.POST or None, request.FILES or None, structures=structures)
    result, file_error = None, ""
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            rows = read_rows(upload.read(), upload.name or "")
        except FileUnreadable as exc:
            file_error = str(exc)
        else:
            result = do_import_services(actor, rows, form.cleaned_data["structure"])
    return render(
        request,
        "territory/service_import.html",
        {"form": form, "result": result, "file_error": file_error},
    )


def service_export(request: AccrocheRequest, fmt: str) -> HttpResponse:
    actor = actor_of(request)
    qs = services_visible_to(actor)
    structure = request.GET.get("structure", "")
    if structure.isdigit():
        qs = qs.filter(structure_id=structure)
    records = export_records(with_details(qs))
    stamp = timezone.localdate().isoformat()
    if fmt == "csv":
        response = HttpResponse(as_csv(records), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(as_json(records), content_type="application/json")
    response["Content-Disposition"] = f'attachment; filename="services-{stamp}.{fmt}"'
    return response
