import datetime

import pytest
import time_machine

from accroche.access.roles import Role
from accroche.projects.models import Decision
from tests.factories.organisations import StructureFactory
from tests.factories.projects import CallFactory, FollowUpTeamFactory, ProjectFactory


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(datetime.date(2026, 5, 1)):
        yield


@pytest.fixture
def as_(api_client, member):
    def make(role, structure):
        return api_client(member(role, structure))

    return make


def post(client, url, data):
    return client.post(url, data, content_type="application/json")


def test_anonymous_gets_401(client, programme):
    assert client.get(f"/api/projects/programmes/{programme.pk}/calls").status_code == 401


def test_teams(as_, programme, other_structure):
    lead = as_(Role.COORDINATOR, programme.lead_structure)
    created = post(
        lead,
        f"/api/projects/programmes/{programme.pk}/teams",
        {
            "commune": "76540",
            "name": "Équipe des Hauts",
            "members": [{"structure_id": other_structure.pk, "name": "Inès", "role": "Référente"}],
        },
    )
    assert created.status_code == 201
    assert created.json()["members"][0]["name"] == "Inès"
    listed = as_(Role.PARTNER, other_structure).get(
        f"/api/projects/programmes/{programme.pk}/teams"
    )
    assert [t["name"] for t in listed.json()] == ["Équipe des Hauts"]


def test_a_partner_cannot_create_a_team(as_, programme, other_structure):
    response = post(
        as_(Role.COORDINATOR, other_structure),
        f"/api/projects/programmes/{programme.pk}/teams",
        {"commune": "76540", "name": "x"},
    )
    assert response.status_code == 404


def test_call_propose_decide_report(as_, programme, other_structure):
    lead = as_(Role.COORDINATOR, programme.lead_structure)
    holder = as_(Role.COORDINATOR, other_structure)
    call = post(
        lead,
        f"/api/projects/programmes/{programme.pk}/calls",
        {
            "title": "Vague 1",
            "opens_on": "2026-04-01",
            "closes_on": "2026-06-30",
            "budget": "20000",
        },
    ).json()
    project = post(
        holder,
        f"/api/projects/calls/{call['id']}/projects",
        {
            "title": "Permis",
            "summary": "Quinze permis.",
            "communes": ["76540"],
            "budget_asked": "9000",
        },
    ).json()
    over = post(
        lead,
        f"/api/projects/{project['id']}/decision",
        {"decision": "retained", "amount_granted": "9001"},
    )
    assert over.status_code == 422
    assert "ne peut pas dépasser le montant demandé" in over.json()["errors"][0]["message"]
    decided = post(
        lead,
        f"/api/projects/{project['id']}/decision",
        {"decision": "retained", "amount_granted": "8000"},
    )
    assert decided.json()["decision"] == "retained"
    report = post(
        holder,
        f"/api/projects/{project['id']}/reports",
        {"period_start": "2026-04-01", "period_end": "2026-04-30", "youths_reached": 6},
    )
    assert report.status_code == 201
    totals = lead.get(f"/api/projects/programmes/{programme.pk}/indicators").json()
    assert (totals["retained"], totals["youths_reached"], totals["granted"]) == (1, 6, "8000.00")
    detail = lead.get(f"/api/projects/calls/{call['id']}").json()
    assert detail["rollup"]["granted"] == "8000.00"
    assert [p["title"] for p in detail["projects"]] == ["Permis"]


def test_a_member_with_the_partner_role_proposes_through_the_api(as_, programme, other_structure):
    call = CallFactory(
        programme=programme,
        opens_on=datetime.date(2026, 4, 1),
        closes_on=datetime.date(2026, 6, 30),
    )
    response = post(
        as_(Role.PARTNER, other_structure),
        f"/api/projects/calls/{call.pk}/projects",
        {"title": "Permis", "summary": "Quinze permis.", "communes": ["76540"],
         "budget_asked": "9000"},
    )  # fmt: skip
    assert response.status_code == 201, response.content
    assert response.json()["holder_id"] == other_structure.pk


def test_an_outsider_sees_nothing(as_, programme):
    call = CallFactory(programme=programme)
    project = ProjectFactory(call=call, decision=Decision.RETAINED)
    team = FollowUpTeamFactory(programme=programme)
    outsider = as_(Role.COORDINATOR, StructureFactory())
    for url in (
        f"/api/projects/calls/{call.pk}",
        f"/api/projects/{project.pk}",
        f"/api/projects/teams/{team.pk}",
    ):
        assert outsider.get(url).status_code == 404
