"""Territorial diagnostics: sectors, versions, comparison. Mounted under /territory."""

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status

from accroche.access.permissions import Perm
from accroche.api.auth import actor_of
from accroche.organisations.models import Structure
from accroche.organisations.programmes import get_programme
from accroche.partner_services.territorial import (
    areas_of,
    compare,
    do_record_first_diagnostic,
    do_record_new_version,
    get_area,
    get_diagnostic,
    with_content,
)
from accroche.phones import Phone
from accroche.territory.models import Commune, DiagnosticArea, TerritorialDiagnostic

router = Router(tags=["Territoire : diagnostics territoriaux"])


class PersonSchema(Schema):
    name: str = Field(max_length=200)
    role: str = Field("", max_length=200)
    organisation: str = Field("", max_length=200)
    phone: Phone = ""
    email: str = Field("", max_length=254)


class TerritorialOut(Schema):
    id: int
    area_id: int
    version: int
    done_on: date
    mesh_score: int = Field(description="Qualité du maillage, de 1 à 5")
    structures: list[int] = Field(description="Structures du dispositif présentes")
    other_actors: str
    actions: str
    partnership: str
    needs: str
    outreach_practices: str
    resource_people: list[PersonSchema]
    author_structure_id: int

    @staticmethod
    def resolve_structures(obj: TerritorialDiagnostic) -> list[int]:
        return [s.pk for s in obj.structures.all()]

    @staticmethod
    def resolve_resource_people(obj: TerritorialDiagnostic) -> list[Any]:
        return list(obj.resource_people.all())


class TerritorialIn(Schema):
    done_on: date
    mesh_score: int = Field(ge=1, le=5)
    structures: list[int] = []
    other_actors: str = ""
    actions: str = ""
    partnership: str = ""
    needs: str = ""
    outreach_practices: str = ""
    resource_people: list[PersonSchema] = []


class FirstDiagnosticIn(TerritorialIn):
    communes: list[str] = Field(description="Codes INSEE : une commune ou un groupe")
    name: str = Field("", max_length=200, description="Nom du secteur (par défaut : les communes)")


class AreaOut(Schema):
    id: int
    name: str
    communes: list[str]
    version_count: int = 0
    last_done_on: date | None = None

    @staticmethod
    def resolve_communes(obj: DiagnosticArea) -> list[str]:
        return [c.code for c in obj.communes.all()]


class DifferenceOut(Schema):
    label: str
    before: str
    after: str
    changed: bool


class CompareOut(Schema):
    before_id: int
    after_id: int
    score_change: int
    fields: list[DifferenceOut]
    structures_added: list[str]
    structures_gone: list[str]
    people_added: list[str]
    people_gone: list[str]


def _data(payload: TerritorialIn) -> dict[str, Any]:
    data = payload.model_dump()
    structures = list(Structure.objects.filter(pk__in=data["structures"]))
    if len(structures) != len(set(data["structures"])):
        raise ValidationError({"structures": _("Structure inconnue.")})
    data["structures"] = structures
    return data


@router.get(
    "/programmes/{programme_id}/diagnostics",
    response=list[AreaOut],
    summary="Secteurs d'un dispositif et leurs diagnostics",
)
def list_areas(request: HttpRequest, programme_id: int) -> Any:
    actor = actor_of(request)
    actor.require(Perm.VIEW_TERRITORY)
    return list(areas_of(get_programme(actor, programme_id)))


@router.post(
    "/programmes/{programme_id}/diagnostics",
    response={201: TerritorialOut},
    summary="Premier diagnostic d'une commune ou d'un groupe de communes",
)
def create_first(request: HttpRequest, programme_id: int, payload: FirstDiagnosticIn) -> Any:
    actor = actor_of(request)
    programme = get_programme(actor, programme_id)
    communes = list(Commune.objects.filter(code__in=payload.communes))
    if len(communes) != len(set(payload.communes)):
        raise ValidationError({"communes": _("Commune inconnue (code INSEE attendu).")})
    diagnostic = do_record_first_diagnostic(
        actor, programme, communes, _data(payload), name=payload.name
    )
    return Status(201, get_diagnostic(actor, diagnostic.pk))


@router.get("/areas/{area_id}/versions", response=list[TerritorialOut], summary="Versions")
def versions(request: HttpRequest, area_id: int) -> Any:
    area = get_area(actor_of(request), area_id)
    return list(with_content(area.versions.order_by("-version")))


@router.post(
    "/areas/{area_id}/versions",
    response={201: TerritorialOut},
    summary="Refaire le diagnostic (nouvelle version)",
)
def create_version(request: HttpRequest, area_id: int, payload: TerritorialIn) -> Any:
    actor = actor_of(request)
    area = get_area(actor, area_id)
    diagnostic = do_record_new_version(actor, area, _data(payload))
    return Status(201, get_diagnostic(actor, diagnostic.pk))


@router.get("/diagnostics/{diagnostic_id}", response=TerritorialOut, summary="Une version")
def read_diagnostic(request: HttpRequest, diagnostic_id: int) -> Any:
    return get_diagnostic(actor_of(request), diagnostic_id)


@router.get(
    "/areas/{area_id}/compare",
    response=CompareOut,
    summary="Comparer deux versions (par défaut les deux dernières)",
)
def compare_versions(
    request: HttpRequest, area_id: int, before: int | None = None, after: int | None = None
) -> Any:
    area = get_area(actor_of(request), area_id)
    all_versions = {v.pk: v for v in with_content(area.versions.order_by("-version"))}
    ordered = list(all_versions.values())
    if len(ordered) < 2:
        raise ValidationError(_("Il faut deux versions pour comparer."))
    newer = all_versions.get(after) if after else ordered[0]
    older = all_versions.get(before) if before else next(v for v in ordered if v != newer)
    if newer is None or older is None:
        raise Http404
    result = compare(older, newer)
    return {
        "before_id": result.before.pk,
        "after_id": result.after.pk,
        "score_change": result.score_change,
        "fields": [
            {"label": f.label, "before": f.before, "after": f.after, "changed": f.changed}
            for f in result.fields
        ],
        "structures_added": list(result.structures_added),
        "structures_gone": list(result.structures_gone),
        "people_added": list(result.people_added),
        "people_gone": list(result.people_gone),
    }
