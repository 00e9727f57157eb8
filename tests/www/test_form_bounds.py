"""Every number a page's form reads is bounded: 10^20, 1e30 and 5.99e-198 (a non-zero amount
that would round to 0.00) get a French form error, never a database error. The forms are
listed by walking every form class the application defines."""

import importlib
import pkgutil

import pytest
from django import forms

import accroche


def _import_all() -> None:
    for module in pkgutil.walk_packages(accroche.__path__, "accroche."):
        if ".migrations" not in module.name and not module.name.endswith(("wsgi", "asgi")):
            importlib.import_module(module.name)


def _subclasses(cls: type) -> set[type]:
    found = set()
    for sub in cls.__subclasses__():
        found |= {sub, *_subclasses(sub)}
    return found


_import_all()
FIELDS = sorted(
    (
        (f"{form.__module__}.{form.__qualname__}.{name}", field)
        for form in _subclasses(forms.BaseForm)
        if form.__module__.startswith("accroche.")
        for name, field in getattr(form, "base_fields", {}).items()
        if isinstance(field, forms.IntegerField | forms.DecimalField | forms.FloatField)
    ),
    key=lambda item: item[0],
)


def test_the_walk_finds_the_numeric_fields():
    assert len(FIELDS) > 20


@pytest.mark.parametrize(("label", "field"), FIELDS, ids=[label for label, _f in FIELDS])
def test_a_number_out_of_bounds_is_a_form_error(label, field):
    bad = ["1e30"] if not isinstance(field, forms.IntegerField) else []
    if isinstance(field, forms.IntegerField) and not isinstance(field, forms.DecimalField):
        bad.append(str(10**20))
    if isinstance(field, forms.DecimalField):
        bad.append("5.99e-198")
    for value in bad:
        with pytest.raises(forms.ValidationError) as refused:
            field.clean(value)
        assert refused.value.messages, value
    within = field.min_value if field.min_value is not None else 1
    assert field.clean(str(within)) == within  # while a sensible value passes
