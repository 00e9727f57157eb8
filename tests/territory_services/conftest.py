import pytest

from accroche.organisations.models import Programme, Structure
from accroche.territory.models import Commune
from tests.api.conftest import api_client  # noqa: F401  (the API tests' client)
from tests.factories.organisations import ParticipationFactory, ProgrammeFactory
from tests.factories.territory import CommuneFactory
from tests.factories.territory_services import create_themes


@pytest.fixture(autouse=True)
def themes() -> None:
    """The real data·inclusion categories and themes, from the package."""
    create_themes()


@pytest.fixture
def rouen() -> Commune:
    return CommuneFactory(code="76540", name="Rouen", postcodes=["76000"])


@pytest.fixture
def bihorel() -> Commune:
    return CommuneFactory(code="76095", name="Bihorel", postcodes=["76420"])


@pytest.fixture
def elbeuf() -> Commune:
    return CommuneFactory(code="76231", name="Elbeuf", postcodes=["76500"])


@pytest.fixture
def evreux() -> Commune:
    return CommuneFactory(code="27229", name="Évreux", department="27", postcodes=["27000"])


@pytest.fixture
def programme(structure, other_structure, rouen, bihorel, elbeuf) -> Programme:
    """Led by ``structure``; ``other_structure`` is a partner; territory: 3 communes."""
    programme = ProgrammeFactory(lead_structure=structure, name="Cap Seine Jeunes")
    programme.communes.set([rouen, bihorel, elbeuf])
    ParticipationFactory(programme=programme, structure=other_structure)
    return programme


@pytest.fixture
def client_for(member, login):
    """client_for(role, structure) → a logged-in client of a new member."""

    def make(role: str, structure: Structure):
        return login(member(role, structure))

    return make


def assert_redirects_to_login(response) -> None:
    assert response.status_code == 302
    assert response["Location"].startswith("/compte/connexion/")
