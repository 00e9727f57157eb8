import pytest

from accroche.access.roles import Role
from tests.factories.organisations import MembershipFactory, StructureFactory
from tests.www.conftest import assert_redirects_to_login

URL = "/structures/"


def test_it_requires_login(client):
    assert_redirects_to_login(client.get(URL))


@pytest.mark.parametrize("role", [Role.MEDIATOR, Role.CASE_WORKER, Role.PARTNER, Role.EVALUATOR])
def test_it_is_for_coordinators_and_admins(login, member, structure, role):
    assert login(member(role, structure)).get(URL).status_code == 404


def test_it_lists_every_structure_with_its_active_members(owner, other_structure):
    MembershipFactory(structure=other_structure)
    MembershipFactory(structure=other_structure, is_active=False)
    response = owner.get(URL)
    assert "Centre social des Hauts" in response.text
    assert "<td>1</td>" in response.text


@pytest.mark.parametrize("count", [3, 6])
def test_queries_do_not_grow_with_structures(owner, count, django_assert_num_queries):
    for _ in range(count):
        MembershipFactory(structure=StructureFactory(network="adie"))
    with django_assert_num_queries(6):
        assert owner.get(URL).status_code == 200
