import pytest
from django.test import Client

from accroche.access.roles import Role
from accroche.organisations.models import Programme
from tests.factories.organisations import ProgrammeFactory


@pytest.fixture
def programme(structure) -> Programme:
    """A programme led by ``structure``."""
    return ProgrammeFactory(lead_structure=structure, name="RéFLEX")


@pytest.fixture
def owner(member, login, structure) -> Client:
    """A client for a coordinator of the lead structure."""
    return login(member(Role.COORDINATOR, structure))


@pytest.fixture
def outsider(member, login, other_structure) -> Client:
    """A client for a coordinator of a structure with no part in the programme."""
    return login(member(Role.COORDINATOR, other_structure))


def assert_redirects_to_login(response) -> None:
    assert response.status_code == 302
    assert response["Location"].startswith("/compte/connexion/")
