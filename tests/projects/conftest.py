import pytest

from accroche.access.roles import Role
from tests.territory_services.conftest import (  # noqa: F401  (shared fixtures)
    api_client,
    bihorel,
    client_for,
    elbeuf,
    evreux,
    programme,
    rouen,
    themes,
)


@pytest.fixture
def lead(actor, programme):  # noqa: F811
    """A coordinator of the programme's lead structure."""
    return actor(Role.COORDINATOR, programme.lead_structure)


@pytest.fixture
def partner(actor, other_structure):
    """A coordinator of the partner structure (``other_structure``)."""
    return actor(Role.COORDINATOR, other_structure)
