"""What the follow-up API modules share: resolving ids the client sends, within what the
actor may use, into objects for the domain functions."""

from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db.models import Model, QuerySet
from django.utils.translation import gettext as _

from accroche.youth.models import Phase, Youth

M = TypeVar("M", bound=Model)


def pick(queryset: QuerySet[M], pk: int | None, field: str, message: str) -> M | None:
    """``pk`` within ``queryset``, None when not given; a French error when unknown."""
    if pk is None:
        return None
    found = queryset.filter(pk=pk).first()
    if found is None:
        raise ValidationError({field: [message]})
    return found


def enrolment_of(youth: Youth, pk: int | None, *, open_only: bool = True) -> Any:
    """The young person's enrolment ``pk``; without one, their only open enrolment."""
    qs = youth.enrolments.select_related("programme")
    if open_only:
        qs = qs.exclude(phase=Phase.EXITED)
    if pk is None:
        found = list(qs[:2])
        return found[0] if len(found) == 1 else None
    return pick(
        qs, pk, "enrolment_id", _("Ce parcours n'est pas un parcours en cours de ce jeune.")
    )
