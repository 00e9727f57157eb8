"""The inventory of the young person's fields (accroche.youth.fields) covers the model,
and the form, the API, the domain functions and the access copy do what it declares.
What the anonymisation, the merge and the evaluators' export do with each field:
test_field_inventory_uses.py."""

from typing import Any

import pytest
from django.urls import reverse

from accroche.access.actor import Actor
from accroche.access.roles import Role
from accroche.api.youth import YouthIn, YouthOut, YouthPatch
from accroche.privacy.export import collect
from accroche.www.youth_views.forms import YouthForm
from accroche.youth import fields as inventory
from accroche.youth.fields import INVENTORY, Edit, Erase, Evaluation, Merge
from accroche.youth.models import Youth
from accroche.youth.services import do_create_youth, do_update_youth
from tests.factories.youth import YouthFactory
from tests.youth.field_samples import as_comparable, comparable, sample_values


def model_fields() -> list[str]:
    """Every field a file stores: its columns and its many-to-many links."""
    return [f.name for f in (*Youth._meta.concrete_fields, *Youth._meta.many_to_many)]


def test_every_field_of_the_model_has_exactly_one_line() -> None:
    declared = [f.name for f in INVENTORY]
    assert len(declared) == len(set(declared)), "a field is declared twice"
    missing = set(model_fields()) - set(declared)
    assert not missing, (
        f"Youth fields with no decision in accroche/youth/fields.py: {sorted(missing)} "
        "(see docs/howto/add-a-field.md)"
    )
    assert not set(declared) - set(model_fields()), "the inventory names a field Youth lacks"
    assert set(inventory.MANY_TO_MANY) == {f.name for f in Youth._meta.many_to_many}


def test_every_decision_is_one_of_the_declared_ones() -> None:
    for f in INVENTORY:
        assert (f.edit in Edit, f.erase in Erase, f.evaluation in Evaluation) == (True,) * 3
        assert f.merge in Merge, f.name
        assert isinstance(f.access_copy, bool), f.name
        assert isinstance(f.api, bool), f.name


def test_what_no_one_can_type_is_system_managed() -> None:
    for name in model_fields():
        field: Any = Youth._meta.get_field(name)
        automatic = (
            not field.editable
            or field.primary_key
            or getattr(field, "auto_now", False)
            or getattr(field, "auto_now_add", False)
        )
        if automatic:
            assert inventory.BY_NAME[name].edit == Edit.SYSTEM, name


def test_system_managed_fields_are_not_merged_nor_exported() -> None:
    for f in INVENTORY:
        if f.edit == Edit.SYSTEM:
            assert (f.merge, f.evaluation) == (Merge.KEEP, Evaluation.DROPPED), f.name


def test_many_to_many_fields_have_many_to_many_decisions() -> None:
    for f in INVENTORY:
        links = f.name in inventory.MANY_TO_MANY
        assert (f.erase in (Erase.CLEAR, Erase.KEEP)) or not links, f.name
        assert (f.merge == Merge.UNION) == links, f.name


def test_the_form_edits_exactly_the_editable_fields() -> None:
    # A field declared on the form class but not in the inventory would show, and be
    # silently dropped on save.
    assert list(YouthForm().fields) == list(inventory.FORM_FIELDS)


def test_the_api_schemas_take_and_give_what_the_inventory_says() -> None:
    assert set(YouthIn.model_fields) == set(inventory.FORM_FIELDS)
    assert set(YouthPatch.model_fields) == set(inventory.FORM_FIELDS)
    # A foreign key is given as its id (holder_structure_id).
    given = {name.removesuffix("_id") for name in YouthOut.model_fields}
    assert given == set(inventory.API_FIELDS)


@pytest.fixture
def case_worker(member, structure) -> Actor:
    membership = member(Role.CASE_WORKER, structure)
    return Actor(user=membership.user, membership=membership)


def test_creating_a_file_saves_every_editable_field(case_worker: Actor) -> None:
    values = sample_values()
    youth = Youth.objects.get(pk=do_create_youth(case_worker, values).pk)
    for name, value in values.items():
        assert comparable(youth, name) == as_comparable(name, value), name


def test_updating_a_file_saves_every_editable_field(case_worker: Actor, structure) -> None:
    values = sample_values()
    youth = YouthFactory(holder_structure=structure, first_name="Léa")
    changed = do_update_youth(case_worker, youth, values)
    assert set(changed) == set(inventory.FORM_FIELDS)
    youth = Youth.objects.get(pk=youth.pk)
    for name, value in values.items():
        assert comparable(youth, name) == as_comparable(name, value), name


def test_the_access_copy_shows_what_the_inventory_says(case_worker: Actor, structure) -> None:
    youth = do_create_youth(case_worker, sample_values())
    shown = [item.name for item in collect(case_worker, youth).identity]
    assert set(shown) == {f.name for f in INVENTORY if f.access_copy}
    # Whatever a person typed on the young person is in their copy (RGPD art. 15).
    assert set(inventory.FORM_FIELDS) <= set(shown)


def test_the_inventory_follows_the_models_order() -> None:
    # The form shows its fields in this order.
    fields = (*Youth._meta.concrete_fields, *Youth._meta.many_to_many)
    in_model_order = [f.name for f in sorted(fields, key=lambda f: f.creation_counter)]
    assert [f.name for f in INVENTORY] == in_model_order


def test_the_edit_page_of_a_full_file_shows_every_editable_field(
    case_worker: Actor, member, login, structure
) -> None:
    # A field in the form but not in the template would post nothing, and saving the
    # page would empty it.
    youth = do_create_youth(case_worker, sample_values())
    client = login(member(Role.CASE_WORKER, structure))
    page = client.get(reverse("youth:edit", args=[youth.pk])).content.decode()
    for name in inventory.FORM_FIELDS:
        assert f'name="{name}"' in page, name
