"""Workshops, their sessions, registrations and attendance. Mounted under /followup."""

from datetime import datetime
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status

from accroche.api.auth import actor_of
from accroche.api.followup_common import pick
from accroche.followup.workshops import (
    do_add_session,
    do_create_workshop,
    do_mark_attendance,
    do_register,
    facilitator_choices,
    get_attendance,
    get_session,
    get_workshop,
    roster,
    with_counts,
    workshop_programmes,
    workshops_visible_to,
)
from accroche.organisations.models import Structure
from accroche.youth.access import get_youth

router = Router(tags=["Suivi : ateliers collectifs"])


class WorkshopSessionOut(Schema):
    id: int
    starts_at: datetime
    duration_minutes: int
    place: str
    registered: int
    present: int


class WorkshopOut(Schema):
    id: int
    programme_id: int
    title: str
    kind: str
    structure_id: int = Field(description="La structure qui anime")
    capacity: int = Field(description="Places par séance")
    description: str


class WorkshopDetailOut(WorkshopOut):
    sessions: list[WorkshopSessionOut]

    @staticmethod
    def resolve_sessions(obj: Any) -> list[Any]:
        return list(with_counts(obj.sessions.all()))


class WorkshopIn(Schema):
    programme_id: int
    title: str = Field(max_length=200)
    kind: str = Field(
        description="sport, culture, media_education, digital, discovering_trades, "
        "company_visit, training_centre_visit, meeting_professionals, women_trades, other"
    )
    structure_id: int | None = Field(None, description="Par défaut : votre structure")
    capacity: int
    description: str = ""


class WorkshopSessionIn(Schema):
    starts_at: datetime
    duration_minutes: int
    place: str = Field("", max_length=200)


class AttendanceOut(Schema):
    id: int
    youth_id: int
    status: str = Field(description="registered, present, excused, absent")


class RosterOut(Schema):
    attendances: list[AttendanceOut] = Field(description="Les fiches que vous voyez")
    hidden: int = Field(description="Inscrits dont vous ne voyez pas la fiche")


class RegistrationIn(Schema):
    youth_id: int


class MarkIn(Schema):
    status: str = Field(description="present, excused, absent")


@router.get("/workshops", response=list[WorkshopOut], summary="Ateliers de mes dispositifs")
def list_workshops(request: HttpRequest) -> Any:
    return workshops_visible_to(actor_of(request)).order_by("title", "pk")


@router.post("/workshops", response={201: WorkshopOut}, summary="Créer un atelier")
def create_workshop(request: HttpRequest, payload: WorkshopIn) -> Any:
    actor = actor_of(request)
    programme = pick(
        workshop_programmes(actor),
        payload.programme_id,
        "programme_id",
        _("Choisissez un dispositif auquel votre structure participe."),
    )
    data = payload.dict() | {"programme": programme}
    data["structure"] = pick(
        facilitator_choices(programme) if programme else Structure.objects.none(),
        payload.structure_id or actor.structure_id,
        "structure_id",
        _("Choisissez une structure qui participe à ce dispositif."),
    )
    return Status(201, do_create_workshop(actor, data))


@router.get("/workshops/{workshop_id}", response=WorkshopDetailOut, summary="Un atelier")
def read_workshop(request: HttpRequest, workshop_id: int) -> Any:
    return get_workshop(actor_of(request), workshop_id)


@router.post(
    "/workshops/{workshop_id}/sessions",
    response={201: WorkshopSessionOut},
    summary="Ajouter une séance (structure qui anime)",
)
def create_session(request: HttpRequest, workshop_id: int, payload: WorkshopSessionIn) -> Any:
    actor = actor_of(request)
    session = do_add_session(actor, get_workshop(actor, workshop_id, manage=True), payload.dict())
    return Status(201, with_counts(type(session).objects.filter(pk=session.pk)).get())


@router.get(
    "/sessions/{session_id}/attendances",
    response=RosterOut,
    summary="Inscrits d'une séance et leur présence",
)
def read_roster(request: HttpRequest, session_id: int) -> Any:
    actor = actor_of(request)
    found = roster(actor, get_session(actor, session_id))
    return {"attendances": found.rows, "hidden": found.hidden}


@router.post(
    "/sessions/{session_id}/registrations",
    response={201: AttendanceOut},
    summary="Inscrire un jeune à une séance",
)
def register(request: HttpRequest, session_id: int, payload: RegistrationIn) -> Any:
    actor = actor_of(request)
    youth = get_youth(actor, payload.youth_id, edit=True)
    return Status(201, do_register(actor, youth, get_session(actor, session_id)))


@router.post(
    "/sessions/{session_id}/attendances/{attendance_id}",
    response=AttendanceOut,
    summary="Noter la présence (structure qui anime)",
)
def mark(request: HttpRequest, session_id: int, attendance_id: int, payload: MarkIn) -> Any:
    actor = actor_of(request)
    session = get_session(actor, session_id, manage=True)
    return do_mark_attendance(actor, get_attendance(actor, session, attendance_id), payload.status)
