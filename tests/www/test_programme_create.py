import pytest

from accroche.access.roles import Role
from accroche.organisations.models import Programme
from tests.www.conftest import assert_redirects_to_login

URL = "/dispositifs/nouveau/"
FORM = {
    "name": "En mode emploi",
    "start_date": "2026-01-01",
    "end_date": "2027-12-31",
    "total_budget": "1 006 076",
    "referral_deadline_hours": "72",
    "no_contact_alert_days": "21",
    "immediate_need_alert_days": "7",
    "retention_months": "24",
}


def test_it_requires_login(client):
    assert_redirects_to_login(client.get(URL))


@pytest.mark.parametrize("role", [r for r in Role if r != Role.COORDINATOR])
def test_only_a_coordinator_creates(login, member, structure, role):
    assert login(member(role, structure)).get(URL).status_code == 404


def test_the_owner_creates_and_leads(owner, structure):
    response = owner.post(URL, FORM)
    programme = Programme.objects.get()
    assert response["Location"] == f"/dispositifs/{programme.pk}/"
    assert programme.lead_structure == structure
    assert programme.total_budget == 1006076


def test_end_before_start_is_refused_keeping_what_was_typed(owner):
    response = owner.post(URL, FORM | {"end_date": "2025-06-30"})
    assert response.status_code == 200
    assert "La date de fin doit être après la date de début." in response.text
    assert 'value="En mode emploi"' in response.text
    assert 'value="2025-06-30"' in response.text
    assert not Programme.objects.exists()
