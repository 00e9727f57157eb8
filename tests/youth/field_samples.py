"""A value for every field a person edits in a young person's file, chosen from the
model field's type, so that tests generated over accroche.youth.fields cover a new field
without being edited (or say plainly which sample is missing)."""

import datetime
from typing import Any

from django.db import models

from accroche.territory.models import Commune, Qpv
from accroche.youth.fields import FORM_FIELDS
from accroche.youth.models import Youth
from tests.factories.territory import CommuneFactory, QpvFactory

BIRTH_DATE = datetime.date(2005, 6, 7)
# Values whose type alone does not tell a valid, recognisable one.
SPECIAL: dict[str, Any] = {
    "phone": "06 98 76 54 32",
    "birth_date": BIRTH_DATE,
    "birth_year": BIRTH_DATE.year,  # the same year: anonymisation keeps the date's year
}


def _place() -> tuple[Commune, Qpv]:
    commune = CommuneFactory(code="76451", name="Maromme")
    qpv = QpvFactory(code="QN07699M", name="La Binche", communes=[commune])
    return commune, qpv


def sample(field: "models.Field[Any, Any]", commune: Commune, qpv: Qpv) -> Any:
    if field.name in SPECIAL:
        return SPECIAL[field.name]
    if field.many_to_many or field.many_to_one:
        target = {Commune: commune, Qpv: qpv}[field.related_model]
        return [target] if field.many_to_many else target
    if field.choices:
        # A real answer: neither empty nor the default ("not stated").
        default = field.get_default()
        return next(value for value, _label in field.flatchoices if value not in ("", default))
    if isinstance(field, models.EmailField):
        return "zebulon.sample@example.org"
    if isinstance(field, models.CharField):
        return f"Zz{field.name}"[: field.max_length]
    if isinstance(field, models.BooleanField):
        return True
    raise AssertionError(f"tests/youth/field_samples.py: add a sample value for {field.name}")


def sample_values() -> dict[str, Any]:
    """Every editable field of the file (FORM_FIELDS) with a non-empty, valid value."""
    commune, qpv = _place()
    return {name: sample(Youth._meta.get_field(name), commune, qpv) for name in FORM_FIELDS}


def comparable(youth: Youth, name: str) -> Any:
    """A field's value, a set of ids for many-to-many."""
    if name in {f.name for f in Youth._meta.many_to_many}:
        return {o.pk for o in getattr(youth, name).all()}
    return getattr(youth, name)


def as_comparable(name: str, value: Any) -> Any:
    if isinstance(value, list):
        return {o.pk for o in value}
    return value
