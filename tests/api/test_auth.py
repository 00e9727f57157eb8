from django.test import Client
from django.utils import timezone

from accroche.access.roles import Role
from accroche.accounts.models import ApiToken


def test_the_openapi_document_is_public_and_lists_the_operations(client):
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    paths = response.json()["paths"]
    assert "/api/youth" in paths
    assert "/api/me" in paths


def test_the_interactive_docs_are_served_locally(client):
    response = client.get("/api/docs")
    assert response.status_code == 200
    assert "cdn." not in response.text


def test_without_a_token_the_api_answers_401_in_french(client):
    response = client.get("/api/me")
    assert response.status_code == 401
    assert "Authentification requise" in response.json()["detail"]


def test_a_wrong_token_is_refused():
    client = Client(headers={"Authorization": "Bearer acc_not-a-real-token"})
    assert client.get("/api/me").status_code == 401


def test_a_token_acts_for_its_membership(api_client, member, structure):
    membership = member(Role.MEDIATOR, structure)
    body = api_client(membership).get("/api/me").json()
    assert body == {
        "user_id": membership.user_id,
        "email": membership.user.email,
        "structure_id": structure.pk,
        "structure": structure.name,
        "role": "mediator",
    }


def test_a_revoked_token_stops_working(api_client, member, structure):
    client = api_client(member(Role.MEDIATOR, structure))
    ApiToken.objects.update(revoked_at=timezone.now())
    assert client.get("/api/me").status_code == 401


def test_a_token_of_a_deactivated_membership_stops_working(api_client, member, structure):
    membership = member(Role.MEDIATOR, structure)
    client = api_client(membership)
    membership.is_active = False
    membership.save()
    assert client.get("/api/me").status_code == 401


def test_api_answers_are_not_cached(api_client, member, structure):
    response = api_client(member(Role.MEDIATOR, structure)).get("/api/me")
    assert response["Cache-Control"] == "no-store"
