import pytest
from django.core.exceptions import ValidationError
from django.http import Http404

from accroche.access.roles import Role
from accroche.partner_services.services import (
    do_create_service,
    do_delete_service,
    do_update_service,
    opens_evenings_or_saturdays,
)
from accroche.territory.models import Service, Theme
from tests.factories.organisations import StructureFactory
from tests.factories.territory_services import ServiceFactory


def data(**overrides):
    values = {
        "name": "Permis solidaire",
        "description": "Financement d'une partie du permis B.",
        "themes": list(Theme.objects.filter(value="mobilite--preparer-un-permis")),
        "type": "aide-financiere",
        "publics": ["jeunes"],
        "opening_hours": "Mo-Fr 09:00-12:00",
    }
    return values | overrides


def test_a_field_worker_adds_a_service_to_their_structure(actor, structure):
    service = do_create_service(actor(Role.MEDIATOR, structure), structure, data())
    assert service.source == "accroche"
    assert service.external_id.startswith("accroche--")
    assert [t.value for t in service.themes.all()] == ["mobilite--preparer-un-permis"]


def test_another_structure_is_refused_as_if_missing(actor, structure, other_structure):
    with pytest.raises(Http404):
        do_create_service(actor(Role.COORDINATOR, other_structure), structure, data())


@pytest.mark.parametrize("role", [Role.PARTNER, Role.EVALUATOR, Role.DPO])
def test_roles_without_the_right_cannot_edit(actor, structure, role):
    with pytest.raises(Http404):
        do_create_service(actor(role, structure), structure, data())


def test_the_lead_coordinator_edits_a_partners_services(actor, programme, other_structure):
    lead = actor(Role.COORDINATOR, programme.lead_structure)
    service = do_create_service(lead, other_structure, data())
    assert service.structure == other_structure


@pytest.mark.parametrize("role", [Role.MEDIATOR, Role.CASE_WORKER])
def test_the_lead_structures_field_workers_keep_to_their_own_services(
    actor, programme, other_structure, role
):
    with pytest.raises(Http404):
        do_create_service(actor(role, programme.lead_structure), other_structure, data())


def test_a_partners_coordinator_cannot_edit_the_leads_services(actor, programme, other_structure):
    with pytest.raises(Http404):
        do_create_service(
            actor(Role.COORDINATOR, other_structure), programme.lead_structure, data()
        )


def test_an_admin_edits_any_structure(actor, structure):
    other = StructureFactory()
    assert do_create_service(actor(Role.ADMIN, structure), other, data()).structure == other


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("name", "ab", "Indiquez le nom du service"),
        ("themes", [], "Choisissez au moins une thématique"),
        ("type", "cours", "Valeur inconnue : « cours »."),
        ("publics", ["jeunes", "martiens"], "Valeurs inconnues : martiens."),
        ("publics", ["tous-publics", "jeunes"], "« Tous publics » ne se combine pas"),
        ("email", "pas-un-mail", "Adresse e-mail invalide."),
        ("email", "accueil@structure-.fr", "Adresse e-mail invalide."),
        ("mobilisation_url", "www exemple fr", "Adresse web invalide"),
        ("zone_departments", ["99"], "Départements inconnus : 99."),
    ],
)
def test_bad_values_are_refused_in_french(actor, structure, field, value, message):
    with pytest.raises(ValidationError) as exc:
        do_create_service(actor(Role.MEDIATOR, structure), structure, data(**{field: value}))
    assert any(message in m for m in exc.value.message_dict[field])
    assert not Service.objects.exists()


def test_the_evening_flag_follows_the_hours_unless_given(actor, structure):
    who = actor(Role.MEDIATOR, structure)
    late = do_create_service(who, structure, data(opening_hours="Tu 17:00-21:00"))
    early = do_create_service(who, structure, data(opening_hours="Tu 09:00-12:00"))
    forced = do_create_service(who, structure, data(evenings_saturdays=True))
    assert (late.evenings_saturdays, early.evenings_saturdays, forced.evenings_saturdays) == (
        True,
        False,
        True,
    )


@pytest.mark.parametrize(
    ("hours", "expected"),
    [
        ("Mo-Fr 09:00-18:00", False),
        ("We 14:00-18:30", True),
        ("Tu,Th 18:00-20:00", True),
        ("Sa 10:00-12:00", True),
        ("", False),
    ],
)
def test_evenings_and_saturdays_are_read_from_the_hours(hours, expected):
    assert opens_evenings_or_saturdays(hours) is expected


def test_an_update_reports_what_changed_and_touches_the_date(actor, structure):
    service = ServiceFactory(structure=structure)
    changed = do_update_service(actor(Role.MEDIATOR, structure), service, {"phone": "0235"})
    service.refresh_from_db()
    assert changed == ["phone"]
    assert service.updated_on != ServiceFactory.updated_on


def test_an_update_with_nothing_new_changes_nothing(actor, structure):
    service = ServiceFactory(structure=structure)
    assert do_update_service(actor(Role.MEDIATOR, structure), service, {"name": service.name}) == []


def test_a_bad_update_saves_nothing(actor, structure):
    service = ServiceFactory(structure=structure, name="Avant")
    with pytest.raises(ValidationError):
        do_update_service(actor(Role.MEDIATOR, structure), service, {"name": "Après", "fees": "x"})
    service.refresh_from_db()
    assert service.name == "Avant"


def test_delete_needs_the_right(actor, structure, other_structure):
    service = ServiceFactory(structure=structure)
    with pytest.raises(Http404):
        do_delete_service(actor(Role.MEDIATOR, other_structure), service)
    do_delete_service(actor(Role.MEDIATOR, structure), service)
    assert not Service.objects.exists()
