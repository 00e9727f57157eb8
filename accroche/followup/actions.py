"""The action plan: individual or collective actions tied to a barrier domain, carried
by a professional of a structure that sees the file, sometimes with a partner's service.

Every function takes a ``youth`` obtained through the access layer."""

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
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
    people_seeing,
    shown,
    text,
    today,
    transition,
)
from accroche.followup.models import OPEN_ACTION_STATUSES, Action, ActionStatus
from accroche.organisations.models import Membership
from accroche.youth.access import structures_seeing
from accroche.youth.models import Youth

OBJECT_TYPE = "action"
FIELDS = (
    "title",
    "category",
    "partner_structure",
    "service",
    "owner",
    "due_on",
    "collective",
    "note",
    "enrolment",
)
_CLOSED = gettext_lazy("Cette action est close : rouvrez-en une nouvelle si besoin.")
TRANSITIONS = {
    "start": Transition(
        gettext_lazy("Commencer"),
        frozenset({ActionStatus.PLANNED}),
        ActionStatus.IN_PROGRESS,
        gettext_lazy("Seule une action prévue peut commencer."),
    ),
    "complete": Transition(
        gettext_lazy("C'est fait"),
        frozenset(OPEN_ACTION_STATUSES),
        ActionStatus.DONE,
        _CLOSED,
    ),
    "drop": Transition(
        gettext_lazy("Abandonner"), frozenset(OPEN_ACTION_STATUSES), ActionStatus.DROPPED, _CLOSED
    ),
}


def actions_of(youth: Youth) -> QuerySet[Action]:
    return Action.objects.filter(youth=youth).select_related(
        "category", "partner_structure", "service", "owner__user", "owner__structure"
    )


def read_actions(actor: Actor, youth: Youth) -> list[Action]:
    """The young person's action rows, logged as shown."""
    return shown(actor, "action", actions_of(youth))


def get_action(youth: Youth, pk: int) -> Action:
    return one(actions_of(youth), pk)


def owner_candidates(youth: Youth) -> QuerySet[Membership]:
    return people_seeing(structures_seeing(youth))


def is_late(action: Action, on: datetime.date | None = None) -> bool:
    return action.is_open and action.due_on is not None and action.due_on < (on or today())


def validate_action(youth: Youth, data: dict[str, Any]) -> None:
    errors: dict[str, list[str]] = {}
    if not text(data, "title"):
        errors["title"] = [_("Dites en quelques mots ce qu'il faut faire.")]
    if data.get("category") is None:
        errors["category"] = [_("Choisissez le domaine (le frein) auquel l'action répond.")]
    owner = data.get("owner")
    if owner is None:
        errors["owner"] = [_("Choisissez qui s'en charge.")]
    elif not owner_candidates(youth).filter(pk=owner.pk).exists():
        errors["owner"] = [
            _("Cette personne ne voit pas la fiche du jeune : elle ne peut pas porter l'action.")
        ]
    due_on = data.get("due_on")
    if due_on is not None and due_on < today():
        errors["due_on"] = [_("L'échéance ne peut pas être déjà passée.")]
    service, partner = data.get("service"), data.get("partner_structure")
    if service is not None and partner is not None and service.structure_id != partner.pk:
        errors["service"] = [
            _("Cette offre de service est celle de %(structure)s, pas de la structure choisie.")
            % {"structure": service.structure.name}
        ]
    if problems := enrolment_errors(youth, data.get("enrolment")):
        errors["enrolment"] = problems
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def do_add_action(actor: Actor, youth: Youth, data: dict[str, Any]) -> Action:
    actor.require(Perm.EDIT_YOUTH)
    validate_action(youth, data)
    service = data.get("service")
    action = Action.objects.create(
        youth=youth,
        enrolment=data.get("enrolment"),
        category=data["category"],
        title=text(data, "title"),
        partner_structure=data.get("partner_structure") or (service.structure if service else None),
        service=service,
        owner=data["owner"],
        due_on=data.get("due_on"),
        collective=bool(data.get("collective")),
        note=text(data, "note"),
        created_by=actor.user,
        created_by_structure_id=actor.structure_id,
    )
    log_create(actor, OBJECT_TYPE, action, [f for f in FIELDS if data.get(f)])
    return action


@transaction.atomic
def do_move_action(
    actor: Actor, action: Action, act: str, on: datetime.date | None = None
) -> Action:
    """``start``, ``complete`` or ``drop``; ``action`` comes from ``get_action``."""
    actor.require(Perm.EDIT_YOUTH)
    current = Action.objects.select_for_update().get(pk=action.pk)
    step = transition(TRANSITIONS, act, current.status)
    on = on or today()
    if on > today():
        raise ValidationError({"on": [_("Cette date ne peut pas être dans le futur.")]})
    action.status = step.target
    fields = ["status"]
    if step.target == ActionStatus.DONE:
        action.done_on = on
        fields.append("done_on")
    action.save(update_fields=[*fields, "updated_at"])
    log_update(actor, OBJECT_TYPE, action, fields)
    return action


@transaction.atomic
def do_reschedule_action(
    actor: Actor, action: Action, due_on: datetime.date | None, owner: Membership | None = None
) -> Action:
    """A new due date (and owner) for an open action."""
    actor.require(Perm.EDIT_YOUTH)
    current = Action.objects.select_for_update().get(pk=action.pk)
    if not current.is_open:
        raise ValidationError({"due_on": [str(_CLOSED)]})
    if due_on is not None and due_on < today():
        raise ValidationError({"due_on": [_("L'échéance ne peut pas être déjà passée.")]})
    fields = ["due_on"]
    action.due_on = due_on
    if owner is not None and owner.pk != current.owner_id:
        if not owner_candidates(action.youth).filter(pk=owner.pk).exists():
            raise ValidationError({"owner": [_("Cette personne ne voit pas la fiche du jeune.")]})
        action.owner = owner
        fields.append("owner")
    action.save(update_fields=[*fields, "updated_at"])
    log_update(actor, OBJECT_TYPE, action, fields)
    return action
