"""One rule for the length of what is typed, in every form of the project: the page never
cuts it (no ``maxlength`` attribute, which a browser applies silently to what is pasted);
the server refuses it with the limit and the length typed, and the page keeps it."""

import copy

import pytest
from django import forms
from django.urls import reverse

from accroche.access.roles import Role
from accroche.www.fields import PhoneField
from accroche.youth.models import Youth
from tests.www.test_form_renderer import _project_forms


def _limited_text_fields() -> list[tuple[str, str, forms.CharField]]:
    found = []
    for form_class in _project_forms():
        for name, field in form_class.base_fields.items():
            if isinstance(field, forms.CharField) and field.max_length is not None:
                found.append((form_class.__qualname__, name, field))
    return found


def test_there_are_limited_text_fields_to_check() -> None:
    assert len(_limited_text_fields()) > 20


@pytest.mark.parametrize(
    ("form_name", "name", "class_field"),
    _limited_text_fields(),
    ids=[f"{form}.{name}" for form, name, _ in _limited_text_fields()],
)
def test_every_limited_text_field_says_its_limit_and_cuts_nothing(
    form_name: str, name: str, class_field: forms.CharField
) -> None:
    field = copy.deepcopy(class_field)
    assert "maxlength" not in field.widget_attrs(field.widget), f"{form_name}.{name}"
    assert "maxlength" not in field.widget.attrs, f"{form_name}.{name}"
    limit = field.max_length
    assert limit is not None
    typed = "a" * (limit + 7)
    with pytest.raises(forms.ValidationError) as caught:
        field.clean(typed)
    if isinstance(field, PhoneField):
        # A phone is refused as a phone first (accroche/phones.py): no number is that long.
        assert len(caught.value.messages) == 1
        return
    assert f"Au plus {limit} caractères (vous en avez saisi {limit + 7})." in caught.value.messages


def test_a_too_long_name_is_explained_and_kept(login, member, structure) -> None:
    typed = "Ayaaaaaaaa" * 1000  # 10,000 characters
    response = login(member(Role.MEDIATOR, structure)).post(
        reverse("youth:create"), {"first_name": typed, "gender": "woman"}
    )
    assert response.status_code == 200
    assert "Au plus 100 caractères (vous en avez saisi 10000)." in response.text
    assert f'value="{typed}"' in response.text
    assert 'maxlength="100"' not in response.text
    assert not Youth.objects.exists()
