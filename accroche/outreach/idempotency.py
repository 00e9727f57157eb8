"""Submitting twice records once: every create form and API call may carry a key
(a UUID made by the client); a replay returns what the first call created."""

import uuid
from collections.abc import Callable
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils.translation import gettext as _

M = TypeVar("M", bound=models.Model)


def parse_key(value: Any) -> uuid.UUID | None:
    if value in (None, ""):
        return None
    if isinstance(value, uuid.UUID):
        return value
    try:
        return uuid.UUID(str(value))
    except ValueError as exc:
        raise ValidationError(
            {"idempotency_key": [_("Clé d'envoi invalide : rechargez la page.")]}
        ) from exc


def create_once(
    model: type[M],
    key: uuid.UUID | None,
    create: Callable[[], M],
    *,
    owned: Callable[[M], bool],
) -> tuple[M, bool]:
    """(object, created). ``create`` runs in a savepoint: if another request with the same
    key won the race, its object is returned and everything ``create`` did is undone."""
    if key is not None:
        existing = _existing(model, key)
        if existing is not None:
            return _check(existing, owned), False
    try:
        with transaction.atomic():
            return create(), True
    except IntegrityError:
        if key is None:
            raise
        existing = _existing(model, key)
        if existing is None:
            raise
        return _check(existing, owned), False


def _existing(model: type[M], key: uuid.UUID) -> M | None:
    return model._default_manager.filter(idempotency_key=key).first()


def _check(existing: M, owned: Callable[[M], bool]) -> M:
    if not owned(existing):
        # Keys are random: a clash means a forged request. Say nothing about the owner.
        raise ValidationError(
            {"idempotency_key": [_("Clé d'envoi déjà utilisée : rechargez la page.")]}
        )
    return existing
