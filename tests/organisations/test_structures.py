import pytest
from django.core.exceptions import ValidationError
from django.http import Http404

from accroche.access.roles import Role
from accroche.organisations.models import Structure
from accroche.organisations.structures import (
    do_create_structure,
    do_update_structure,
    siret_is_valid,
    structures_editable_by,
)
from tests.factories.organisations import ParticipationFactory, StructureFactory


@pytest.mark.parametrize(
    ("siret", "valid"),
    [
        ("73282932000074", True),  # Luhn key right
        ("73282932000075", False),
        ("7328293200007", False),
        ("35600000000048", True),  # La Poste's head office: Luhn holds
        ("35600000049837", True),  # a post office: digits sum to a multiple of 5
        ("35600000049838", False),
    ],
)
def test_siret_check(siret, valid):
    assert siret_is_valid(siret) is valid


def test_a_structure_is_created_with_its_siret_cleaned(actor, structure):
    created = do_create_structure(
        actor(Role.COORDINATOR, structure),
        {"name": "Club de boxe", "kind": "sports_club", "siret": "732 829 320 00074"},
    )
    assert created.siret == "73282932000074"


def test_a_wrong_siret_network_and_name_are_refused(actor, structure):
    with pytest.raises(ValidationError) as exc:
        do_create_structure(
            actor(Role.ADMIN, structure),
            {
                "name": "prévention seine",
                "kind": "other",
                "siret": "12345678901234",
                "network": "x",
            },
        )
    assert set(exc.value.message_dict) == {"name", "siret", "network"}
    assert Structure.objects.count() == 1


@pytest.mark.parametrize("role", [Role.MEDIATOR, Role.CASE_WORKER, Role.PARTNER, Role.EVALUATOR])
def test_only_coordinators_and_admins_create(actor, structure, role):
    with pytest.raises(Http404):
        do_create_structure(actor(role, structure), {"name": "X", "kind": "other"})


def test_an_admin_edits_any_structure(actor, structure, other_structure):
    assert set(structures_editable_by(actor(Role.ADMIN, structure))) == {
        structure,
        other_structure,
    }


def test_a_coordinator_edits_their_own_and_their_partners(actor, structure, other_structure):
    partner = StructureFactory()
    ParticipationFactory(programme__lead_structure=structure, structure=partner)
    ParticipationFactory(structure=other_structure)
    assert set(structures_editable_by(actor(Role.COORDINATOR, structure))) == {structure, partner}


def test_update_checks_ownership(actor, structure, other_structure):
    with pytest.raises(Http404):
        do_update_structure(actor(Role.COORDINATOR, structure), other_structure, {"name": "X"})


def test_update_saves_the_changed_fields(actor, structure):
    changed = do_update_structure(actor(Role.COORDINATOR, structure), structure, {"phone": "01"})
    assert changed == ["phone"]
