"""Checks shared by every door (pages, API, public form): French messages."""

import re

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from accroche.text import digits

_ALLOWED = re.compile(r"^[\d\s.\-()+]+$")


def normalise_french_phone(text: str) -> str:
    """'06.12.34.56.78', '+33 6 12 34 56 78', '0033612345678' → '06 12 34 56 78'.

    Raises a French ValidationError for anything else."""
    raw = text.strip()
    number = digits(raw)
    if raw.startswith("+") and number.startswith("33"):
        number = number[2:]
    elif number.startswith("0033"):
        number = number[4:]
    elif raw.startswith("+"):
        number = ""  # a foreign number: the programme calls French numbers only
    if len(number) == 9:
        number = "0" + number
    if not _ALLOWED.match(raw) or len(number) != 10 or number[1] == "0" or number[0] != "0":
        raise ValidationError(
            _(
                "Ce numéro de téléphone n'est pas valide. Écrivez un numéro français à "
                "10 chiffres, par exemple 06 12 34 56 78 ou +33 6 12 34 56 78."
            ),
            code="phone",
        )
    return " ".join(number[i : i + 2] for i in range(0, 10, 2))


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
