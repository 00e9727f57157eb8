import pytest

from accroche.access.roles import Role
from accroche.organisations.models import Structure
from tests.factories.organisations import MembershipFactory, ParticipationFactory
from tests.www.conftest import assert_redirects_to_login

FORM = {"name": "Club de boxe", "kind": "sports_club", "siret": "", "network": "adie"}


def test_create_requires_login(client):
    assert_redirects_to_login(client.get("/structures/nouvelle/"))


def test_a_coordinator_creates_a_structure(owner):
    response = owner.post("/structures/nouvelle/", FORM)
    created = Structure.objects.get(name="Club de boxe")
    assert response["Location"] == f"/structures/{created.pk}/"
    assert created.network == "adie"


def test_a_wrong_siret_is_refused_keeping_what_was_typed(owner):
    response = owner.post("/structures/nouvelle/", FORM | {"siret": "12345678901234"})
    assert "Ce SIRET n&#x27;existe pas" in response.text
    assert 'value="Club de boxe"' in response.text
    assert not Structure.objects.filter(name="Club de boxe").exists()


def test_an_unknown_commune_is_refused(owner):
    response = owner.post("/structures/nouvelle/", FORM | {"commune": "Nullepart"})
    assert "Commune inconnue : « Nullepart »" in response.text


def test_the_detail_shows_members_to_those_who_may_edit(owner, structure):
    MembershipFactory(structure=structure, user__last_name="Diallo")
    response = owner.get(f"/structures/{structure.pk}/")
    assert "Diallo" in response.text


def test_the_directory_detail_hides_members_of_unrelated_structures(owner, other_structure):
    MembershipFactory(structure=other_structure, user__last_name="Diallo")
    response = owner.get(f"/structures/{other_structure.pk}/")
    assert response.status_code == 200
    assert "Diallo" not in response.text


def test_a_coordinator_edits_their_own_structure(owner, structure):
    data = FORM | {"name": "Prévention Seine", "kind": "prevention", "phone": "02 35 00 00 00"}
    assert owner.post(f"/structures/{structure.pk}/modifier/", data).status_code == 302
    structure.refresh_from_db()
    assert structure.phone == "+33235000000"


def test_a_coordinator_edits_a_partner_of_their_programme(owner, structure, other_structure):
    ParticipationFactory(programme__lead_structure=structure, structure=other_structure)
    assert owner.get(f"/structures/{other_structure.pk}/modifier/").status_code == 200


def test_edit_checks_ownership(owner, other_structure):
    assert owner.get(f"/structures/{other_structure.pk}/modifier/").status_code == 404


def test_an_admin_edits_any_structure(login, member, structure, other_structure):
    client = login(member(Role.ADMIN, structure))
    assert client.get(f"/structures/{other_structure.pk}/modifier/").status_code == 200


@pytest.mark.parametrize("role", [Role.MEDIATOR, Role.CASE_WORKER, Role.PARTNER, Role.EVALUATOR])
def test_other_roles_see_no_structure_page(login, member, structure, role):
    client = login(member(role, structure))
    assert client.get(f"/structures/{structure.pk}/").status_code == 404
    assert client.get(f"/structures/{structure.pk}/modifier/").status_code == 404


@pytest.mark.parametrize("path", ["", "modifier/"])
def test_it_requires_login(client, structure, path):
    assert_redirects_to_login(client.get(f"/structures/{structure.pk}/{path}"))


@pytest.mark.parametrize("count", [3, 6])
def test_detail_queries_do_not_grow_with_members(
    owner, structure, count, django_assert_num_queries
):
    for _ in range(count):
        MembershipFactory(structure=structure)
    with django_assert_num_queries(8):
        assert owner.get(f"/structures/{structure.pk}/").status_code == 200
