"""Consents of a young person: list, record, withdraw. Mounted under /youth."""

from datetime import date, datetime
from typing import Any, Literal

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status

from accroche.api.auth import actor_of
from accroche.organisations.models import Structure
from accroche.youth.access import get_youth
from accroche.youth.consents import (
    consents_of,
    do_record_consent,
    do_withdraw_consent,
    get_consent,
    log_consents_read,
)
from accroche.youth.models import Consent

router = Router(tags=["Jeunes : consentements"])


class ConsentOut(Schema):
    id: int
    purpose: str
    method: str
    given_on: date
    withdrawn_on: date | None
    is_active: bool
    guardian_informed: bool | None
    shared_with: list[int] = Field(description="Structures (identifiants) pour un partage")
    transferred_to: list[int] = Field(
        description="Celles de `shared_with` hors du consortium du jeune (transfert)"
    )
    transfer_reason: str
    recorded_by_structure_id: int
    created_at: datetime

    @staticmethod
    def resolve_shared_with(obj: Consent) -> list[int]:
        return [s.pk for s in obj.shared_with.all()]

    @staticmethod
    def resolve_transferred_to(obj: Consent) -> list[int]:
        return [s.pk for s in obj.transferred_to.all()]


class ConsentIn(Schema):
    purpose: Literal["follow_up", "sharing", "contact", "evaluation"]
    method: Literal["oral", "written"]
    given_on: date
    guardian_informed: bool | None = Field(
        None, description="Obligatoire (true / false) pour un·e jeune de moins de 18 ans"
    )
    shared_with: list[int] = Field(
        [],
        description=(
            "Identifiants des structures (partage) : partenaires des dispositifs du jeune ou "
            "structures dont la zone couvre sa commune ; toute autre est un transfert"
        ),
    )
    transfer_reason: str = Field(
        "",
        max_length=1000,
        description="Obligatoire si `shared_with` nomme une structure hors du consortium",
    )


class WithdrawIn(Schema):
    withdrawn_on: date | None = Field(None, description="Par défaut : aujourd'hui")


@router.get("/{youth_id}/consents", response=list[ConsentOut], summary="Consentements d'un jeune")
def list_consents(request: HttpRequest, youth_id: int) -> Any:
    actor = actor_of(request)
    consents = list(consents_of(get_youth(actor, youth_id)).prefetch_related("transferred_to"))
    log_consents_read(actor, consents)
    return consents


@router.post("/{youth_id}/consents", response={201: ConsentOut}, summary="Noter un consentement")
def create_consent(request: HttpRequest, youth_id: int, payload: ConsentIn) -> Any:
    actor = actor_of(request)
    youth = get_youth(actor, youth_id, edit=True)
    data = payload.dict()
    ids = list(dict.fromkeys(data["shared_with"]))
    structures = list(Structure.objects.filter(pk__in=ids))
    if len(structures) != len(ids):
        raise ValidationError({"shared_with": [_("Structure inconnue.")]})
    data["shared_with"] = structures
    return Status(201, do_record_consent(actor, youth, data))


@router.post(
    "/{youth_id}/consents/{consent_id}/withdraw",
    response=ConsentOut,
    summary="Retirer un consentement (effet immédiat)",
)
def withdraw_consent(
    request: HttpRequest, youth_id: int, consent_id: int, payload: WithdrawIn
) -> Any:
    actor = actor_of(request)
    consent = get_consent(get_youth(actor, youth_id, edit=True), consent_id)
    return do_withdraw_consent(actor, consent, payload.withdrawn_on)
