"""Phone numbers, one rule for every door (pages, API, public form, imports): parsed with
Google's libphonenumber (French by default, "+" for the rest of the world), stored in
E.164 ("+33612345678"), shown in the national format for French numbers."""

from typing import Annotated

import phonenumbers
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from pydantic import AfterValidator, Field
from pydantic_core import PydanticCustomError

DEFAULT_REGION = "FR"
MAX_LENGTH = 30


def invalid_message() -> str:
    return _(
        "Ce numéro de téléphone n'est pas valide. Écrivez un numéro français "
        "(06 12 34 56 78) ou international avec son indicatif (+32 470 12 34 56)."
    )


def normalise_phone(text: str) -> str:
    """'06 12 34 56 78', '+33 6 12 34 56 78', '0033612345678' → '+33612345678'; '' → ''.

    Raises a French ValidationError (code "phone") for anything that is not a number."""
    raw = (text or "").strip()
    if not raw:
        return ""
    try:
        number = phonenumbers.parse(raw, DEFAULT_REGION)
    except phonenumbers.NumberParseException:
        number = None
    if number is None or not phonenumbers.is_valid_number(number):
        raise ValidationError(invalid_message(), code="phone")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def display_phone(stored: str) -> str:
    """'+33612345678' → '06 12 34 56 78', a foreign one in international format; anything
    that does not parse (rows older than the rule) is shown as it is."""
    if not stored:
        return ""
    try:
        number = phonenumbers.parse(stored, DEFAULT_REGION)
    except phonenumbers.NumberParseException:
        return stored
    if not phonenumbers.is_valid_number(number):
        return stored
    if phonenumbers.region_code_for_number(number) == DEFAULT_REGION:
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def _pydantic_phone(value: str) -> str:
    try:
        return normalise_phone(value)
    except ValidationError:
        raise PydanticCustomError("phone", invalid_message()) from None


# The API's phone field: the same rule as the pages' PhoneField.
Phone = Annotated[str, Field(max_length=MAX_LENGTH), AfterValidator(_pydantic_phone)]
