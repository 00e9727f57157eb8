"""Hand-offs (sender and receiving sides), exits, reminders and the home alerts.
Mounted under /followup."""

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status

from accroche.api.auth import actor_of
from accroche.api.followup_common import enrolment_of, pick
from accroche.followup.alerts import home_alerts
from accroche.followup.common import one
from accroche.followup.exits import do_record_exit, do_record_followup, read_outcomes
from accroche.followup.handoffs import (
    do_move_handoff,
    do_propose_handoff,
    do_record_check,
    get_handoff,
    get_received_handoff,
    read_handoffs,
    read_received,
    received_handoffs,
)
from accroche.followup.models import Outcome
from accroche.followup.reminders import do_close_reminder, reminders_for
from accroche.organisations.models import Structure
from accroche.youth.access import get_youth, youths_visible_to

router = Router(tags=["Suivi : relais, sorties, rappels et alertes"])


class CheckOut(Schema):
    milestone: int
    checked_on: date
    situation: str
    note: str


class HandOffOut(Schema):
    id: int
    enrolment_id: int
    target: str
    target_structure_id: int | None
    target_name: str
    reason: str
    status: str = Field(description="proposed, sent, acknowledged, refused, started, cancelled")
    proposed_on: date
    sent_on: date | None
    acknowledged_on: date | None
    refused_on: date | None
    refusal_reason: str
    started_on: date | None
    cancelled_on: date | None
    checks: list[CheckOut]


class HandOffIn(Schema):
    target: str = Field(
        description="mission_locale, france_travail, cej, siae, day_work, training, housing, "
        "health, partner ; doit correspondre au type de la structure qui reçoit"
    )
    target_structure_id: int | None = None
    target_name: str = Field("", max_length=200)
    reason: str = ""
    enrolment_id: int | None = Field(None, description="Par défaut : le seul parcours en cours")


class MoveIn(Schema):
    on: date | None = Field(None, description="Par défaut : aujourd'hui")
    reason: str = Field("", description="Obligatoire pour un refus")


class CheckIn(Schema):
    milestone: int = Field(description="3 ou 6 (mois après l'envoi)")
    situation: str = Field(description="ongoing, completed, stopped, not_started, unknown")
    note: str = ""
    on: date | None = None


class ReceivedOut(Schema):
    id: int
    youth_id: int | None = Field(description="Absent si la fiche n'est pas partagée avec vous")
    from_structure_id: int
    target: str
    status: str
    sent_on: date | None


class OutcomeOut(Schema):
    id: int
    enrolment_id: int
    kind: str
    positive: bool
    exited_on: date
    note: str
    followup_on: date | None
    followup_situation: str
    followup_note: str

    @staticmethod
    def resolve_positive(obj: Outcome) -> bool:
        return obj.is_positive


class ExitIn(Schema):
    kind: str = Field(
        description="stable_job, short_job, apprenticeship, qualifying_training, civic_service, "
        "cej, back_to_school, business_creation, siae, moved_away, lost_contact, dropped_out, "
        "other"
    )
    exited_on: date | None = None
    note: str = ""
    enrolment_id: int | None = None


class FollowUpIn(Schema):
    situation: str = Field(description="employed, training, job_searching, other, unknown")
    note: str = ""
    on: date | None = None


class ReminderOut(Schema):
    id: int
    kind: str
    youth_id: int
    due_on: date
    handoff_id: int | None
    outcome_id: int | None


class QuietOut(Schema):
    youth_id: int
    days: int | None = Field(description="Jours depuis le dernier contact ; vide si jamais")


class AlertsOut(Schema):
    no_contact: list[QuietOut]
    immediate_needs: list[int] = Field(description="Diagnostics au besoin en attente")
    late_actions: list[int]
    late_handoffs: list[int]
    reminders: list[int]


# --- hand-offs -----------------------------------------------------------------------------


@router.get("/youth/{youth_id}/handoffs", response=list[HandOffOut], summary="Relais d'un jeune")
def list_handoffs(request: HttpRequest, youth_id: int) -> Any:
    actor = actor_of(request)
    return read_handoffs(actor, get_youth(actor, youth_id))


@router.post("/youth/{youth_id}/handoffs", response={201: HandOffOut}, summary="Proposer un relais")
def propose(request: HttpRequest, youth_id: int, payload: HandOffIn) -> Any:
    actor = actor_of(request)
    youth = get_youth(actor, youth_id, edit=True)
    data = payload.dict() | {
        "enrolment": enrolment_of(youth, payload.enrolment_id),
        "target_structure": pick(
            Structure.objects.all(),
            payload.target_structure_id,
            "target_structure_id",
            _("Structure inconnue."),
        ),
    }
    handoff = do_propose_handoff(actor, youth, data)
    return Status(201, get_handoff(youth, handoff.pk))


@router.post(
    "/youth/{youth_id}/handoffs/{handoff_id}/checks",
    response={201: HandOffOut},
    summary="Faire le point à 3 ou 6 mois",
)
def check(request: HttpRequest, youth_id: int, handoff_id: int, payload: CheckIn) -> Any:
    actor = actor_of(request)
    youth = get_youth(actor, youth_id, edit=True)
    handoff = get_handoff(youth, handoff_id)
    do_record_check(actor, handoff, payload.milestone, payload.situation, payload.note, payload.on)
    return Status(201, get_handoff(youth, handoff_id))


@router.post(
    "/youth/{youth_id}/handoffs/{handoff_id}/{act}",
    response=HandOffOut,
    summary="Faire avancer un relais : send, acknowledge, refuse (avec motif), start, cancel",
)
def move(request: HttpRequest, youth_id: int, handoff_id: int, act: str, payload: MoveIn) -> Any:
    actor = actor_of(request)
    youth = get_youth(actor, youth_id, edit=True)
    do_move_handoff(
        actor, get_handoff(youth, handoff_id), act, on=payload.on, reason=payload.reason
    )
    return get_handoff(youth, handoff_id)


def _received_out(handoff: Any, named: bool) -> dict[str, Any]:
    return {
        "id": handoff.pk,
        "youth_id": handoff.youth_id if named else None,
        "from_structure_id": handoff.created_by_structure_id,
        "target": handoff.target,
        "status": handoff.status,
        "sent_on": handoff.sent_on,
    }


@router.get(
    "/handoffs/received", response=list[ReceivedOut], summary="Relais reçus par ma structure"
)
def received(request: HttpRequest) -> Any:
    actor = actor_of(request)
    # Only ids, no names, go out: the young people are not logged (the page's list is).
    found, visible = read_received(
        actor, received_handoffs(actor).order_by("-sent_on", "-pk"), log_youths=False
    )
    return [_received_out(h, h.youth_id in visible) for h in found]


@router.post(
    "/handoffs/received/{handoff_id}/{act}",
    response=ReceivedOut,
    summary="Répondre à un relais reçu : acknowledge, refuse (avec motif), start",
)
def answer(request: HttpRequest, handoff_id: int, act: str, payload: MoveIn) -> Any:
    actor = actor_of(request)
    handoff = get_received_handoff(actor, handoff_id)
    if act not in ("acknowledge", "refuse", "start"):
        raise ValidationError(
            {"act": [_("Cette étape se note du côté de la structure qui envoie.")]}
        )
    do_move_handoff(actor, handoff, act, on=payload.on, reason=payload.reason)
    named = youths_visible_to(actor).filter(pk=handoff.youth_id).exists()
    return _received_out(handoff, named)


# --- exits -----------------------------------------------------------------------------------


@router.get("/youth/{youth_id}/exits", response=list[OutcomeOut], summary="Sorties d'un jeune")
def list_exits(request: HttpRequest, youth_id: int) -> Any:
    actor = actor_of(request)
    return read_outcomes(actor, get_youth(actor, youth_id))


@router.post(
    "/youth/{youth_id}/exits",
    response={201: OutcomeOut},
    summary="Noter la sortie (clôt le parcours)",
)
def record_exit(request: HttpRequest, youth_id: int, payload: ExitIn) -> Any:
    actor = actor_of(request)
    youth = get_youth(actor, youth_id, edit=True)
    enrolment = enrolment_of(youth, payload.enrolment_id)
    if enrolment is None:
        raise ValidationError({"enrolment_id": [_("Indiquez le parcours qui se termine.")]})
    return Status(201, do_record_exit(actor, youth, enrolment, payload.dict()))


@router.post(
    "/youth/{youth_id}/exits/{outcome_id}/followup",
    response=OutcomeOut,
    summary="Noter les nouvelles à 6 mois",
)
def exit_followup(request: HttpRequest, youth_id: int, outcome_id: int, payload: FollowUpIn) -> Any:
    actor = actor_of(request)
    youth = get_youth(actor, youth_id, edit=True)
    outcome = one(Outcome.objects.filter(youth=youth), outcome_id)
    return do_record_followup(actor, outcome, payload.situation, payload.note, payload.on)


# --- reminders and alerts ---------------------------------------------------------------------


@router.get("/reminders", response=list[ReminderOut], summary="Mes rappels ouverts")
def list_reminders(request: HttpRequest) -> Any:
    return reminders_for(actor_of(request)).order_by("due_on", "pk")


@router.post("/reminders/{reminder_id}/done", response=ReminderOut, summary="Fermer un rappel")
def close_reminder(request: HttpRequest, reminder_id: int) -> Any:
    return do_close_reminder(actor_of(request), reminder_id)


@router.get(
    "/alerts",
    response=AlertsOut,
    summary="Alertes de la page d'accueil (sans contact, besoin immédiat, retards, rappels)",
)
def alerts(request: HttpRequest) -> Any:
    found = home_alerts(actor_of(request))
    if found is None:
        return {"no_contact": [], "immediate_needs": [], "late_actions": [],
                "late_handoffs": [], "reminders": []}  # fmt: skip
    return {
        "no_contact": [{"youth_id": q.youth_id, "days": q.days} for q in found.quiet],
        "immediate_needs": [n.diagnostic.pk for n in found.needs],
        "late_actions": [a.pk for a in found.late_actions],
        "late_handoffs": [h.pk for h in found.late_handoffs],
        "reminders": [r.pk for r in found.reminders],
    }
