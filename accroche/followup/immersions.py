"""Company immersions (PMSMP): a company, dates, a tutor, and the review at the end."""

import datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from accroche.access.actor import Actor
from accroche.access.permissions import Perm
from accroche.followup.common import (
    enrolment_errors,
    log_create,
    log_update,
    one,
    shown,
    text,
    today,
)
from accroche.followup.models import Immersion, ImmersionReview
from accroche.youth.models import Youth

OBJECT_TYPE = "immersion"
# A PMSMP lasts one month at most (renewed, it is a new immersion).
MAX_DAYS = 31


def immersions_of(youth: Youth) -> QuerySet[Immersion]:
    return Immersion.objects.filter(youth=youth).select_related("created_by_structure")


def read_immersions(actor: Actor, youth: Youth) -> list[Immersion]:
    """The young person's immersion rows, logged as shown."""
    return shown(actor, "immersion", immersions_of(youth))


def get_immersion(youth: Youth, pk: int) -> Immersion:
    return one(immersions_of(youth), pk)


def validate_immersion(youth: Youth, data: dict[str, Any]) -> None:
    errors: dict[str, list[str]] = {}
    if not text(data, "company"):
        errors["company"] = [_("Indiquez l'entreprise qui accueille le jeune.")]
    if not text(data, "tutor_name"):
        errors["tutor_name"] = [_("Indiquez le tuteur ou la tutrice dans l'entreprise.")]
    start, end = data.get("start_on"), data.get("end_on")
    if start is None:
        errors["start_on"] = [_("Indiquez le premier jour.")]
    if end is None:
        errors["end_on"] = [_("Indiquez le dernier jour.")]
    elif start is not None:
        if end < start:
            errors["end_on"] = [_("Le dernier jour ne peut pas précéder le premier.")]
        elif (end - start).days >= MAX_DAYS:
            errors["end_on"] = [
                _("Une immersion dure un mois au plus ; pour la prolonger, notez-en une seconde.")
            ]
    hours = data.get("daily_hours")
    if hours is not None and not Decimal("1") <= Decimal(hours) <= Decimal("10"):
        errors["daily_hours"] = [_("Indiquez entre 1 et 10 heures par jour.")]
    if problems := enrolment_errors(youth, data.get("enrolment")):
        errors["enrolment"] = problems
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def do_add_immersion(actor: Actor, youth: Youth, data: dict[str, Any]) -> Immersion:
    actor.require(Perm.EDIT_YOUTH)
    validate_immersion(youth, data)
    immersion = Immersion.objects.create(
        youth=youth,
        enrolment=data.get("enrolment"),
        company=text(data, "company"),
        trade=text(data, "trade"),
        start_on=data["start_on"],
        end_on=data["end_on"],
        daily_hours=data.get("daily_hours") or Decimal("7"),
        tutor_name=text(data, "tutor_name"),
        tutor_phone=text(data, "tutor_phone"),
        created_by=actor.user,
        created_by_structure_id=actor.structure_id,
    )
    log_create(
        actor,
        OBJECT_TYPE,
        immersion,
        ["company", "trade", "start_on", "end_on", "daily_hours", "tutor_name", "tutor_phone"],
    )
    return immersion


@transaction.atomic
def do_review_immersion(
    actor: Actor,
    immersion: Immersion,
    review: str,
    note: str = "",
    on: datetime.date | None = None,
) -> Immersion:
    actor.require(Perm.EDIT_YOUTH)
    current = Immersion.objects.select_for_update().get(pk=immersion.pk)
    on = on or today()
    if current.reviewed_on is not None:
        raise ValidationError({"review": [_("Le bilan de cette immersion est déjà fait.")]})
    if review not in ImmersionReview.values:
        raise ValidationError({"review": [_("Choisissez ce que retient le bilan.")]})
    if on > today():
        raise ValidationError({"on": [_("Cette date ne peut pas être dans le futur.")]})
    if on < current.start_on:
        raise ValidationError(
            {"on": [_("Le bilan se fait à la fin de l'immersion, pas avant qu'elle commence.")]}
        )
    immersion.review = review
    immersion.review_note = note.strip()
    immersion.reviewed_on = on
    immersion.save(update_fields=["review", "review_note", "reviewed_on"])
    log_update(actor, OBJECT_TYPE, immersion, ["review", "review_note", "reviewed_on"])
    return immersion
