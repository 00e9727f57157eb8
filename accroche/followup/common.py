"""What the follow-up modules share: state machines with named transitions, the checks
every record attached to a young person goes through, and the audit of what is shown."""

import calendar
import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db.models import Model, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from accroche.access import audit
from accroche.access.actor import Actor
from accroche.access.models import AuditEvent
from accroche.access.permissions import Perm, roles_with
from accroche.organisations.models import Membership
from accroche.youth.models import Enrolment, Phase, Youth

M = TypeVar("M", bound=Model)


@dataclass(frozen=True)
class Transition:
    label: str | Promise  # the act, as a button says it
    sources: frozenset[str]
    target: str
    refusal: str | Promise  # why it is not possible from another state
    # A more precise reason for some states ("refused: it cannot start").
    refusals: Mapping[str, str | Promise] = field(default_factory=dict)


def transition(
    transitions: Mapping[str, Transition], act: str, current: str, field: str = "act"
) -> Transition:
    """The transition ``act`` from ``current``, or a French ValidationError."""
    found = transitions.get(act)
    if found is None:
        raise ValidationError({field: [_("Action inconnue.")]})
    if current not in found.sources:
        raise ValidationError({field: [str(found.refusals.get(current, found.refusal))]})
    return found


def acts_from(transitions: Mapping[str, Transition], status: str) -> list[tuple[str, str]]:
    return [(act, str(t.label)) for act, t in transitions.items() if status in t.sources]


def one(queryset: QuerySet[M], pk: int) -> M:
    found = queryset.filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def log_list(actor: Actor, object_type: str, objects: Iterable[Model]) -> None:
    log_lists(actor, [(object_type, objects)])


def log_lists(actor: Actor, shown: Iterable[tuple[str, Iterable[Model]]]) -> None:
    """Several kinds of records shown on one page, audited in one INSERT."""
    audit.log_lists(actor, [(kind, [obj.pk for obj in objects]) for kind, objects in shown])


def shown(actor: Actor, object_type: str, rows: Iterable[M]) -> list[M]:
    """``rows`` read to be shown and logged in the same call (one LIST row, none if empty):
    views and API endpoints call the domain readers built on it, never the audit log."""
    found = list(rows)
    log_list(actor, object_type, found)
    return found


def log_read(actor: Actor, object_type: str, obj: Model) -> None:
    audit.log(actor, AuditEvent.Action.READ, object_type, obj.pk)


def log_create(actor: Actor, object_type: str, obj: Model, fields: Iterable[str]) -> None:
    audit.log(actor, AuditEvent.Action.CREATE, object_type, obj.pk, fields=fields)


def log_update(actor: Actor, object_type: str, obj: Model, fields: Iterable[str]) -> None:
    audit.log(actor, AuditEvent.Action.UPDATE, object_type, obj.pk, fields=fields)


def today() -> datetime.date:
    return timezone.localdate()


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day ``months`` later (or earlier), the month's last day if it is shorter."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def day(value: datetime.date) -> str:
    """A date as a French sentence says it: « 3 mars 2026 »."""
    return date_format(value, "j F Y")


def text(data: Mapping[str, Any], field: str) -> str:
    return (data.get(field) or "").strip()


def enrolment_errors(youth: Youth, enrolment: Enrolment | None) -> list[str]:
    if enrolment is not None and enrolment.youth_id != youth.pk:
        return [_("Ce parcours n'est pas celui de ce jeune.")]
    return []


def active_enrolment(youth: Youth, programme_id: int) -> Enrolment | None:
    return (
        Enrolment.objects.filter(youth=youth, programme_id=programme_id)
        .exclude(phase=Phase.EXITED)
        .first()
    )


def not_in_future(value: datetime.date | None, field: str, errors: dict[str, list[str]]) -> None:
    if value is not None and value > today():
        errors[field] = [_("Cette date ne peut pas être dans le futur.")]


def people_seeing(structure_ids: Iterable[int]) -> QuerySet[Membership]:
    """Active field workers of the given structures, for "who does it" menus."""
    return (
        Membership.objects.filter(
            is_active=True,
            structure__is_active=True,
            role__in=roles_with(Perm.CARRY_ACTIONS),
            structure_id__in=list(structure_ids),
        )
        .select_related("user", "structure")
        .order_by("structure__name", "user__first_name", "user__last_name")
    )
