from collections.abc import Callable

import pytest

from accroche.access.actor import Actor
from accroche.access.roles import Role
from accroche.organisations.models import Programme, Structure
from tests.factories.organisations import ProgrammeFactory


@pytest.fixture
def actor(member) -> Callable[..., Actor]:
    """actor(role, structure) → an Actor working for a new member of that structure."""

    def make(role: str = Role.COORDINATOR, structure: Structure | None = None) -> Actor:
        membership = member(role, structure)
        return Actor(user=membership.user, membership=membership)

    return make


@pytest.fixture
def programme(structure) -> Programme:
    """A programme led by ``structure``."""
    return ProgrammeFactory(lead_structure=structure, name="RéFLEX")


@pytest.fixture
def lead(actor, structure) -> Actor:
    """A coordinator of the lead structure: the programme's owner."""
    return actor(Role.COORDINATOR, structure)
