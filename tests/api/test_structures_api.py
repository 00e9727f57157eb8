import pytest

from accroche.access.roles import Role
from accroche.organisations.models import Structure
from tests.factories.territory import CommuneFactory

BODY = {"name": "Club de boxe", "kind": "sports_club", "siret": "73282932000074"}


def post(client, body):
    return client.post("/api/structures", body, content_type="application/json")


def test_it_requires_a_token(client):
    assert client.get("/api/structures").status_code == 401
    assert post(client, BODY).status_code == 401


def test_a_coordinator_lists_the_structures(api_client, member, structure, other_structure):
    body = api_client(member(Role.COORDINATOR, structure)).get("/api/structures").json()
    assert [s["name"] for s in body] == ["Centre social des Hauts", "Prévention Seine"]


@pytest.mark.parametrize("role", [Role.MEDIATOR, Role.PARTNER])
def test_other_roles_get_404(api_client, member, structure, role):
    client = api_client(member(role, structure))
    assert client.get("/api/structures").status_code == 404
    assert post(client, BODY).status_code == 404


def test_an_admin_creates_a_structure(api_client, member, structure):
    CommuneFactory(code="76540")
    response = post(api_client(member(Role.ADMIN, structure)), BODY | {"commune": "76540"})
    assert response.status_code == 201
    assert response.json()["commune"] == "76540"


def test_an_unknown_commune_is_refused(api_client, member, structure):
    response = post(api_client(member(Role.COORDINATOR, structure)), BODY | {"commune": "99999"})
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "commune"
    assert not Structure.objects.filter(name="Club de boxe").exists()


def test_a_wrong_siret_is_refused_in_french(api_client, member, structure):
    response = post(api_client(member(Role.COORDINATOR, structure)), BODY | {"siret": "123"})
    assert response.json()["errors"] == [
        {"field": "siret", "message": "Le SIRET compte 14 chiffres."}
    ]
