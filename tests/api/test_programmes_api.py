import pytest

from accroche.access.roles import Role
from accroche.organisations.models import EligibilityRules
from tests.factories.organisations import FundingFactory, ParticipationFactory, ProgrammeFactory
from tests.factories.territory import CommuneFactory, DiplomaLevelFactory


@pytest.fixture
def programme(structure):
    return ProgrammeFactory(lead_structure=structure, name="RéFLEX")


@pytest.fixture
def owner(api_client, member, structure):
    return api_client(member(Role.COORDINATOR, structure))


@pytest.fixture
def outsider(api_client, member, other_structure):
    return api_client(member(Role.COORDINATOR, other_structure))


def patch(client, programme, body):
    return client.patch(
        f"/api/programmes/{programme.pk}/rules", body, content_type="application/json"
    )


@pytest.mark.parametrize("path", ["/api/programmes", "/api/programmes/1"])
def test_it_requires_a_token(client, path):
    assert client.get(path).status_code == 401


def test_the_list_shows_the_programmes_the_structure_takes_part_in(owner, programme):
    ProgrammeFactory()
    assert [p["name"] for p in owner.get("/api/programmes").json()] == ["RéFLEX"]


def test_the_detail_carries_the_whole_set_up(owner, programme, other_structure):
    FundingFactory(programme=programme, funder="FSE+")
    participation = ParticipationFactory(programme=programme, structure=other_structure)
    participation.zone_communes.set([CommuneFactory(code="76540")])
    body = owner.get(f"/api/programmes/{programme.pk}").json()
    assert body["fundings"][0]["funder"] == "FSE+"
    assert body["rules"]["max_age"] == 25
    zones = {p["structure"]: p["zone_communes"] for p in body["participations"]}
    assert zones == {"Prévention Seine": [], "Centre social des Hauts": ["76540"]}


def test_it_checks_ownership(outsider, programme):
    assert outsider.get(f"/api/programmes/{programme.pk}").status_code == 404
    assert patch(outsider, programme, {"max_age": 29}).status_code == 404


def test_the_owner_changes_the_rules(owner, programme):
    DiplomaLevelFactory(code="3")
    response = patch(owner, programme, {"max_age": 29, "max_diploma_level": "3"})
    assert response.status_code == 200
    assert response.json()["max_diploma_level"] == "3"
    assert EligibilityRules.objects.get().max_age == 29


def test_min_age_above_max_age_is_refused_in_french(owner, programme):
    response = patch(owner, programme, {"min_age": 26})
    assert response.status_code == 422
    assert response.json()["errors"] == [
        {
            "field": "min_age",
            "message": "L'âge minimum doit être inférieur ou égal à l'âge maximum.",
        }
    ]
    assert EligibilityRules.objects.get().min_age == 16


def test_a_partner_reads_but_cannot_change_the_rules(
    api_client, member, other_structure, programme
):
    ParticipationFactory(programme=programme, structure=other_structure)
    client = api_client(member(Role.COORDINATOR, other_structure))
    assert client.get(f"/api/programmes/{programme.pk}").status_code == 200
    assert patch(client, programme, {"max_age": 29}).status_code == 404
