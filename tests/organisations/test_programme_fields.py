"""The inventory of a programme's fields and rules (organisations.programme_fields)
covers both models, and the forms, the API and the domain functions follow it."""

import datetime
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import models

from accroche.access.actor import Actor
from accroche.api.programmes import ProgrammeOut, RulesOut, RulesPatch
from accroche.organisations.models import EligibilityRules, Programme
from accroche.organisations.programme_fields import (
    PROGRAMME_FIELDS,
    PROGRAMME_INVENTORY,
    RULE_FIELDS,
    RULES_INVENTORY,
    SETTING_FIELDS,
    TERRITORY_FIELDS,
    ProgrammeEdit,
    RulesEdit,
)
from accroche.organisations.programmes import do_set_eligibility_rules, do_update_programme
from accroche.www.programmes_views.forms import ProgrammeForm, RulesForm, TerritoryForm
from tests.factories.territory import DiplomaLevelFactory


def stored(model: type[models.Model]) -> list[str]:
    """Every field a row stores, in the model's order: columns and many-to-many links."""
    fields = (*model._meta.concrete_fields, *model._meta.many_to_many)
    return [f.name for f in sorted(fields, key=lambda f: f.creation_counter)]


@pytest.mark.parametrize(
    ("model", "declared"),
    [(Programme, PROGRAMME_INVENTORY), (EligibilityRules, RULES_INVENTORY)],
)
def test_every_field_of_the_model_has_a_line_in_its_order(
    model: type[models.Model], declared: dict[str, Any]
) -> None:
    missing = set(stored(model)) - set(declared)
    assert not missing, (
        f"{model.__name__} fields with no decision in "
        f"accroche/organisations/programme_fields.py: {sorted(missing)}"
    )
    assert list(declared) == stored(model)


def test_what_no_one_can_type_is_system_managed() -> None:
    for model, declared, system in (
        (Programme, PROGRAMME_INVENTORY, ProgrammeEdit.SYSTEM),
        (EligibilityRules, RULES_INVENTORY, RulesEdit.SYSTEM),
    ):
        for name in stored(model):
            field: Any = model._meta.get_field(name)
            if field.primary_key or not field.editable or getattr(field, "auto_now_add", False):
                assert declared[name] == system, name


def test_the_forms_edit_exactly_the_declared_fields(programme: Programme) -> None:
    assert list(ProgrammeForm().fields) == list(PROGRAMME_FIELDS)
    assert list(RulesForm().fields) == list(RULE_FIELDS)
    assert list(TerritoryForm(programme=programme).fields) == list(TERRITORY_FIELDS)


def test_the_api_gives_and_takes_the_declared_fields() -> None:
    assert set(PROGRAMME_FIELDS) | set(TERRITORY_FIELDS) <= set(ProgrammeOut.model_fields)
    assert set(RulesOut.model_fields) == set(RULE_FIELDS)
    assert set(RulesPatch.model_fields) == set(RULE_FIELDS)


def _changed(field: "models.Field[Any, Any]", value: Any) -> Any:
    """Another valid value than ``value`` for the field."""
    if isinstance(field, models.DateField):
        return value + datetime.timedelta(days=30)
    if isinstance(field, models.DecimalField):
        return (value or Decimal("0")) + Decimal("1000.50")
    if isinstance(field, models.PositiveIntegerField | models.PositiveSmallIntegerField):
        return (value or 17) + 1
    if isinstance(field, models.BooleanField):
        return not value
    if isinstance(field, models.SlugField):
        return f"{value}-bis"
    if isinstance(field, models.CharField | models.TextField):
        return f"{value} (bis)"
    if field.many_to_one:
        return DiplomaLevelFactory(code="4", rank=4)
    raise AssertionError(f"tests/organisations/test_programme_fields.py: no value for {field}")


def test_updating_a_programme_saves_every_general_field(lead: Actor, programme: Programme) -> None:
    values = {
        name: _changed(Programme._meta.get_field(name), getattr(programme, name))
        for name in PROGRAMME_FIELDS
    }
    assert set(do_update_programme(lead, programme, values)) == set(PROGRAMME_FIELDS)
    programme = Programme.objects.get(pk=programme.pk)
    for name, value in values.items():
        assert getattr(programme, name) == value, name


@pytest.mark.parametrize("name", SETTING_FIELDS)
def test_a_setting_is_a_whole_number_of_at_least_one(
    lead: Actor, programme: Programme, name: str
) -> None:
    with pytest.raises(ValidationError) as exc:
        do_update_programme(lead, programme, {name: 0})
    assert exc.value.message_dict == {name: ["Indiquez un nombre entier, au moins 1."]}


def test_setting_the_rules_saves_every_rule(lead: Actor, programme: Programme) -> None:
    rules = do_set_eligibility_rules(lead, programme, {})
    values = {
        name: _changed(EligibilityRules._meta.get_field(name), getattr(rules, name))
        for name in RULE_FIELDS
    }
    do_set_eligibility_rules(lead, programme, values)
    rules = EligibilityRules.objects.get(programme=programme)
    for name, value in values.items():
        assert getattr(rules, name) == value, name
