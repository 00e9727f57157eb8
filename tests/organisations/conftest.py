import pytest

from accroche.access.actor import Actor
from accroche.access.roles import Role
from accroche.organisations.models import Programme
from tests.factories.organisations import ProgrammeFactory


@pytest.fixture
def programme(structure) -> Programme:
    """A programme led by ``structure``."""
    return ProgrammeFactory(lead_structure=structure, name="RéFLEX")


@pytest.fixture
def lead(actor, structure) -> Actor:
    """A coordinator of the lead structure: the programme's owner."""
    return actor(Role.COORDINATOR, structure)
