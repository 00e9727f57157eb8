"""Services (data·inclusion), matching, coverage and territorial diagnostics: the same
access rules and domain functions as the pages. Mounted under /territory."""

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status

from accroche.access.permissions import Perm
from accroche.api.auth import actor_of
from accroche.api.territory_diagnostics import router as diagnostics_router
from accroche.organisations.programmes import get_programme
from accroche.partner_services.coverage import programme_coverage
from accroche.partner_services.datainclusion import as_csv, export_records, to_record
from accroche.partner_services.datainclusion_import import do_import_services
from accroche.partner_services.matching import proximity
from accroche.partner_services.services import (
    do_create_service,
    do_delete_service,
    do_update_service,
    get_service,
    services_visible_to,
    structures_for_services,
    with_details,
)
from accroche.partner_services.youth_help import help_for_youth
from accroche.phones import Phone
from accroche.territory.models import Commune, Service, Theme
from accroche.youth.access import get_youth

router = Router(tags=["Territoire : offres de service"])


class ServiceOut(Schema):
    id: int
    structure_id: int
    record: dict[str, Any] = Field(description="Le service au format data·inclusion v1")
    evenings_saturdays: bool

    @staticmethod
    def resolve_record(obj: Service) -> dict[str, Any]:
        return {k: v for k, v in to_record(obj).items() if v is not None}


class ServiceIn(Schema):
    structure_id: int | None = Field(None, description="Par défaut : ma structure")
    name: str = Field(max_length=150)
    description: str
    themes: list[str] = Field(description="Valeurs data·inclusion des thématiques")
    type: str = ""
    publics: list[str] = []
    fees: str = ""
    fees_details: str = ""
    reception_modes: list[str] = []
    mobilisation_modes: list[str] = []
    mobilisable_by: list[str] = []
    mobilisation_details: str = ""
    mobilisation_url: str = ""
    address: str = Field("", max_length=300)
    commune: str | None = Field(None, description="Code INSEE de l'adresse")
    zone_communes: list[str] = Field([], description="Codes INSEE desservis")
    zone_departments: list[str] = []
    contact_name: str = Field("", max_length=200)
    phone: Phone = ""
    email: str = Field("", max_length=254)
    opening_hours: str = Field("", max_length=300, description="Format OpenStreetMap")
    evenings_saturdays: bool | None = Field(None, description="Par défaut : déduit des horaires")


class ServicePatch(Schema):
    name: str | None = Field(None, max_length=150)
    description: str | None = None
    themes: list[str] | None = None
    type: str | None = None
    publics: list[str] | None = None
    fees: str | None = None
    reception_modes: list[str] | None = None
    mobilisation_modes: list[str] | None = None
    mobilisable_by: list[str] | None = None
    address: str | None = Field(None, max_length=300)
    commune: str | None = None
    zone_communes: list[str] | None = None
    zone_departments: list[str] | None = None
    phone: Phone | None = None
    email: str | None = Field(None, max_length=254)
    opening_hours: str | None = Field(None, max_length=300)
    evenings_saturdays: bool | None = None


class RowErrorOut(Schema):
    line: int
    reference: str
    messages: list[str]


class ImportOut(Schema):
    created: int
    updated: int
    unchanged: int
    errors: list[RowErrorOut]


def _resolve(data: dict[str, Any]) -> dict[str, Any]:
    """Codes → objects; an unknown code is a French error on its field."""
    if "themes" in data and data["themes"] is not None:
        themes = list(Theme.objects.filter(value__in=data["themes"]))
        unknown = sorted(set(data["themes"]) - {t.value for t in themes})
        if unknown:
            raise ValidationError({"themes": _("Thématiques inconnues : %s.") % ", ".join(unknown)})
        data["themes"] = themes
    if "zone_communes" in data and data["zone_communes"] is not None:
        communes = list(Commune.objects.filter(code__in=data["zone_communes"]))
        unknown = sorted(set(data["zone_communes"]) - {c.code for c in communes})
        if unknown:
            raise ValidationError(
                {"zone_communes": _("Communes inconnues : %s.") % ", ".join(unknown)}
            )
        data["zone_communes"] = communes
    if data.get("commune"):
        commune = Commune.objects.filter(code=data["commune"]).first()
        if commune is None:
            raise ValidationError({"commune": _("Commune inconnue (code INSEE attendu).")})
        data["commune"] = commune
    return {k: v for k, v in data.items() if v is not None or k == "commune"}


@router.get("/services", response=list[ServiceOut], summary="Offres de service")
def list_services(
    request: HttpRequest,
    structure_id: int | None = None,
    category: str | None = None,
    commune: str | None = None,
) -> Any:
    actor = actor_of(request)
    actor.require(Perm.VIEW_TERRITORY)
    qs = services_visible_to(actor).filter(structure__is_active=True)
    if structure_id is not None:
        qs = qs.filter(structure_id=structure_id)
    if category:
        qs = qs.filter(pk__in=Service.objects.filter(themes__category__value=category).values("pk"))
    services = list(with_details(qs).order_by("name", "pk"))
    if commune:
        place = Commune.objects.filter(code=commune).first()
        if place is None:
            raise ValidationError({"commune": _("Commune inconnue (code INSEE attendu).")})
        services = [s for s in services if proximity(s, [place], set()) is not None]
    return services


@router.get("/services/export", summary="Export data·inclusion (JSON ou CSV)")
def export_services(request: HttpRequest, format: str = "json") -> Any:
    actor = actor_of(request)
    actor.require(Perm.VIEW_TERRITORY)
    records = export_records(with_details(services_visible_to(actor)))
    if format == "csv":
        return HttpResponse(as_csv(records), content_type="text/csv; charset=utf-8")
    if format != "json":
        raise ValidationError({"format": _("« json » ou « csv ».")})
    return [{k: v for k, v in r.items() if v is not None} for r in records]


@router.post(
    "/services/import",
    response=ImportOut,
    summary="Importer des services data·inclusion (les lignes valides sont gardées)",
)
def import_services(
    request: HttpRequest, payload: list[dict[str, Any]], structure_id: int | None = None
) -> Any:
    actor = actor_of(request)
    actor.require(Perm.EDIT_SERVICES)
    structure = None
    if structure_id is not None:
        structure = structures_for_services(actor).filter(pk=structure_id).first()
        if structure is None:
            raise Http404
    return do_import_services(actor, list(enumerate(payload, start=1)), structure)


@router.get("/services/{service_id}", response=ServiceOut, summary="Un service")
def read_service(request: HttpRequest, service_id: int) -> Any:
    return get_service(actor_of(request), service_id)


@router.post("/services", response={201: ServiceOut}, summary="Créer un service")
def create_service(request: HttpRequest, payload: ServiceIn) -> Any:
    actor = actor_of(request)
    data = payload.model_dump()
    structure_id = data.pop("structure_id") or actor.structure_id
    structure = structures_for_services(actor).filter(pk=structure_id).first()
    if structure is None:
        raise Http404
    if data["evenings_saturdays"] is None:
        del data["evenings_saturdays"]
    service = do_create_service(actor, structure, _resolve(data))
    return Status(201, get_service(actor, service.pk))


@router.patch("/services/{service_id}", response=ServiceOut, summary="Modifier un service")
def update_service(request: HttpRequest, service_id: int, payload: ServicePatch) -> Any:
    actor = actor_of(request)
    service = get_service(actor, service_id, edit=True)
    do_update_service(actor, service, _resolve(payload.model_dump(exclude_unset=True)))
    return get_service(actor, service_id)


@router.delete("/services/{service_id}", response={204: None}, summary="Supprimer un service")
def delete_service(request: HttpRequest, service_id: int) -> Any:
    actor = actor_of(request)
    do_delete_service(actor, get_service(actor, service_id, edit=True))
    return Status(204, None)


# --- matching and coverage -------------------------------------------------------------


class NearbyOut(Schema):
    service_id: int
    name: str
    structure: str
    proximity: str = Field(description="commune, territory ou department")
    phone: str
    evenings_saturdays: bool


class BarrierHelpOut(Schema):
    domain: str
    label: str
    severity: int
    gap: bool = Field(description="Aucun service près du jeune pour ce frein")
    services: list[NearbyOut]


class HelpOut(Schema):
    diagnostic_id: int | None
    diagnostic_on: date | None
    communes: list[str] = Field(description="Codes INSEE : résidence puis communes fréquentées")
    barriers: list[BarrierHelpOut]


@router.get("/youth/{youth_id}/help", response=HelpOut, summary="Qui peut aider ce jeune, ici")
def youth_help(request: HttpRequest, youth_id: int) -> Any:
    actor = actor_of(request)
    result = help_for_youth(actor, get_youth(actor, youth_id))
    names = {1: "commune", 2: "territory", 3: "department"}
    return {
        "diagnostic_id": result.diagnostic.pk if result.diagnostic else None,
        "diagnostic_on": result.diagnostic.done_on if result.diagnostic else None,
        "communes": [c.code for c in result.communes],
        "barriers": [
            {
                "domain": b.category.value,
                "label": b.category.label,
                "severity": b.severity,
                "gap": b.is_gap,
                "services": [
                    {
                        "service_id": n.service.pk,
                        "name": n.service.name,
                        "structure": n.service.structure.name,
                        "proximity": names[int(n.proximity)],
                        "phone": n.service.phone,
                        "evenings_saturdays": n.service.evenings_saturdays,
                    }
                    for n in b.services
                ],
            }
            for b in result.barriers
        ],
    }


class CoverageRowOut(Schema):
    commune: str = Field(description="Code INSEE")
    name: str
    local: dict[str, int] = Field(description="Services installés, par catégorie")
    wide: dict[str, int] = Field(description="Services départementaux ou nationaux")
    gaps: list[str]


@router.get(
    "/programmes/{programme_id}/coverage",
    response=list[CoverageRowOut],
    summary="Couverture du territoire : services par commune et par catégorie",
)
def coverage(request: HttpRequest, programme_id: int, all_categories: bool = False) -> Any:
    actor = actor_of(request)
    actor.require(Perm.VIEW_TERRITORY)
    result = programme_coverage(get_programme(actor, programme_id), all_categories=all_categories)
    return [
        {
            "commune": row.commune.code,
            "name": row.commune.name,
            "local": {c.category.value: c.local for c in row.cells},
            "wide": {c.category.value: c.wide for c in row.cells},
            "gaps": [c.category.value for c in row.cells if c.is_gap],
        }
        for row in result.rows
    ]


router.add_router("", diagnostics_router)
