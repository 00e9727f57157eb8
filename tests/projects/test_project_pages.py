import datetime
from decimal import Decimal

import pytest
import time_machine

from accroche.access.roles import Role
from accroche.projects.models import Decision, Project, ProjectReport
from accroche.territory.models import Theme
from tests.factories.organisations import StructureFactory
from tests.factories.projects import CallFactory, ProjectFactory, ProjectReportFactory
from tests.territory_services.conftest import assert_redirects_to_login


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(datetime.date(2026, 5, 1)):
        yield


@pytest.fixture
def call(programme):
    return CallFactory(programme=programme, title="Vague 1", budget=Decimal("20000"))


def test_calls_require_login(client, programme):
    assert_redirects_to_login(client.get(f"/projets/dispositifs/{programme.pk}/appels/"))


def test_an_outsider_gets_404(client_for, call):
    assert (
        client_for(Role.COORDINATOR, StructureFactory())
        .get(f"/projets/appels/{call.pk}/")
        .status_code
        == 404
    )


def test_the_calls_page_rolls_up_the_programme(client_for, programme, call):
    project = ProjectFactory(call=call, decision=Decision.RETAINED, amount_granted=Decimal("5000"))
    ProjectReportFactory(project=project, youths_reached=11)
    text = (
        client_for(Role.EVALUATOR, programme.lead_structure)
        .get(f"/projets/dispositifs/{programme.pk}/appels/")
        .text
    )
    assert "Vague 1" in text
    assert "11 pour un objectif de 20" in text


def test_a_partner_proposes_from_the_page(client_for, call, other_structure, rouen):
    theme = Theme.objects.get(value="mobilite--preparer-un-permis")
    response = client_for(Role.COORDINATOR, other_structure).post(
        f"/projets/appels/{call.pk}/deposer/",
        {
            "title": "Permis solidaire",
            "summary": "Quinze permis.",
            "communes": "Rouen",
            "themes": [theme.pk],
            "budget_asked": "9000",
            "co_funding": "0",
            "target_youths": "15",
            "target_actions": "15",
        },
    )
    project = Project.objects.get()
    assert response["Location"] == f"/projets/{project.pk}/"
    assert project.holder == other_structure
    assert [t.value for t in project.themes.all()] == ["mobilite--preparer-un-permis"]


def test_a_member_with_the_partner_role_proposes_edits_and_reports(
    client_for, call, other_structure, rouen
):
    """The call is open to the structures taking part: their partner-role members too."""
    client = client_for(Role.PARTNER, other_structure)
    url = f"/projets/appels/{call.pk}/deposer/"
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {"title": "Permis solidaire", "summary": "Quinze permis.", "communes": "Rouen",
         "budget_asked": "9000", "co_funding": "0", "target_youths": "15",
         "target_actions": "15"},
    )  # fmt: skip
    project = Project.objects.get()
    assert response["Location"] == f"/projets/{project.pk}/"
    assert project.holder == other_structure
    assert client.get(f"/projets/{project.pk}/modifier/").status_code == 200
    Project.objects.filter(pk=project.pk).update(decision=Decision.RETAINED)
    client.post(
        f"/projets/{project.pk}/bilan/",
        {"period_start": "2026-01-01", "period_end": "2026-03-31", "youths_reached": "4",
         "actions_done": "1", "spent": "100"},
    )  # fmt: skip
    assert ProjectReport.objects.get().youths_reached == 4


def test_too_much_asked_is_explained_and_kept(client_for, call, other_structure):
    response = client_for(Role.COORDINATOR, other_structure).post(
        f"/projets/appels/{call.pk}/deposer/",
        {"title": "Trop cher", "summary": "x", "communes": "Rouen", "budget_asked": "25000",
         "co_funding": "0", "target_youths": "1", "target_actions": "1"},
    )  # fmt: skip
    assert "dépasse l&#x27;enveloppe de l&#x27;appel" in response.text
    assert "Trop cher" in response.text
    assert not Project.objects.exists()


def test_a_mediator_cannot_propose(client_for, call, other_structure):
    response = client_for(Role.MEDIATOR, other_structure).get(f"/projets/appels/{call.pk}/deposer/")
    assert response.status_code == 404


def test_the_lead_decides_and_a_partner_cannot(client_for, call, programme, other_structure):
    project = ProjectFactory(call=call, holder=other_structure, budget_asked=Decimal("9000"))
    url = f"/projets/{project.pk}/decider/"
    assert client_for(Role.COORDINATOR, other_structure).get(url).status_code == 404
    lead = client_for(Role.COORDINATOR, programme.lead_structure)
    refused = lead.post(url, {"decision": "retained", "amount_granted": "9500"})
    assert "ne peut pas dépasser le montant demandé" in refused.text
    lead.post(url, {"decision": "retained", "amount_granted": "8000"})
    project.refresh_from_db()
    assert (project.decision, project.amount_granted) == (Decision.RETAINED, Decimal("8000"))


def test_the_holder_reports_on_a_retained_project(client_for, call, other_structure):
    project = ProjectFactory(call=call, holder=other_structure, decision=Decision.RETAINED)
    client = client_for(Role.COORDINATOR, other_structure)
    client.post(
        f"/projets/{project.pk}/bilan/",
        {"period_start": "2026-01-01", "period_end": "2026-03-31", "youths_reached": "8",
         "actions_done": "3", "spent": "1200"},
    )  # fmt: skip
    assert ProjectReport.objects.get().youths_reached == 8
    assert "8 jeunes touchés" in client.get(f"/projets/{project.pk}/").text


def test_a_pending_project_of_another_partner_is_hidden(
    client_for, programme, call, other_structure
):
    from tests.factories.organisations import ParticipationFactory

    third = StructureFactory()
    ParticipationFactory(programme=programme, structure=third)
    project = ProjectFactory(call=call, holder=other_structure)
    assert client_for(Role.COORDINATOR, third).get(f"/projets/{project.pk}/").status_code == 404


@pytest.mark.parametrize("count", [2, 4])
def test_call_page_queries_do_not_grow(
    client_for, programme, call, rouen, count, django_assert_num_queries
):
    for _ in range(count):
        project = ProjectFactory(call=call, decision=Decision.RETAINED, communes=[rouen])
        ProjectReportFactory(project=project)
    client = client_for(Role.COORDINATOR, programme.lead_structure)
    with django_assert_num_queries(13):
        assert client.get(f"/projets/appels/{call.pk}/").status_code == 200
