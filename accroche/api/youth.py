from datetime import date, datetime
from typing import Any, Literal

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, P, QueryEx, Router, Schema, Status

from accroche.access.permissions import Perm
from accroche.api.auth import actor_of
from accroche.api.inputs import Limit, Offset
from accroche.api.youth_consents import router as consents_router
from accroche.api.youth_diagnostics import router as diagnostics_router
from accroche.api.youth_enrolments import router as enrolments_router
from accroche.phones import Phone
from accroche.territory.models import Commune, Qpv
from accroche.youth.access import get_youth, list_youths, youths_visible_to
from accroche.youth.lists import YouthFilters, attach_current, filter_youths, mine_by_default
from accroche.youth.models import Youth
from accroche.youth.search import search_visible
from accroche.youth.services import do_create_youth, do_update_youth

router = Router(tags=["Jeunes"])

GenderCode = Literal["woman", "man", "non_binary", "not_stated"]
NationalityCode = Literal["fr", "eu", "non_eu", ""]
PhaseCode = Literal["contact", "mobilisation", "follow_up", "hand_off", "exited"]


class YouthOut(Schema):
    id: int
    first_name: str
    nickname: str
    last_name: str
    name_completeness: str
    birth_date: date | None
    birth_year: int | None
    gender: str
    phone: str
    email: str
    social_handle: str
    residence_commune: str | None = Field(None, description="Code INSEE")
    residence_qpv: str | None = Field(None, description="Code QPV (QN…)")
    nationality: str
    rqth: bool | None
    has_children: bool | None
    driving_licence: bool | None
    frequented_communes: list[str] = Field(description="Codes INSEE des communes fréquentées")
    frequented_qpvs: list[str] = Field(description="Codes des QPV fréquentés")
    frequented_places: str
    holder_structure_id: int
    last_contact_at: datetime | None
    created_at: datetime
    updated_at: datetime

    @staticmethod
    def resolve_residence_commune(obj: Youth) -> str | None:
        return obj.residence_commune.code if obj.residence_commune else None

    @staticmethod
    def resolve_residence_qpv(obj: Youth) -> str | None:
        return obj.residence_qpv.code if obj.residence_qpv else None

    @staticmethod
    def resolve_frequented_communes(obj: Youth) -> list[str]:
        return [c.code for c in obj.frequented_communes.all()]

    @staticmethod
    def resolve_frequented_qpvs(obj: Youth) -> list[str]:
        return [q.code for q in obj.frequented_qpvs.all()]


class YouthRowOut(YouthOut):
    current_phase: str | None = Field(None, description="Phase du parcours en cours")
    current_programme: str | None = None
    current_referent_id: int | None = Field(None, description="Rattachement du référent")


class YouthIn(Schema):
    first_name: str = Field("", max_length=100)
    nickname: str = Field("", max_length=100)
    last_name: str = Field("", max_length=100)
    birth_date: date | None = None
    birth_year: int | None = Field(None, ge=1900, le=2100)
    gender: GenderCode = "not_stated"
    phone: Phone = ""
    email: str = Field("", max_length=254)
    social_handle: str = Field("", max_length=100)
    residence_commune: str | None = Field(None, description="Code INSEE", max_length=5)
    residence_qpv: str | None = Field(None, description="Code QPV (QN…)", max_length=10)
    nationality: NationalityCode = ""
    rqth: bool | None = None
    has_children: bool | None = None
    driving_licence: bool | None = None
    frequented_communes: list[str] = Field([], description="Codes INSEE")
    frequented_qpvs: list[str] = Field([], description="Codes QPV (QN…)")
    frequented_places: str = Field("", max_length=300)


class YouthPatch(YouthIn):
    gender: GenderCode | None = None  # type: ignore[assignment]
    nationality: NationalityCode | None = None  # type: ignore[assignment]


def _to_domain(payload: YouthIn, *, partial: bool) -> dict[str, Any]:
    data = payload.dict(exclude_unset=partial)
    errors: dict[str, str] = {}
    if data.get("residence_commune"):
        commune = Commune.objects.filter(code=data["residence_commune"]).first()
        if commune is None:
            errors["residence_commune"] = _("Commune inconnue (code INSEE attendu).")
        data["residence_commune"] = commune
    elif "residence_commune" in data:
        data["residence_commune"] = None
    if data.get("residence_qpv"):
        qpv = Qpv.objects.filter(code=data["residence_qpv"]).first()
        if qpv is None:
            errors["residence_qpv"] = _("Quartier prioritaire inconnu (code QN… attendu).")
        data["residence_qpv"] = qpv
    elif "residence_qpv" in data:
        data["residence_qpv"] = None
    for key, model, message in (
        ("frequented_communes", Commune, _("Communes inconnues : %(codes)s.")),
        ("frequented_qpvs", Qpv, _("Quartiers prioritaires inconnus : %(codes)s.")),
    ):
        if key in data:
            codes = list(dict.fromkeys(data[key] or []))
            found = {o.code: o for o in model.objects.filter(code__in=codes)}
            if unknown := [c for c in codes if c not in found]:
                errors[key] = message % {"codes": ", ".join(unknown)}
            data[key] = [found[c] for c in codes if c in found]
    if data.get("email"):
        try:
            validate_email(data["email"])
        except ValidationError:
            errors["email"] = _("Adresse e-mail invalide.")
    for key in ("gender", "nationality"):
        if partial and key in data and data[key] is None:
            del data[key]
    if errors:
        raise ValidationError(errors)
    return data


_PREFETCH = ("frequented_communes", "frequented_qpvs")


@router.get("", response=list[YouthOut], summary="Jeunes visibles par ma structure")
def list_youth(request: HttpRequest, q: str = "", limit: Limit = 50, offset: Offset = 0) -> Any:
    actor = actor_of(request)
    qs = youths_visible_to(actor).select_related("residence_commune", "residence_qpv")
    if q:
        qs = search_visible(actor, qs, q)
    qs = qs.prefetch_related(*_PREFETCH).order_by("pk")
    return list_youths(actor, qs[offset : offset + limit])


@router.get(
    "/mine",
    response=list[YouthRowOut],
    summary="Mes jeunes : filtres (phase, commune, QPV, sans contact depuis N jours)",
    description=(
        "`mine` : seulement les jeunes dont je suis référent·e (par défaut pour un·e "
        "référent·e / conseiller·ère ; les autres rôles voient tous les jeunes visibles). "
        "`commune` : code INSEE ; `qpv` : code QN… ; `no_contact_days` : 7, 21 ou 60 "
        "(les jeunes sans contact noté comptent)."
    ),
)
def list_mine(
    request: HttpRequest,
    mine: bool | None = None,
    phase: PhaseCode | None = None,
    commune: str = "",
    qpv: str = "",
    no_contact_days: QueryEx[int | None, P(ge=1, le=3650)] = None,
    q: str = "",
    limit: Limit = 50,
    offset: Offset = 0,
) -> Any:
    actor = actor_of(request)
    actor.require(Perm.VIEW_YOUTH)
    errors = {}
    commune_obj = Commune.objects.filter(code=commune).first() if commune else None
    if commune and commune_obj is None:
        errors["commune"] = _("Commune inconnue (code INSEE attendu).")
    qpv_obj = Qpv.objects.filter(code=qpv).first() if qpv else None
    if qpv and qpv_obj is None:
        errors["qpv"] = _("Quartier prioritaire inconnu (code QN… attendu).")
    if errors:
        raise ValidationError(errors)
    filters = YouthFilters(
        mine=mine_by_default(actor) if mine is None else mine,
        phase=phase or "",
        commune_id=commune_obj.pk if commune_obj else None,
        qpv_id=qpv_obj.pk if qpv_obj else None,
        no_contact_days=no_contact_days,
        query=q.strip(),
    )
    qs = filter_youths(actor, filters).prefetch_related(*_PREFETCH)
    youths = list_youths(actor, qs[offset : offset + limit])
    attach_current(youths)
    return youths


@router.get("/{youth_id}", response=YouthOut, summary="Une fiche")
def read_youth(request: HttpRequest, youth_id: int) -> Any:
    return get_youth(actor_of(request), youth_id)


@router.post(
    "", response={201: YouthOut}, summary="Créer une fiche (un prénom ou un surnom suffit)"
)
def create_youth(request: HttpRequest, payload: YouthIn) -> Any:
    return Status(201, do_create_youth(actor_of(request), _to_domain(payload, partial=False)))


@router.patch("/{youth_id}", response=YouthOut, summary="Modifier une fiche")
def update_youth(request: HttpRequest, youth_id: int, payload: YouthPatch) -> Any:
    actor = actor_of(request)
    youth = get_youth(actor, youth_id, edit=True)
    do_update_youth(actor, youth, _to_domain(payload, partial=True))
    return youth


# The file's parts, under /youth/{youth_id}/…
router.add_router("", consents_router)
router.add_router("", enrolments_router)
router.add_router("", diagnostics_router)
