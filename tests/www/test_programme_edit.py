import pytest

from accroche.access.roles import Role
from tests.factories.organisations import ParticipationFactory
from tests.www.conftest import assert_redirects_to_login

SECTIONS = [
    "modifier",
    "financeurs",
    "objectifs",
    "territoire",
    "eligibilite",
    "partenaires/ajouter",
]


@pytest.mark.parametrize("section", SECTIONS)
def test_it_requires_login(client, programme, section):
    assert_redirects_to_login(client.get(f"/dispositifs/{programme.pk}/{section}/"))


@pytest.mark.parametrize("section", SECTIONS)
def test_the_owner_opens_every_section(owner, programme, section):
    response = owner.get(f"/dispositifs/{programme.pk}/{section}/")
    assert response.status_code == 200


@pytest.mark.parametrize("section", SECTIONS)
def test_it_checks_ownership(outsider, programme, section):
    assert outsider.get(f"/dispositifs/{programme.pk}/{section}/").status_code == 404


@pytest.mark.parametrize("section", SECTIONS)
def test_a_partner_coordinator_cannot_edit(login, member, other_structure, programme, section):
    ParticipationFactory(programme=programme, structure=other_structure)
    client = login(member(Role.COORDINATOR, other_structure))
    assert client.get(f"/dispositifs/{programme.pk}/{section}/").status_code == 404


@pytest.mark.parametrize("role", [r for r in Role if r != Role.COORDINATOR])
def test_other_roles_of_the_lead_cannot_edit(login, member, structure, programme, role):
    client = login(member(role, structure))
    assert client.get(f"/dispositifs/{programme.pk}/modifier/").status_code == 404


def test_the_owner_changes_the_settings(owner, programme):
    form = {
        "name": "RéFLEX Nord-Isère",
        "slug": programme.slug,
        "start_date": "2026-01-01",
        "end_date": "2027-12-31",
        "total_budget": "0",
        "referral_deadline_hours": "48",
        "no_contact_alert_days": "21",
        "immediate_need_alert_days": "7",
        "retention_months": "24",
    }
    assert owner.post(f"/dispositifs/{programme.pk}/modifier/", form).status_code == 302
    programme.refresh_from_db()
    assert (programme.name, programme.referral_deadline_hours) == ("RéFLEX Nord-Isère", 48)


@pytest.mark.parametrize("path", ["", "retirer/"])
def test_partner_pages_check_ownership(outsider, client, programme, other_structure, path):
    participation = ParticipationFactory(programme=programme, structure=other_structure)
    url = f"/dispositifs/{programme.pk}/partenaires/{participation.pk}/{path}"
    assert_redirects_to_login(client.get(url))
    assert outsider.post(url).status_code == 404
    assert programme.participations.count() == 2
