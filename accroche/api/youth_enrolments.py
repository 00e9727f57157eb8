"""Enrolments (parcours) and eligibility of a young person. Mounted under /youth."""

from datetime import date, datetime
from typing import Any, Literal

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status

from accroche.api.auth import actor_of
from accroche.organisations.models import Membership
from accroche.territory.models import DiplomaLevel
from accroche.youth.access import get_youth
from accroche.youth.eligibility import evaluate_for
from accroche.youth.enrolments import (
    do_change_phase,
    do_change_referent,
    do_enrol,
    do_override_eligibility,
    enrolment_programmes,
    entry_situation,
    get_enrolment,
    read_enrolments,
)
from accroche.youth.models import Enrolment, Phase

router = Router(tags=["Jeunes : parcours et éligibilité"])

ActivityCode = Literal["neet", "employed", "student", "training", ""]
SpeCode = Literal["mission_locale", "france_travail", "never", ""]
HousingCode = Literal[
    "family", "own", "friends", "youth_home", "emergency", "homeless", "squat", ""
]
ResourcesCode = Literal["none", "family", "work", "benefits", "unemployment", "other", ""]


class RuleOut(Schema):
    code: str
    label: str
    status: Literal["met", "not_met", "unknown"]
    used: str = Field(description="Les données utilisées, en clair")


class EligibilityOut(Schema):
    on: date
    overall: Literal["eligible", "not_eligible", "incomplete"]
    rules: list[RuleOut]


class ReferentChangeOut(Schema):
    from_referent_id: int | None
    to_referent_id: int
    reason: str
    at: datetime
    by_structure_id: int


class PhaseChangeOut(Schema):
    from_phase: str
    to_phase: str
    on: date
    note: str
    by_structure_id: int


class EnrolmentOut(Schema):
    id: int
    programme_id: int
    programme: str
    referent_id: int = Field(description="Rattachement (membership) du référent")
    referent_name: str
    referent_structure_id: int
    phase: str
    entry_date: date
    exited_on: date | None
    entry_activity: str
    entry_last_spe_contact_on: date | None
    entry_last_spe_contact_source: str
    entry_diploma_level: str | None = Field(None, description="Code du niveau (infra3, 3…8)")
    entry_housing: str
    entry_resources: str
    eligibility: EligibilityOut | None = Field(None, description="Évaluée à l'entrée")
    eligibility_status: str
    eligibility_override: str
    legal_basis: str = Field(description="Vide : le consentement du jeune à l'accompagnement")
    effective_eligibility: str
    referent_history: list[ReferentChangeOut]
    phase_history: list[PhaseChangeOut]

    @staticmethod
    def resolve_programme(obj: Enrolment) -> str:
        return obj.programme.name

    @staticmethod
    def resolve_referent_name(obj: Enrolment) -> str:
        return obj.referent.user.get_full_name()

    @staticmethod
    def resolve_referent_structure_id(obj: Enrolment) -> int:
        return obj.referent.structure_id

    @staticmethod
    def resolve_entry_diploma_level(obj: Enrolment) -> str | None:
        return obj.entry_diploma_level.code if obj.entry_diploma_level else None

    @staticmethod
    def resolve_eligibility(obj: Enrolment) -> dict[str, Any] | None:
        return obj.eligibility or None

    @staticmethod
    def resolve_referent_history(obj: Enrolment) -> list[Any]:
        return list(obj.referent_changes.all())

    @staticmethod
    def resolve_phase_history(obj: Enrolment) -> list[Any]:
        return list(obj.phase_changes.all())


class SituationIn(Schema):
    entry_activity: ActivityCode = ""
    entry_last_spe_contact_on: date | None = None
    entry_last_spe_contact_source: SpeCode = ""
    entry_diploma_level: str | None = Field(None, description="Code du niveau (infra3, 3…8)")
    entry_housing: HousingCode = ""
    entry_resources: ResourcesCode = ""


class EnrolmentIn(SituationIn):
    programme_id: int
    referent_id: int = Field(description="Rattachement (membership) du référent")
    entry_date: date
    phase: Literal["contact", "mobilisation", "follow_up"] = "contact"
    legal_basis: Literal[
        "", "public_interest", "legal_obligation", "contract", "vital_interests"
    ] = Field(
        "",
        description=(
            "Vide : le consentement à l'accompagnement, noté sur la fiche, est exigé ; "
            "sinon la base légale (RGPD art. 6.1) qui permet le parcours"
        ),
    )


class ReferentIn(Schema):
    referent_id: int
    reason: str = Field("", max_length=300)


class PhaseIn(Schema):
    act: Literal["mobilise", "follow", "hand_off", "exit"]
    on: date | None = Field(None, description="Par défaut : aujourd'hui")
    note: str = Field("", max_length=300)


class OverrideIn(Schema):
    decision: Literal["eligible", "not_eligible"]
    reason: str


def _situation(payload: SituationIn) -> dict[str, Any]:
    data = payload.dict()
    code = data.get("entry_diploma_level")
    if code:
        level = DiplomaLevel.objects.filter(code=code).first()
        if level is None:
            raise ValidationError(
                {"entry_diploma_level": [_("Niveau de diplôme inconnu (infra3, 3 à 8).")]}
            )
        data["entry_diploma_level"] = level
    return data


def _referent(pk: int) -> Membership | None:
    return Membership.objects.select_related("structure", "user").filter(pk=pk).first()


@router.get("/{youth_id}/enrolments", response=list[EnrolmentOut], summary="Parcours d'un jeune")
def list_enrolments(request: HttpRequest, youth_id: int) -> Any:
    actor = actor_of(request)
    return read_enrolments(actor, get_youth(actor, youth_id))


@router.post(
    "/{youth_id}/enrolments",
    response={201: EnrolmentOut},
    summary="Inscrire dans un dispositif (l'éligibilité est évaluée et gardée)",
)
def create_enrolment(request: HttpRequest, youth_id: int, payload: EnrolmentIn) -> Any:
    actor = actor_of(request)
    youth = get_youth(actor, youth_id, edit=True)
    data = _situation(payload)
    data["programme"] = enrolment_programmes(actor).filter(pk=payload.programme_id).first()
    data["referent"] = _referent(payload.referent_id)
    enrolment = do_enrol(actor, youth, data)
    return Status(201, get_enrolment(actor, youth, enrolment.pk))


@router.post(
    "/{youth_id}/enrolments/{enrolment_id}/referent",
    response=EnrolmentOut,
    summary="Changer de référent (l'historique est gardé)",
)
def change_referent(
    request: HttpRequest, youth_id: int, enrolment_id: int, payload: ReferentIn
) -> Any:
    actor = actor_of(request)
    youth = get_youth(actor, youth_id, edit=True)
    enrolment = get_enrolment(actor, youth, enrolment_id, edit=True)
    do_change_referent(actor, enrolment, _referent(payload.referent_id), payload.reason)
    return get_enrolment(actor, youth, enrolment_id)


@router.post(
    "/{youth_id}/enrolments/{enrolment_id}/phase",
    response=EnrolmentOut,
    summary="Changer de phase : mobilise, follow, hand_off, exit",
)
def change_phase(request: HttpRequest, youth_id: int, enrolment_id: int, payload: PhaseIn) -> Any:
    actor = actor_of(request)
    youth = get_youth(actor, youth_id, edit=True)
    enrolment = get_enrolment(actor, youth, enrolment_id, edit=True)
    do_change_phase(actor, enrolment, payload.act, payload.on, payload.note)
    return get_enrolment(actor, youth, enrolment_id)


@router.post(
    "/{youth_id}/enrolments/{enrolment_id}/eligibility-override",
    response=EnrolmentOut,
    summary="Décision d'éligibilité d'un coordinateur, avec son motif",
)
def override_eligibility(
    request: HttpRequest, youth_id: int, enrolment_id: int, payload: OverrideIn
) -> Any:
    actor = actor_of(request)
    youth = get_youth(actor, youth_id, edit=True)
    enrolment = get_enrolment(actor, youth, enrolment_id, edit=True)
    do_override_eligibility(actor, enrolment, payload.decision, payload.reason)
    return get_enrolment(actor, youth, enrolment_id)


@router.get(
    "/{youth_id}/eligibility",
    response=EligibilityOut,
    summary="Évaluer l'éligibilité d'un jeune à un dispositif",
    description=(
        "Évalue les règles du dispositif sur la fiche et la situation donnée en paramètres, "
        "à la date `on` (aujourd'hui par défaut). Sans aucun paramètre de situation, la "
        "situation à l'entrée du parcours en cours dans ce dispositif est utilisée."
    ),
)
def eligibility(
    request: HttpRequest,
    youth_id: int,
    programme_id: int,
    situation: Query[SituationIn],
    on: date | None = None,
) -> Any:
    actor = actor_of(request)
    youth = get_youth(actor, youth_id)
    programme = enrolment_programmes(actor).filter(pk=programme_id).first()
    if programme is None:
        raise Http404
    data = _situation(situation)
    given = situation.dict(exclude_defaults=True)
    if not given:
        current = (
            youth.enrolments.filter(programme=programme)
            .exclude(phase=Phase.EXITED)
            .select_related("entry_diploma_level")
            .first()
        )
        if current is not None:
            data = {field: getattr(current, field) for field in data}
            on = on or current.entry_date
    return evaluate_for(youth, programme, entry_situation(data), on or timezone.localdate())
