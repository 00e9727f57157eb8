"""Budget lines and material aid: requests, decisions, payment, receipts. Mounted under
/followup."""

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, FileEx, P, Router, Schema, Status
from ninja.files import UploadedFile

from accroche.access.permissions import Perm
from accroche.api.auth import actor_of
from accroche.api.followup_common import pick
from accroche.api.inputs import decimal_of
from accroche.followup.aid import (
    do_approve_aid,
    do_attach_receipt,
    do_attest_receipt,
    do_cancel_aid,
    do_pay_aid,
    do_refuse_aid,
    do_request_aid,
    get_aid,
    get_aid_to_decide,
    read_aids,
    read_aids_to_decide,
)
from accroche.followup.budget import (
    budget_lines_visible_to,
    do_create_budget_line,
    do_update_budget_line,
    get_budget_line,
    with_usage,
)
from accroche.followup.models import Aid, AidStatus, BudgetLine
from accroche.organisations.programmes import programmes_editable_by
from accroche.youth.access import get_youth, youths_visible_to

router = Router(tags=["Suivi : aides et budget"])


class BudgetLineOut(Schema):
    id: int
    programme_id: int
    year: int
    label: str
    kind: str
    envelope: decimal_of(BudgetLine, "envelope")  # type: ignore[valid-type]
    unit_quota: int | None
    committed_amount: Decimal = Field(description="Accordé ou payé")
    committed_units: int
    remaining: Decimal
    pending_amount: Decimal = Field(description="Demandes en attente de décision")
    pending_units: int


class BudgetLineIn(Schema):
    programme_id: int
    year: int
    label: str = Field(max_length=200)
    kind: str = Field(
        description="moped_licence, work_clothes, transport, service_voucher, childcare, "
        "food, emergency_night, other (« other » accepte tous les types)"
    )
    envelope: decimal_of(BudgetLine, "envelope")  # type: ignore[valid-type]
    unit_quota: int | None = Field(None, description="Nombre maximum d'aides dans l'année")


class AidOut(Schema):
    id: int
    youth_id: int | None = Field(description="Absent si vous ne voyez pas la fiche")
    budget_line_id: int
    kind: str
    amount: Decimal
    reason: str | None = Field(description="Absent si vous ne voyez pas la fiche")
    status: str = Field(description="requested, approved, refused, paid, cancelled")
    requested_on: date
    requested_by_structure_id: int
    decided_at: datetime | None
    refusal_reason: str
    paid_on: date | None
    has_receipt: bool
    receipt_checked_at: datetime | None = Field(
        description="Attestation qu'une structure qui voit la fiche a vérifié le justificatif"
    )
    receipt_checked_by_structure_id: int | None


class AidIn(Schema):
    budget_line_id: int
    kind: str | None = Field(None, description="Par défaut : celui de la ligne")
    amount: decimal_of(Aid, "amount")  # type: ignore[valid-type]
    reason: str


class DecisionIn(Schema):
    reason: str = Field("", description="Obligatoire pour un refus")
    paid_on: date | None = None


def _aid_out(aid: Any, named: bool = True) -> dict[str, Any]:
    return {
        "id": aid.pk,
        "youth_id": aid.youth_id if named else None,
        "budget_line_id": aid.budget_line_id,
        "kind": aid.kind,
        "amount": aid.amount,
        "reason": aid.reason if named else None,
        "status": aid.status,
        "requested_on": aid.requested_on,
        "requested_by_structure_id": aid.requested_by_structure_id,
        "decided_at": aid.decided_at,
        "refusal_reason": aid.refusal_reason,
        "paid_on": aid.paid_on,
        "has_receipt": bool(aid.receipt),
        "receipt_checked_at": aid.receipt_checked_at,
        "receipt_checked_by_structure_id": aid.receipt_checked_by_structure_id,
    }


# --- budget lines ----------------------------------------------------------------------


@router.get("/budget-lines", response=list[BudgetLineOut], summary="Lignes budgétaires")
def list_lines(request: HttpRequest) -> Any:
    return with_usage(budget_lines_visible_to(actor_of(request))).order_by("-year", "label")


def _line_data(request: HttpRequest, payload: BudgetLineIn) -> dict[str, Any]:
    actor_of(request).require(Perm.MANAGE_PROGRAMMES)
    programme = pick(
        programmes_editable_by(actor_of(request)),
        payload.programme_id,
        "programme_id",
        _("Choisissez un dispositif que porte votre structure."),
    )
    return payload.dict() | {"programme": programme}


@router.post(
    "/budget-lines", response={201: BudgetLineOut}, summary="Créer une ligne (coordinateurs)"
)
def create_line(request: HttpRequest, payload: BudgetLineIn) -> Any:
    actor = actor_of(request)
    line = do_create_budget_line(actor, _line_data(request, payload))
    return Status(201, get_budget_line(actor, line.pk))


@router.put("/budget-lines/{line_id}", response=BudgetLineOut, summary="Modifier une ligne")
def update_line(request: HttpRequest, line_id: int, payload: BudgetLineIn) -> Any:
    actor = actor_of(request)
    line = get_budget_line(actor, line_id, edit=True)
    do_update_budget_line(actor, line, _line_data(request, payload))
    return get_budget_line(actor, line_id)


# --- the referent's side -----------------------------------------------------------------


@router.get("/youth/{youth_id}/aids", response=list[AidOut], summary="Aides d'un jeune")
def list_aids(request: HttpRequest, youth_id: int) -> Any:
    actor = actor_of(request)
    found = read_aids(actor, get_youth(actor, youth_id))
    return [_aid_out(a) for a in found]


@router.post(
    "/youth/{youth_id}/aids",
    response={201: AidOut},
    summary="Demander une aide (refusée tout de suite au-delà de l'enveloppe ou du quota)",
)
def request_aid(request: HttpRequest, youth_id: int, payload: AidIn) -> Any:
    actor = actor_of(request)
    youth = get_youth(actor, youth_id, edit=True)
    line = pick(
        budget_lines_visible_to(actor),
        payload.budget_line_id,
        "budget_line_id",
        _("Ligne budgétaire inconnue."),
    )
    data = payload.dict() | {
        "budget_line": line,
        "kind": payload.kind or (line.kind if line else ""),
    }
    return Status(201, _aid_out(do_request_aid(actor, youth, data)))


@router.post(
    "/youth/{youth_id}/aids/{aid_id}/cancel", response=AidOut, summary="Annuler une demande"
)
def cancel_aid(request: HttpRequest, youth_id: int, aid_id: int) -> Any:
    actor = actor_of(request)
    youth = get_youth(actor, youth_id, edit=True)
    return _aid_out(do_cancel_aid(actor, get_aid(youth, aid_id)))


@router.post(
    "/youth/{youth_id}/aids/{aid_id}/receipt",
    response=AidOut,
    summary="Joindre le justificatif d'une aide payée (PDF, JPEG ou PNG, 5 Mo au plus)",
)
def attach_receipt(
    request: HttpRequest,
    youth_id: int,
    aid_id: int,
    receipt: FileEx[UploadedFile, P(description="PDF, JPEG ou PNG, 5 Mo au plus")],
) -> Any:
    actor = actor_of(request)
    youth = get_youth(actor, youth_id, edit=True)
    return _aid_out(do_attach_receipt(actor, get_aid(youth, aid_id), receipt))


@router.post(
    "/youth/{youth_id}/aids/{aid_id}/receipt/attest",
    response=AidOut,
    summary="Attester que le justificatif a été vérifié (le coordinateur voit l'attestation "
    "quand la fiche n'est pas partagée avec sa structure)",
)
def attest_receipt(request: HttpRequest, youth_id: int, aid_id: int) -> Any:
    actor = actor_of(request)
    youth = get_youth(actor, youth_id, edit=True)
    return _aid_out(do_attest_receipt(actor, get_aid(youth, aid_id)))


# --- the coordinators' side ------------------------------------------------------------------


@router.get(
    "/aids/to-decide",
    response=list[AidOut],
    summary="Demandes à accorder et aides à payer (coordinateurs de la structure porteuse) ; "
    "status=paid : les aides payées et l'attestation de leur justificatif",
)
def to_decide(request: HttpRequest, status: str | None = None) -> Any:
    actor = actor_of(request)
    wanted = [AidStatus.REQUESTED, AidStatus.APPROVED]
    if status is not None:
        if status not in (*wanted, AidStatus.PAID):
            raise ValidationError({"status": [_("Choisissez requested, approved ou paid.")]})
        wanted = [AidStatus(status)]
    found = read_aids_to_decide(actor, wanted)
    visible = set(
        youths_visible_to(actor)
        .filter(pk__in=[a.youth_id for a in found])
        .values_list("pk", flat=True)
    )
    return [_aid_out(a, named=a.youth_id in visible) for a in found]


@router.post(
    "/aids/{aid_id}/{act}",
    response=AidOut,
    summary="Décider d'une aide : approve, refuse (avec motif), pay",
)
def decide(request: HttpRequest, aid_id: int, act: str, payload: DecisionIn) -> Any:
    actor = actor_of(request)
    aid = get_aid_to_decide(actor, aid_id)
    if act == "approve":
        do_approve_aid(actor, aid)
    elif act == "refuse":
        do_refuse_aid(actor, aid, payload.reason)
    elif act == "pay":
        do_pay_aid(actor, aid, payload.paid_on)
    else:
        raise ValidationError({"act": [_("Action inconnue.")]})
    return _aid_out(aid, named=youths_visible_to(actor).filter(pk=aid.youth_id).exists())
