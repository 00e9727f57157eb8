"""Appointments with the young person (date, place, with whom) and what happened: seen,
excused or no-show. A young person seen moves their "last contact" forward."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accroche.access.actor import Actor
from accroche.access.permissions import Perm
from accroche.followup.common import (
    Transition,
    enrolment_errors,
    log_create,
    log_update,
    one,
    shown,
    text,
    transition,
)
from accroche.followup.interactions import touch_last_contact
from accroche.followup.models import Appointment, AppointmentOutcome
from accroche.youth.models import Youth

OBJECT_TYPE = "appointment"
_DONE = gettext_lazy("L'issue de ce rendez-vous est déjà notée.")
_PLANNED = frozenset({AppointmentOutcome.PLANNED})
TRANSITIONS = {
    AppointmentOutcome.SEEN.value: Transition(
        gettext_lazy("Venu·e"), _PLANNED, AppointmentOutcome.SEEN, _DONE
    ),
    AppointmentOutcome.EXCUSED.value: Transition(
        gettext_lazy("Excusé·e"), _PLANNED, AppointmentOutcome.EXCUSED, _DONE
    ),
    AppointmentOutcome.NO_SHOW.value: Transition(
        gettext_lazy("Pas venu·e"), _PLANNED, AppointmentOutcome.NO_SHOW, _DONE
    ),
}


def appointments_of(youth: Youth) -> QuerySet[Appointment]:
    return Appointment.objects.filter(youth=youth).select_related(
        "created_by", "created_by_structure"
    )


def read_appointments(actor: Actor, youth: Youth) -> list[Appointment]:
    """The young person's appointment rows, logged as shown."""
    return shown(actor, "appointment", appointments_of(youth))


def get_appointment(youth: Youth, pk: int) -> Appointment:
    return one(appointments_of(youth), pk)


@transaction.atomic
def do_plan_appointment(actor: Actor, youth: Youth, data: dict[str, Any]) -> Appointment:
    actor.require(Perm.EDIT_YOUTH)
    errors: dict[str, list[str]] = {}
    starts_at = data.get("starts_at")
    if starts_at is None:
        errors["starts_at"] = [_("Indiquez la date et l'heure du rendez-vous.")]
    elif starts_at < timezone.now():
        errors["starts_at"] = [
            _("Un rendez-vous se prévoit à l'avance ; pour un échange passé, notez un entretien.")
        ]
    if not text(data, "place"):
        errors["place"] = [_("Indiquez le lieu du rendez-vous.")]
    if not text(data, "with_whom"):
        errors["with_whom"] = [_("Indiquez avec qui le jeune a rendez-vous.")]
    if problems := enrolment_errors(youth, data.get("enrolment")):
        errors["enrolment"] = problems
    if errors:
        raise ValidationError(errors)
    appointment = Appointment.objects.create(
        youth=youth,
        enrolment=data.get("enrolment"),
        starts_at=data["starts_at"],
        place=text(data, "place"),
        with_whom=text(data, "with_whom"),
        purpose=text(data, "purpose"),
        created_by=actor.user,
        created_by_structure_id=actor.structure_id,
    )
    log_create(actor, OBJECT_TYPE, appointment, ["starts_at", "place", "with_whom", "purpose"])
    return appointment


@transaction.atomic
def do_record_outcome(actor: Actor, appointment: Appointment, outcome: str) -> Appointment:
    """``seen``, ``excused`` or ``no_show``; excused may be noted beforehand."""
    actor.require(Perm.EDIT_YOUTH)
    current = Appointment.objects.select_for_update().get(pk=appointment.pk)
    step = transition(TRANSITIONS, outcome, current.outcome, field="outcome")
    now = timezone.now()
    if step.target != AppointmentOutcome.EXCUSED and current.starts_at > now:
        raise ValidationError(
            {"outcome": [_("Ce rendez-vous n'a pas encore eu lieu : seule une excuse se note.")]}
        )
    appointment.outcome = step.target
    appointment.outcome_recorded_at = now
    appointment.save(update_fields=["outcome", "outcome_recorded_at"])
    if step.target == AppointmentOutcome.SEEN:
        touch_last_contact(appointment.youth, appointment.starts_at)
    log_update(actor, OBJECT_TYPE, appointment, ["outcome"])
    return appointment
