"""The daily follow-up of a young person: action plan, exchanges, appointments, company
immersions and weekly hours. Mounted under /followup."""

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status

from accroche.api.auth import actor_of
from accroche.api.followup_common import enrolment_of, pick
from accroche.api.inputs import decimal_of
from accroche.followup.actions import (
    do_add_action,
    do_move_action,
    get_action,
    owner_candidates,
    read_actions,
)
from accroche.followup.appointments import (
    do_plan_appointment,
    do_record_outcome,
    get_appointment,
    read_appointments,
)
from accroche.followup.hours import recent_weeks
from accroche.followup.immersions import (
    do_add_immersion,
    do_review_immersion,
    get_immersion,
    read_immersions,
)
from accroche.followup.interactions import do_record_interaction, read_interactions
from accroche.followup.models import Immersion, Interaction
from accroche.organisations.models import Structure
from accroche.phones import Phone
from accroche.territory.models import Service, ThemeCategory
from accroche.youth.access import get_youth

router = Router(tags=["Suivi : plan d'action, échanges, rendez-vous, immersions"])


class ActionOut(Schema):
    id: int
    title: str
    domain: str = Field(description="Catégorie data·inclusion (mobilite, sante…)")
    status: str = Field(description="planned, in_progress, done, dropped")
    owner_id: int = Field(description="Le rattachement (structure et rôle) qui la porte")
    due_on: date | None
    done_on: date | None
    partner_structure_id: int | None
    service_id: int | None
    collective: bool
    note: str
    enrolment_id: int | None

    @staticmethod
    def resolve_domain(obj: Any) -> str:
        return str(obj.category.value)


class ActionIn(Schema):
    title: str = Field(max_length=200)
    domain: str = Field(description="Catégorie data·inclusion (mobilite, sante…)")
    owner_id: int | None = Field(None, description="Par défaut : vous")
    due_on: date | None = None
    partner_structure_id: int | None = None
    service_id: int | None = None
    collective: bool = False
    note: str = ""
    enrolment_id: int | None = None


class ActIn(Schema):
    on: date | None = Field(None, description="Par défaut : aujourd'hui")


class InteractionOut(Schema):
    id: int
    kind: str = Field(description="interview, call, message, home_visit, accompanying")
    happened_at: datetime
    duration_minutes: int | None
    note: str = Field(description="Vide si la note est réservée à une autre structure")
    note_restricted: bool
    author_structure_id: int


class InteractionIn(Schema):
    kind: str = Field(description="interview, call, message, home_visit, accompanying")
    happened_at: datetime
    duration_minutes: int | None = None
    note: str = ""
    note_restricted: bool = Field(False, description="Note lisible par votre structure seule")
    enrolment_id: int | None = None


class AppointmentOut(Schema):
    id: int
    starts_at: datetime
    place: str
    with_whom: str
    purpose: str
    outcome: str = Field(description="planned, seen, excused, no_show")


class AppointmentIn(Schema):
    starts_at: datetime
    place: str = Field(max_length=200)
    with_whom: str = Field(max_length=200)
    purpose: str = Field("", max_length=200)
    enrolment_id: int | None = None


class OutcomeIn(Schema):
    outcome: str = Field(description="seen, excused, no_show")


class ImmersionOut(Schema):
    id: int
    company: str
    trade: str
    start_on: date
    end_on: date
    daily_hours: Decimal
    tutor_name: str
    tutor_phone: str
    review: str
    review_note: str
    reviewed_on: date | None


class ImmersionIn(Schema):
    company: str = Field(max_length=200)
    trade: str = Field("", max_length=200)
    start_on: date
    end_on: date
    daily_hours: decimal_of(Immersion, "daily_hours") = Decimal("7")  # type: ignore[valid-type]
    tutor_name: str = Field(max_length=200)
    tutor_phone: Phone = ""
    enrolment_id: int | None = None


class ReviewIn(Schema):
    review: str = Field(description="confirmed, to_explore, not_for_me, job_offer")
    note: str = ""
    on: date | None = None


class WeekOut(Schema):
    monday: date
    iso_week: int
    workshops: Decimal
    immersions: Decimal
    individual: Decimal
    total: Decimal
    band: str = Field(description="below, within ou above le rythme CEJ de 15 à 20 h")


# --- action plan -----------------------------------------------------------------------


@router.get("/youth/{youth_id}/actions", response=list[ActionOut], summary="Plan d'action")
def list_actions(request: HttpRequest, youth_id: int) -> Any:
    actor = actor_of(request)
    return read_actions(actor, get_youth(actor, youth_id))


@router.post("/youth/{youth_id}/actions", response={201: ActionOut}, summary="Ajouter une action")
def create_action(request: HttpRequest, youth_id: int, payload: ActionIn) -> Any:
    actor = actor_of(request)
    youth = get_youth(actor, youth_id, edit=True)
    data = payload.dict()
    data["category"] = ThemeCategory.objects.filter(value=payload.domain).first()
    if data["category"] is None:
        raise ValidationError(
            {"domain": [_("Domaine inconnu : %(domain)s.") % {"domain": payload.domain}]}
        )
    data["owner"] = pick(
        owner_candidates(youth),
        payload.owner_id or actor.membership.pk,
        "owner_id",
        _("Cette personne ne voit pas la fiche du jeune."),
    )
    data["partner_structure"] = pick(
        Structure.objects.filter(is_active=True),
        payload.partner_structure_id,
        "partner_structure_id",
        _("Structure inconnue."),
    )
    data["service"] = pick(
        Service.objects.select_related("structure"),
        payload.service_id,
        "service_id",
        _("Offre de service inconnue."),
    )
    data["enrolment"] = enrolment_of(youth, payload.enrolment_id)
    action = do_add_action(actor, youth, data)
    return Status(201, get_action(youth, action.pk))


@router.post(
    "/youth/{youth_id}/actions/{action_id}/{act}",
    response=ActionOut,
    summary="Faire avancer une action (start, complete, drop)",
)
def move_action(
    request: HttpRequest, youth_id: int, action_id: int, act: str, payload: ActIn
) -> Any:
    actor = actor_of(request)
    youth = get_youth(actor, youth_id, edit=True)
    return do_move_action(actor, get_action(youth, action_id), act, payload.on)


# --- exchanges ---------------------------------------------------------------------------


def _interaction_out(interaction: Interaction, structure_id: int) -> dict[str, Any]:
    return {
        "id": interaction.pk,
        "kind": interaction.kind,
        "happened_at": interaction.happened_at,
        "duration_minutes": interaction.duration_minutes,
        "note": interaction.note_for(structure_id),
        "note_restricted": interaction.note_restricted,
        "author_structure_id": interaction.author_structure_id,
    }


@router.get("/youth/{youth_id}/interactions", response=list[InteractionOut], summary="Échanges")
def list_interactions(request: HttpRequest, youth_id: int) -> Any:
    actor = actor_of(request)
    found = read_interactions(actor, get_youth(actor, youth_id))
    return [_interaction_out(i, actor.structure_id) for i in found]


@router.post(
    "/youth/{youth_id}/interactions",
    response={201: InteractionOut},
    summary="Noter un échange (met à jour le dernier contact)",
)
def create_interaction(request: HttpRequest, youth_id: int, payload: InteractionIn) -> Any:
    actor = actor_of(request)
    youth = get_youth(actor, youth_id, edit=True)
    data = payload.dict() | {"enrolment": enrolment_of(youth, payload.enrolment_id)}
    interaction = do_record_interaction(actor, youth, data)
    return Status(201, _interaction_out(interaction, actor.structure_id))


# --- appointments --------------------------------------------------------------------------


@router.get("/youth/{youth_id}/appointments", response=list[AppointmentOut], summary="Rendez-vous")
def list_appointments(request: HttpRequest, youth_id: int) -> Any:
    actor = actor_of(request)
    return read_appointments(actor, get_youth(actor, youth_id))


@router.post(
    "/youth/{youth_id}/appointments",
    response={201: AppointmentOut},
    summary="Prévoir un rendez-vous",
)
def create_appointment(request: HttpRequest, youth_id: int, payload: AppointmentIn) -> Any:
    actor = actor_of(request)
    youth = get_youth(actor, youth_id, edit=True)
    data = payload.dict() | {"enrolment": enrolment_of(youth, payload.enrolment_id)}
    return Status(201, do_plan_appointment(actor, youth, data))


@router.post(
    "/youth/{youth_id}/appointments/{appointment_id}/outcome",
    response=AppointmentOut,
    summary="Noter l'issue d'un rendez-vous",
)
def appointment_outcome(
    request: HttpRequest, youth_id: int, appointment_id: int, payload: OutcomeIn
) -> Any:
    actor = actor_of(request)
    youth = get_youth(actor, youth_id, edit=True)
    return do_record_outcome(actor, get_appointment(youth, appointment_id), payload.outcome)


# --- immersions and hours --------------------------------------------------------------------


@router.get("/youth/{youth_id}/immersions", response=list[ImmersionOut], summary="Immersions")
def list_immersions(request: HttpRequest, youth_id: int) -> Any:
    actor = actor_of(request)
    return read_immersions(actor, get_youth(actor, youth_id))


@router.post(
    "/youth/{youth_id}/immersions",
    response={201: ImmersionOut},
    summary="Enregistrer une immersion en entreprise",
)
def create_immersion(request: HttpRequest, youth_id: int, payload: ImmersionIn) -> Any:
    actor = actor_of(request)
    youth = get_youth(actor, youth_id, edit=True)
    data = payload.dict() | {"enrolment": enrolment_of(youth, payload.enrolment_id)}
    return Status(201, do_add_immersion(actor, youth, data))


@router.post(
    "/youth/{youth_id}/immersions/{immersion_id}/review",
    response=ImmersionOut,
    summary="Faire le bilan d'une immersion",
)
def review_immersion(
    request: HttpRequest, youth_id: int, immersion_id: int, payload: ReviewIn
) -> Any:
    actor = actor_of(request)
    youth = get_youth(actor, youth_id, edit=True)
    return do_review_immersion(
        actor, get_immersion(youth, immersion_id), payload.review, payload.note, payload.on
    )


@router.get(
    "/youth/{youth_id}/hours",
    response=list[WeekOut],
    summary="Heures d'activité par semaine ISO, face au rythme CEJ (15 à 20 h)",
)
def hours(request: HttpRequest, youth_id: int, weeks: int = 8) -> Any:
    actor = actor_of(request)
    youth = get_youth(actor, youth_id)
    return [
        {
            "monday": w.monday,
            "iso_week": w.iso[1],
            "workshops": w.workshops,
            "immersions": w.immersions,
            "individual": w.individual,
            "total": w.total,
            "band": w.band,
        }
        for w in recent_weeks(youth.pk, count=max(1, min(weeks, 52)))
    ]
