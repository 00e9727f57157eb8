"""Every phone field of the models goes through the one rule of accroche/phones.py, on the
pages and in the API: "abc" is refused in French, "06 12 34 56 78" is stored "+33612345678".
The list of phone fields is read from the models, so a new one without a form or API rule
fails here."""

from typing import Annotated, Any

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from pydantic import TypeAdapter
from pydantic import ValidationError as PydanticError

from accroche.api import (
    followup_plan,
    outreach,
    programmes,
    projects,
    territory,
    territory_diagnostics,
    youth,
)
from accroche.phones import display_phone, normalise_phone
from accroche.validation_messages import pydantic_message
from accroche.www.followup_views.forms import ImmersionForm
from accroche.www.outreach_views.forms import ContactForm, ReferralForm
from accroche.www.projects_views.forms import TeamMemberForm
from accroche.www.public_views.forms import SelfReferralForm
from accroche.www.structures_views.forms import StructureForm
from accroche.www.territory_views.diagnostic_forms import ResourcePersonForm
from accroche.www.territory_views.service_forms import ServiceForm
from accroche.www.youth_views.forms import YouthForm

# model field → the form fields and API schema fields that write it.
DOORS: dict[str, dict[str, list[tuple[Any, str]]]] = {
    "youth.Youth.phone": {
        "forms": [(YouthForm, "phone"), (ContactForm, "phone")],
        "api": [
            (youth.YouthIn, "phone"),
            (youth.YouthPatch, "phone"),
            (outreach.NewYouthIn, "phone"),
        ],
    },
    "outreach.Referral.phone": {
        "forms": [(ReferralForm, "phone"), (SelfReferralForm, "phone")],
        "api": [(outreach.ReferralIn, "phone")],
    },
    "organisations.Structure.phone": {
        "forms": [(StructureForm, "phone")],
        "api": [(programmes.StructureIn, "phone")],
    },
    "projects.TeamMember.phone": {
        "forms": [(TeamMemberForm, "phone")],
        "api": [(projects.MemberSchema, "phone")],
    },
    "followup.Immersion.tutor_phone": {
        "forms": [(ImmersionForm, "tutor_phone")],
        "api": [(followup_plan.ImmersionIn, "tutor_phone")],
    },
    "territory.Service.phone": {
        "forms": [(ServiceForm, "phone")],
        "api": [(territory.ServiceIn, "phone"), (territory.ServicePatch, "phone")],
    },
    "territory.ResourcePerson.phone": {
        "forms": [(ResourcePersonForm, "phone")],
        "api": [(territory_diagnostics.PersonSchema, "phone")],
    },
    # A user's professional phone is set by the administrators only (Django admin, commands):
    # no page nor API of the product writes it.
    "accounts.User.phone": {"forms": [], "api": []},
}


def phone_fields() -> list[str]:
    return sorted(
        f"{model._meta.app_label}.{model.__name__}.{field.name}"
        for model in apps.get_models()
        for field in model._meta.get_fields()
        if "phone" in field.name and getattr(field, "editable", False) and field.concrete
    )


def test_every_phone_field_of_the_models_has_its_doors_listed():
    assert phone_fields() == sorted(DOORS)


def form_cases() -> list[Any]:
    return [
        pytest.param(form, name, id=f"{form.__name__}.{name}")
        for doors in DOORS.values()
        for form, name in doors["forms"]
    ]


def api_cases() -> list[Any]:
    return [
        pytest.param(schema, name, id=f"{schema.__name__}.{name}")
        for doors in DOORS.values()
        for schema, name in doors["api"]
    ]


@pytest.mark.parametrize(("form", "name"), form_cases())
def test_the_form_refuses_abc_and_normalises(form, name):
    field = form.base_fields[name]
    with pytest.raises(ValidationError) as refused:
        field.clean("abc")
    assert "numéro de téléphone n'est pas valide" in refused.value.messages[0]
    assert field.clean("06 12 34 56 78") == "+33612345678"
    assert field.clean("+32 470 12 34 56") == "+32470123456"
    assert field.clean("") == ""


@pytest.mark.parametrize(("schema", "name"), api_cases())
def test_the_api_refuses_abc_and_normalises(schema, name):
    info = schema.model_fields[name]
    kind = Annotated[(info.annotation, *info.metadata)] if info.metadata else info.annotation
    adapter = TypeAdapter(kind)
    with pytest.raises(PydanticError) as refused:
        adapter.validate_python("abc")
    assert "numéro de téléphone n'est pas valide" in pydantic_message(refused.value.errors()[0])
    assert adapter.validate_python("06 12 34 56 78") == "+33612345678"
    assert adapter.validate_python("0033 (0)6 12 34 56 78") == "+33612345678"


@pytest.mark.parametrize("typed", ["abc", "06 12", "12345678901234567890", "+33 6"])
def test_what_is_not_a_number_is_refused(typed):
    with pytest.raises(ValidationError):
        normalise_phone(typed)


def test_french_numbers_are_shown_in_the_national_format():
    assert display_phone("+33612345678") == "06 12 34 56 78"
    assert display_phone("+32470123456") == "+32 470 12 34 56"
    assert display_phone("old text") == "old text"
