"""Programmes and structures: the same access rules and domain functions as the pages."""

from datetime import date
from decimal import Decimal
from typing import Any, Literal

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status

from accroche.access.permissions import Perm
from accroche.api.auth import actor_of
from accroche.organisations.models import EligibilityRules, Participation, Programme, Structure
from accroche.organisations.programmes import (
    do_set_eligibility_rules,
    get_programme,
    list_programmes,
    programmes_visible_to,
    with_set_up,
)
from accroche.organisations.structures import (
    do_create_structure,
    structures_visible_to,
)
from accroche.phones import Phone
from accroche.territory.models import Commune, DiplomaLevel

router = Router(tags=["Dispositifs"])
structures_router = Router(tags=["Structures"])


class RulesOut(Schema):
    min_age: int
    max_age: int
    max_age_with_rqth: int | None
    max_diploma_level: str | None = Field(None, description="Code du niveau de diplôme")
    months_without_spe_contact: int | None
    neet_required: bool
    territory_required: bool

    @staticmethod
    def resolve_max_diploma_level(obj: EligibilityRules) -> str | None:
        return obj.max_diploma_level.code if obj.max_diploma_level else None


class RulesPatch(Schema):
    min_age: int | None = Field(None, ge=0, le=200)
    max_age: int | None = Field(None, ge=0, le=200)
    max_age_with_rqth: int | None = Field(None, ge=0, le=200)
    max_diploma_level: str | None = Field(None, description="Code du niveau de diplôme")
    months_without_spe_contact: int | None = Field(None, ge=0, le=1000)
    neet_required: bool | None = None
    territory_required: bool | None = None


class FundingOut(Schema):
    funder: str
    kind: str
    amount: Decimal
    share: Decimal


class TargetOut(Schema):
    indicator: str
    minimum: int
    maximum: int | None


class ParticipationOut(Schema):
    structure_id: int
    structure: str
    kind: str
    zone_communes: list[str] = Field(description="Codes INSEE")
    zone_qpvs: list[str] = Field(description="Codes QPV")

    @staticmethod
    def resolve_structure(obj: Participation) -> str:
        return obj.structure.name

    @staticmethod
    def resolve_zone_communes(obj: Participation) -> list[str]:
        return [c.code for c in obj.zone_communes.all()]

    @staticmethod
    def resolve_zone_qpvs(obj: Participation) -> list[str]:
        return [q.code for q in obj.zone_qpvs.all()]


class ProgrammeSummary(Schema):
    id: int
    name: str
    slug: str
    start_date: date
    end_date: date
    lead_structure_id: int
    lead_structure: str

    @staticmethod
    def resolve_lead_structure(obj: Programme) -> str:
        return obj.lead_structure.name


class ProgrammeOut(ProgrammeSummary):
    description: str
    total_budget: Decimal
    referral_deadline_hours: int
    no_contact_alert_days: int
    immediate_need_alert_days: int
    retention_months: int
    communes: list[str] = Field(description="Codes INSEE du territoire")
    qpvs: list[str] = Field(description="Codes QPV du territoire")
    fundings: list[FundingOut]
    targets: list[TargetOut]
    participations: list[ParticipationOut]
    rules: RulesOut | None

    @staticmethod
    def resolve_communes(obj: Programme) -> list[str]:
        return [c.code for c in obj.communes.all()]

    @staticmethod
    def resolve_qpvs(obj: Programme) -> list[str]:
        return [q.code for q in obj.qpvs.all()]

    @staticmethod
    def resolve_fundings(obj: Programme) -> list[Any]:
        return list(obj.fundings.all())

    @staticmethod
    def resolve_targets(obj: Programme) -> list[Any]:
        return list(obj.targets.all())

    @staticmethod
    def resolve_participations(obj: Programme) -> list[Any]:
        return list(obj.participations.all())

    @staticmethod
    def resolve_rules(obj: Programme) -> EligibilityRules | None:
        return getattr(obj, "rules", None)


StructureKindCode = Literal[
    "association",
    "prevention",
    "social_centre",
    "mission_locale",
    "france_travail",
    "municipality",
    "intercommunality",
    "siae",
    "social_landlord",
    "school",
    "sports_club",
    "cooperative",
    "university",
    "company",
    "other",
]


class StructureOut(Schema):
    id: int
    name: str
    kind: str
    network: str = Field(description="Valeur de la liste data·inclusion « réseaux porteurs »")
    siret: str
    email: str
    phone: str
    address: str
    commune: str | None = Field(None, description="Code INSEE")
    is_active: bool

    @staticmethod
    def resolve_commune(obj: Structure) -> str | None:
        return obj.commune.code if obj.commune else None


class StructureIn(Schema):
    name: str = Field(..., max_length=200)
    kind: StructureKindCode
    network: str = Field("", max_length=100)
    siret: str = Field("", max_length=20)
    email: str = Field("", max_length=254)
    phone: Phone = ""
    address: str = Field("", max_length=300)
    commune: str | None = Field(None, description="Code INSEE", max_length=5)


@router.get("", response=list[ProgrammeSummary], summary="Dispositifs de ma structure")
def list_programmes_api(request: HttpRequest) -> Any:
    return list(list_programmes(actor_of(request)))


@router.get("/{programme_id}", response=ProgrammeOut, summary="Un dispositif, tout son réglage")
def read_programme(request: HttpRequest, programme_id: int) -> Any:
    actor = actor_of(request)
    get_programme(actor, programme_id)
    return with_set_up(programmes_visible_to(actor)).get(pk=programme_id)


@router.patch(
    "/{programme_id}/rules",
    response=RulesOut,
    summary="Modifier les conditions d'entrée (coordination de la structure porteuse)",
)
def update_rules(request: HttpRequest, programme_id: int, payload: RulesPatch) -> Any:
    actor = actor_of(request)
    programme = get_programme(actor, programme_id, edit=True)
    data = payload.model_dump(exclude_unset=True)
    for key in ("min_age", "max_age", "neet_required", "territory_required"):
        if key in data and data[key] is None:
            raise ValidationError({key: _("Ce champ ne peut pas être vide.")})
    if data.get("max_diploma_level"):
        level = DiplomaLevel.objects.filter(code=data["max_diploma_level"]).first()
        if level is None:
            raise ValidationError({"max_diploma_level": _("Niveau de diplôme inconnu.")})
        data["max_diploma_level"] = level
    elif "max_diploma_level" in data:
        data["max_diploma_level"] = None
    return do_set_eligibility_rules(actor, programme, data)


@structures_router.get("", response=list[StructureOut], summary="Structures du consortium")
def list_structures(request: HttpRequest) -> Any:
    actor = actor_of(request)
    actor.require(Perm.MANAGE_STRUCTURES)
    return list(structures_visible_to(actor).select_related("commune").order_by("name"))


@structures_router.post("", response={201: StructureOut}, summary="Créer une structure")
def create_structure(request: HttpRequest, payload: StructureIn) -> Any:
    actor = actor_of(request)
    actor.require(Perm.MANAGE_STRUCTURES)
    data = payload.model_dump()
    if data["commune"]:
        commune = Commune.objects.filter(code=data["commune"]).first()
        if commune is None:
            raise ValidationError({"commune": _("Commune inconnue (code INSEE attendu).")})
        data["commune"] = commune
    return Status(201, do_create_structure(actor, data))
