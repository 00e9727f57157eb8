"""Collective workshops: a programme's workshops, run by a facilitating structure in
sessions; young people registered to a session, then present, excused or absent.

A workshop itself is not personal data: the field workers of every structure taking part
in its programme see it. Who is registered is: the facilitating structure must see the
file (its own, or shared with it by consent) to register a young person, and a roster
shows only the files its reader sees."""

import datetime
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from accroche.access.actor import Actor
from accroche.access.permissions import Perm
from accroche.followup.common import active_enrolment, log_create, log_list, log_update, one, text
from accroche.followup.interactions import touch_last_contact
from accroche.followup.models import (
    Attendance,
    AttendanceStatus,
    Workshop,
    WorkshopKind,
    WorkshopSession,
)
from accroche.organisations.models import Participation, Programme, Structure
from accroche.youth.access import structures_seeing, visible_rows, youths_visible_to
from accroche.youth.enrolments import enrolment_programmes
from accroche.youth.models import Gender, Youth

WORKSHOP = "workshop"
ATTENDANCE = "attendance"
MARKS = (AttendanceStatus.PRESENT, AttendanceStatus.EXCUSED, AttendanceStatus.ABSENT)


# --- who may see and manage what -------------------------------------------------------


def workshop_programmes(actor: Actor) -> QuerySet[Programme]:
    if not actor.can(Perm.VIEW_YOUTH):
        return Programme.objects.none()
    return enrolment_programmes(actor)


def workshops_visible_to(actor: Actor) -> QuerySet[Workshop]:
    return Workshop.objects.filter(programme__in=workshop_programmes(actor))


def workshops_managed_by(actor: Actor) -> QuerySet[Workshop]:
    """The facilitating structure (and the one that created the workshop) runs it."""
    if not actor.can(Perm.EDIT_YOUTH):
        return Workshop.objects.none()
    return workshops_visible_to(actor).filter(
        Q(structure_id=actor.structure_id) | Q(created_by_structure_id=actor.structure_id)
    )


def can_manage(actor: Actor, workshop: Workshop) -> bool:
    return actor.can(Perm.EDIT_YOUTH) and actor.structure_id in (
        workshop.structure_id,
        workshop.created_by_structure_id,
    )


def get_workshop(actor: Actor, pk: int, *, manage: bool = False) -> Workshop:
    qs = workshops_managed_by(actor) if manage else workshops_visible_to(actor)
    return one(qs.select_related("programme", "structure"), pk)


def get_session(actor: Actor, pk: int, *, manage: bool = False) -> WorkshopSession:
    workshops = workshops_managed_by(actor) if manage else workshops_visible_to(actor)
    return one(
        WorkshopSession.objects.filter(workshop__in=workshops).select_related(
            "workshop__programme", "workshop__structure"
        ),
        pk,
    )


def facilitator_choices(programme: Programme) -> QuerySet[Structure]:
    taking_part = Participation.objects.filter(programme=programme).exclude(
        kind=Participation.Kind.EVALUATOR
    )
    return Structure.objects.filter(pk__in=taking_part.values("structure_id"), is_active=True)


def with_counts(qs: QuerySet[WorkshopSession]) -> QuerySet[WorkshopSession]:
    return qs.annotate(
        registered=Count("attendances"),
        present=Count("attendances", filter=Q(attendances__status=AttendanceStatus.PRESENT)),
    )


def open_sessions_for(actor: Actor, youth: Youth) -> QuerySet[WorkshopSession]:
    """Sessions the young person may be registered to: workshops of the programmes they
    are enrolled in, from a week ago (late registrations) on."""
    since = timezone.now() - datetime.timedelta(days=7)
    enrolled = youth.enrolments.exclude(phase="exited").values("programme_id")
    return with_counts(
        WorkshopSession.objects.filter(
            workshop__in=workshops_visible_to(actor),
            workshop__programme_id__in=enrolled,
            starts_at__gte=since,
        )
        .exclude(attendances__youth=youth)
        .select_related("workshop__structure")
        .order_by("starts_at", "pk")
    )


# --- workshops and sessions ------------------------------------------------------------


@transaction.atomic
def do_create_workshop(actor: Actor, data: dict[str, Any]) -> Workshop:
    actor.require(Perm.EDIT_YOUTH)
    errors: dict[str, list[str]] = {}
    programme, structure = data.get("programme"), data.get("structure")
    if programme is None or not workshop_programmes(actor).filter(pk=programme.pk).exists():
        errors["programme"] = [_("Choisissez un dispositif auquel votre structure participe.")]
    elif structure is None or not facilitator_choices(programme).filter(pk=structure.pk).exists():
        errors["structure"] = [_("Choisissez une structure qui participe à ce dispositif.")]
    errors |= _description_errors(data)
    if errors:
        raise ValidationError(errors)
    workshop = Workshop.objects.create(
        programme=data["programme"],
        title=text(data, "title"),
        kind=data["kind"],
        structure=data["structure"],
        capacity=data["capacity"],
        description=text(data, "description"),
        created_by=actor.user,
        created_by_structure_id=actor.structure_id,
    )
    log_create(actor, WORKSHOP, workshop, ["title", "kind", "structure", "capacity"])
    return workshop


def _description_errors(data: dict[str, Any]) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if not text(data, "title"):
        errors["title"] = [_("Donnez un titre à l'atelier.")]
    if data.get("kind") not in WorkshopKind.values:
        errors["kind"] = [_("Choisissez le type d'atelier.")]
    capacity = data.get("capacity")
    if capacity is None or not 1 <= capacity <= 200:
        errors["capacity"] = [_("Indiquez le nombre de places par séance (1 à 200).")]
    return errors


@transaction.atomic
def do_update_workshop(actor: Actor, workshop: Workshop, data: dict[str, Any]) -> Workshop:
    """Title, kind, places and description; the programme and the facilitating structure
    stay (registrations and hours were counted under them)."""
    if not can_manage(actor, workshop):
        raise ValidationError({"workshop": [_("Seule la structure qui anime modifie l'atelier.")]})
    locked = Workshop.objects.select_for_update().get(pk=workshop.pk)
    errors = _description_errors(data)
    capacity = data.get("capacity")
    if not errors and capacity is not None:
        upcoming = locked.sessions.filter(starts_at__gte=timezone.now())
        counts = upcoming.annotate(registered=Count("attendances")).values_list("registered")
        fullest = max((n for (n,) in counts), default=0)
        if fullest and capacity < fullest:
            errors["capacity"] = [
                _("Une séance à venir a déjà %(n)s inscrits : gardez au moins %(n)s places.")
                % {"n": fullest}
            ]
    if errors:
        raise ValidationError(errors)
    values = {
        "title": text(data, "title"),
        "kind": data["kind"],
        "capacity": capacity,
        "description": text(data, "description"),
    }
    changed = [name for name, value in values.items() if getattr(locked, name) != value]
    for name in changed:
        setattr(locked, name, values[name])
    if changed:
        locked.save(update_fields=changed)
        log_update(actor, WORKSHOP, locked, changed)
    return locked


@transaction.atomic
def do_add_session(actor: Actor, workshop: Workshop, data: dict[str, Any]) -> WorkshopSession:
    if not can_manage(actor, workshop):
        raise ValidationError({"workshop": [_("Seule la structure qui anime ajoute des séances.")]})
    errors: dict[str, list[str]] = {}
    if data.get("starts_at") is None:
        errors["starts_at"] = [_("Indiquez la date et l'heure de la séance.")]
    minutes = data.get("duration_minutes")
    if minutes is None or not 15 <= minutes <= 600:
        errors["duration_minutes"] = [_("Indiquez une durée entre 15 et 600 minutes.")]
    if errors:
        raise ValidationError(errors)
    session = WorkshopSession.objects.create(
        workshop=workshop,
        starts_at=data["starts_at"],
        duration_minutes=data["duration_minutes"],
        place=text(data, "place"),
    )
    log_create(actor, "workshop_session", session, ["starts_at", "duration_minutes", "place"])
    return session


# --- registrations and attendance -------------------------------------------------------


@dataclass(frozen=True)
class Roster:
    rows: list[Attendance]  # the files the reader sees
    hidden: int  # registrations of files the reader does not see

    @property
    def total(self) -> int:
        return len(self.rows) + self.hidden


def roster(actor: Actor, session: WorkshopSession) -> Roster:
    """The attendance rows of the files the actor sees, logged as shown; the others are
    only counted."""
    visible = set(
        youths_visible_to(actor)
        .filter(workshop_attendances__session=session)
        .values_list("pk", flat=True)
    )
    rows, hidden = [], 0
    for attendance in session.attendances.select_related("youth").order_by(
        "youth__first_name", "youth__nickname", "pk"
    ):
        if attendance.youth_id in visible:
            rows.append(attendance)
        else:
            hidden += 1
    log_list(actor, "attendance", rows)
    return Roster(rows=rows, hidden=hidden)


def registration_errors(youth: Youth, session: WorkshopSession) -> list[str]:
    workshop = session.workshop
    if active_enrolment(youth, workshop.programme_id) is None:
        return [_("Ce jeune n'a pas de parcours en cours dans le dispositif de cet atelier.")]
    if workshop.structure_id not in structures_seeing(youth):
        return [
            _(
                "%(structure)s anime cet atelier mais ne voit pas la fiche du jeune : notez "
                "d'abord son consentement au partage avec cette structure."
            )
            % {"structure": workshop.structure.name}
        ]
    if workshop.kind == WorkshopKind.WOMEN_TRADES and youth.gender == Gender.MAN:
        return [_("Cette session est réservée aux femmes.")]
    return []


@transaction.atomic
def do_register(actor: Actor, youth: Youth, session: WorkshopSession) -> Attendance:
    """``youth`` from ``get_youth(..., edit=True)``, ``session`` from ``get_session``.
    The session row is locked, so two registrations never take the last seat twice."""
    actor.require(Perm.EDIT_YOUTH)
    if problems := registration_errors(youth, session):
        raise ValidationError({"session": problems})
    locked = WorkshopSession.objects.select_for_update().get(pk=session.pk)
    taken = Attendance.objects.filter(session=locked).count()
    if taken >= session.workshop.capacity:
        raise ValidationError(
            {
                "session": [
                    _("Cette séance est complète (%(n)s places).")
                    % {"n": session.workshop.capacity}
                ]
            }
        )
    try:
        with transaction.atomic():
            attendance = Attendance.objects.create(
                session=locked,
                youth=youth,
                registered_by=actor.user,
                registered_by_structure_id=actor.structure_id,
            )
    except IntegrityError as exc:
        raise ValidationError(
            {"session": [_("Ce jeune est déjà inscrit à cette séance.")]}
        ) from exc
    log_create(actor, ATTENDANCE, attendance, ["session", "youth"])
    return attendance


def get_attendance(actor: Actor, session: WorkshopSession, pk: int) -> Attendance:
    """An attendance of a session the actor manages, whose file the actor sees."""
    return one(
        session.attendances.filter(visible_rows(actor)).select_related("youth"),
        pk,
    )


@transaction.atomic
def do_mark_attendance(actor: Actor, attendance: Attendance, status: str) -> Attendance:
    """Present, excused or absent; a mark may be corrected. Present and absent only once
    the session has started."""
    session = attendance.session
    if not can_manage(actor, session.workshop):
        raise ValidationError({"status": [_("Seule la structure qui anime fait l'appel.")]})
    if status not in MARKS:
        raise ValidationError({"status": [_("Choisissez présent·e, excusé·e ou absent·e.")]})
    if status != AttendanceStatus.EXCUSED and session.starts_at > timezone.now():
        raise ValidationError(
            {"status": [_("La séance n'a pas encore commencé : seule une excuse se note.")]}
        )
    Attendance.objects.select_for_update().filter(pk=attendance.pk).first()
    attendance.status = status
    attendance.marked_at = timezone.now()
    attendance.save(update_fields=["status", "marked_at"])
    if status == AttendanceStatus.PRESENT:
        touch_last_contact(attendance.youth, session.starts_at)
    log_update(actor, ATTENDANCE, attendance, ["status"])
    return attendance
