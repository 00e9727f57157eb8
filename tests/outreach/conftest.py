import pytest
from django.core.cache import cache

from accroche.access.actor import Actor
from accroche.access.roles import Role
from accroche.organisations.models import Participation, Programme
from accroche.territory.models import Commune
from tests.api.conftest import api_client  # noqa: F401  (API tests of repérage)
from tests.factories.organisations import ProgrammeFactory
from tests.factories.territory import CommuneFactory


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    """Rate limits live in the cache: each test starts with none."""
    cache.clear()


@pytest.fixture
def commune() -> Commune:
    return CommuneFactory(code="76540", name="Rouen")


@pytest.fixture
def programme(structure, commune) -> Programme:
    """A programme led by ``structure``, whose zone is Rouen."""
    programme = ProgrammeFactory(lead_structure=structure, name="Cap Seine", slug="cap-seine")
    programme.communes.add(commune)
    Participation.objects.get(programme=programme, structure=structure).zone_communes.add(commune)
    return programme


@pytest.fixture
def mediator(actor, structure, programme) -> Actor:
    return actor(Role.MEDIATOR, structure)
