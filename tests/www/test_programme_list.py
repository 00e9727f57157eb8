import pytest

from accroche.access.roles import Role
from tests.factories.organisations import ParticipationFactory, ProgrammeFactory
from tests.www.conftest import assert_redirects_to_login

URL = "/dispositifs/"


def test_it_requires_login(client):
    assert_redirects_to_login(client.get(URL))


def test_it_lists_only_the_programmes_the_structure_takes_part_in(
    login, member, structure, programme
):
    ProgrammeFactory(name="Ailleurs")
    response = login(member(Role.PARTNER, structure)).get(URL)
    assert "RéFLEX" in response.text
    assert "Ailleurs" not in response.text


def test_the_empty_state_invites_a_coordinator_to_create(owner):
    response = owner.get(URL)
    assert "Créez-en un" in response.text
    assert 'href="/dispositifs/nouveau/"' in response.text


def test_the_empty_state_tells_others_to_wait(login, member, structure):
    response = login(member(Role.MEDIATOR, structure)).get(URL)
    assert "ajoute votre structure comme partenaire" in response.text
    assert "/dispositifs/nouveau/" not in response.text


@pytest.mark.parametrize("count", [3, 6])
def test_queries_do_not_grow_with_programmes(owner, structure, count, django_assert_num_queries):
    for _ in range(count):
        ParticipationFactory(programme=ProgrammeFactory(lead_structure=structure))
    with django_assert_num_queries(6):
        assert owner.get(URL).status_code == 200
