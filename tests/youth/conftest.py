import pytest

from accroche.organisations.models import Programme
from accroche.territory.models import Commune, ThemeCategory
from accroche.youth.diagnostics import BARRIER_DOMAINS
from tests.factories.organisations import ProgrammeFactory
from tests.factories.territory import CommuneFactory
from tests.factories.youth import ThemeCategoryFactory


@pytest.fixture
def rouen() -> Commune:
    return CommuneFactory(code="76540", name="Rouen")


@pytest.fixture
def programme(structure, rouen) -> Programme:
    """A programme led by ``structure`` on Rouen, with the default rules (16–25, 29 with
    RQTH, NEET, territory)."""
    programme = ProgrammeFactory(lead_structure=structure, name="Cap Seine Jeunes")
    programme.communes.set([rouen])
    return programme


@pytest.fixture
def categories() -> list[ThemeCategory]:
    return [ThemeCategoryFactory(value=value) for value in BARRIER_DOMAINS]
