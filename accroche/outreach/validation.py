"""Checks shared by every door (pages, API, public form): French messages."""

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _


def check_email(value: str) -> str:
    value = value.strip()
    try:
        validate_email(value)
    except ValidationError as exc:
        raise ValidationError(
            _("Cette adresse e-mail n'est pas valide. Exemple : prenom@exemple.fr"),
            code="email",
        ) from exc
    return value
