"""Every follow-up page renders without an undefined variable, for who may open it."""

import pytest
from django.urls import reverse

from accroche.access.roles import Role
from tests.factories.followup import BudgetLineFactory, ImmersionFactory, WorkshopSessionFactory

YOUTH_PAGES = [
    "interaction_create",
    "action_create",
    "appointment_create",
    "immersion_create",
    "aid_create",
    "handoff_create",
    "exit_create",
    "summary",
]


@pytest.mark.parametrize("name", YOUTH_PAGES)
def test_youth_pages_render(login, referent, youth, name):
    page = login(referent.membership).get(reverse(f"followup:{name}", args=[youth.pk]))
    assert page.status_code == 200


@pytest.mark.parametrize("name", YOUTH_PAGES)
def test_youth_pages_are_404_for_another_structure(login, member, youth, other_structure, name):
    client = login(member(Role.CASE_WORKER, other_structure))
    assert client.get(reverse(f"followup:{name}", args=[youth.pk])).status_code == 404


def test_workshop_pages_render(login, referent, programme):
    session = WorkshopSessionFactory(workshop__programme=programme)
    client = login(referent.membership)
    for url in (
        reverse("followup:workshops"),
        reverse("followup:workshop_create"),
        reverse("followup:workshop", args=[session.workshop_id]),
        reverse("followup:session", args=[session.pk]),
    ):
        page = client.get(url)
        assert page.status_code == 200, url


def test_budget_pages_render_for_the_lead_coordinator(login, member, structure, programme):
    line = BudgetLineFactory(programme=programme)
    client = login(member(Role.COORDINATOR, structure))
    for url in (
        reverse("followup:budget"),
        reverse("followup:line_create"),
        reverse("followup:line_edit", args=[line.pk]),
    ):
        page = client.get(url)
        assert page.status_code == 200, url


def test_budget_lines_are_not_edited_by_case_workers(login, referent, programme):
    line = BudgetLineFactory(programme=programme)
    assert (
        login(referent.membership).get(reverse("followup:line_edit", args=[line.pk])).status_code
        == 404
    )


def test_evaluators_open_no_workshop(login, member, structure):
    assert (
        login(member(Role.EVALUATOR, structure)).get(reverse("followup:workshops")).status_code
        == 404
    )


def test_the_received_page_is_closed_to_evaluators(login, member, structure):
    assert (
        login(member(Role.EVALUATOR, structure)).get(reverse("followup:received")).status_code
        == 404
    )


def test_the_immersion_review_of_another_file_is_404(login, referent, youth):
    other = ImmersionFactory()
    url = reverse("followup:immersion_review", args=[youth.pk, other.pk])
    assert login(referent.membership).get(url).status_code == 404
