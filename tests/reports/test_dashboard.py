import pytest
from django.urls import reverse

from accroche.access.roles import Role
from accroche.organisations.models import Participation
from tests.factories.organisations import ParticipationFactory, StructureFactory
from tests.factories.youth import EnrolmentFactory, YouthFactory

URL = reverse("reports:dashboard")


def test_the_coordinator_sees_the_funnel_against_targets_with_links(
    scene, coordinator, login, query
):
    page = login(coordinator).get(f"{URL}?programme={scene.programme.pk}&{query}")
    text = page.text
    assert "Jeunes entrés en accompagnement" in text
    assert "50 %" in text
    assert reverse("reports:drill", args=["enrolled"]) in text
    assert "12\xa0000 €" in text  # cost per young person


@pytest.mark.parametrize("role", [Role.PARTNER, Role.EVALUATOR])
def test_partners_and_evaluators_see_aggregates_without_links(scene, member, login, query, role):
    outsider = StructureFactory()
    kind = Participation.Kind.EVALUATOR if role == Role.EVALUATOR else Participation.Kind.UPSTREAM
    ParticipationFactory(programme=scene.programme, structure=outsider, kind=kind)
    page = login(member(role, outsider)).get(f"{URL}?programme={scene.programme.pk}&{query}")
    assert "Jeunes entrés en accompagnement" in page.text
    assert reverse("reports:drill", args=["enrolled"]) not in page.text
    assert "Votre rôle voit les chiffres agrégés" in page.text


def test_a_structure_outside_the_programme_sees_none_of_its_figures(scene, member, login, query):
    page = login(member(Role.COORDINATOR, StructureFactory())).get(
        f"{URL}?programme={scene.programme.pk}&{query}"
    )
    assert page.status_code == 200
    assert page.context["report"] is None
    assert "Jeunes entrés en accompagnement" not in page.text


def test_the_technical_admin_has_no_dashboard(scene, member, login, structure):
    assert login(member(Role.ADMIN, structure)).get(URL).status_code == 404


def test_without_programme_the_page_says_what_to_do(member, login):
    page = login(member(Role.COORDINATOR, StructureFactory())).get(URL)
    assert "ne participe à aucun dispositif" in page.text


def test_a_wrong_period_is_explained(scene, coordinator, login):
    page = login(coordinator).get(
        f"{URL}?programme={scene.programme.pk}&start=2026-05-01&end=2026-01-01"
    )
    assert "La fin de la période doit suivre son début." in page.text


def test_the_dashboard_query_count_does_not_grow(
    scene, coordinator, login, query, structure, django_assert_num_queries
):
    client = login(coordinator)
    # recalculer: the figures themselves, not the kept copy (test_dashboard_cache.py)
    url = f"{URL}?programme={scene.programme.pk}&{query}&recalculer=1"
    with django_assert_num_queries(40, exact=False) as first:
        client.get(url)
    for _ in range(5):
        EnrolmentFactory(youth=YouthFactory(holder_structure=structure), programme=scene.programme)
    with django_assert_num_queries(len(first.captured_queries)):
        client.get(url)


def test_a_programme_without_data_shows_what_to_do(programme, coordinator, login):
    page = login(coordinator).get(f"{URL}?programme={programme.pk}")
    assert "Aucune sortie sur la période" in page.text
    assert "Aucune ligne budgétaire pour ces années" in page.text
