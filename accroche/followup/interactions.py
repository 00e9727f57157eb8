"""Interviews, calls, messages, home visits and accompanying in person. Recording one
moves the young person's "last contact" forward (never back).

A restricted note is read only by the structure of its author (its colleagues too, so
that a replacement can take over); every structure that sees the file sees that the
exchange took place."""

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from accroche.access.actor import Actor
from accroche.access.permissions import Perm
from accroche.contact_dates import is_before_earliest
from accroche.followup.common import enrolment_errors, log_create, shown, text
from accroche.followup.models import Interaction, InteractionKind
from accroche.youth.models import Youth

OBJECT_TYPE = "interaction"
MAX_MINUTES = 600
# A phone's clock may be a little ahead of the server's.
CLOCK_TOLERANCE = datetime.timedelta(minutes=10)


def interactions_of(youth: Youth) -> QuerySet[Interaction]:
    return Interaction.objects.filter(youth=youth).select_related("author", "author_structure")


def read_interactions(actor: Actor, youth: Youth) -> list[Interaction]:
    """The young person's interaction rows, logged as shown."""
    return shown(actor, "interaction", interactions_of(youth))


def touch_last_contact(youth: Youth, at: datetime.datetime) -> None:
    """``last_contact_at`` becomes the latest of what it was and ``at`` (race-free)."""
    Youth.objects.filter(pk=youth.pk).filter(
        Q(last_contact_at__isnull=True) | Q(last_contact_at__lt=at)
    ).update(last_contact_at=at)
    if youth.last_contact_at is None or youth.last_contact_at < at:
        youth.last_contact_at = at


def duration_errors(minutes: int | None) -> list[str]:
    if minutes is not None and not 1 <= minutes <= MAX_MINUTES:
        return [_("Indiquez une durée entre 1 et %(max)s minutes.") % {"max": MAX_MINUTES}]
    return []


def validate_interaction(youth: Youth, data: dict[str, Any]) -> None:
    errors: dict[str, list[str]] = {}
    if data.get("kind") not in InteractionKind.values:
        errors["kind"] = [_("Choisissez le type d'échange.")]
    happened_at = data.get("happened_at")
    if happened_at is None:
        errors["happened_at"] = [_("Indiquez la date et l'heure de l'échange.")]
    elif happened_at > timezone.now() + CLOCK_TOLERANCE:
        errors["happened_at"] = [
            _("Un échange se note une fois qu'il a eu lieu : la date est dans le futur.")
        ]
    elif is_before_earliest(happened_at):
        errors["happened_at"] = [
            _("Un échange ne peut pas dater d'avant le 1er janvier 2000 : vérifiez l'année.")
        ]
    if problems := duration_errors(data.get("duration_minutes")):
        errors["duration_minutes"] = problems
    if data.get("note_restricted") and not text(data, "note"):
        errors["note_restricted"] = [_("Il n'y a pas de note à réserver.")]
    if problems := enrolment_errors(youth, data.get("enrolment")):
        errors["enrolment"] = problems
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def do_record_interaction(actor: Actor, youth: Youth, data: dict[str, Any]) -> Interaction:
    actor.require(Perm.EDIT_YOUTH)
    validate_interaction(youth, data)
    interaction = Interaction.objects.create(
        youth=youth,
        enrolment=data.get("enrolment"),
        kind=data["kind"],
        happened_at=data["happened_at"],
        duration_minutes=data.get("duration_minutes"),
        note=text(data, "note"),
        note_restricted=bool(data.get("note_restricted")),
        author=actor.user,
        author_structure_id=actor.structure_id,
    )
    touch_last_contact(youth, interaction.happened_at)
    fields = ["kind", "happened_at", "duration_minutes"]
    if interaction.note:
        fields += ["note", "note_restricted"]
    log_create(actor, OBJECT_TYPE, interaction, fields)
    return interaction
