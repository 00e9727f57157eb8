# Fixtures imported from conftest_b are re-bound as test arguments.
# ruff: noqa: F811
import pytest
from django.urls import reverse

from accroche.access.actor import Actor
from accroche.access.roles import Role
from accroche.reports.pic import pic_report, pic_tables
from tests.factories.territory import CommuneFactory, QpvFactory
from tests.reports.conftest import Scene
from tests.reports.conftest_b import as_role  # noqa: F401

URL = reverse("reports:pic")


@pytest.fixture
def placed(scene: Scene) -> Scene:
    """A and B live in Bihorel (A in its QPV), C in Cléon, D's commune is not recorded.

    Spotted A B D, mobilised A B C D, handed off to the public employment service A,
    CEJ D (see ``scene``)."""
    bihorel = CommuneFactory(code="76095", name="Bihorel")
    cleon = CommuneFactory(code="76178", name="Cléon")
    plateau = QpvFactory(code="QN07610M", name="Plateau", communes=[bihorel])
    y = scene.youths
    for name, commune, qpv in (("A", bihorel, plateau), ("B", bihorel, None), ("C", cleon, None)):
        y[name].residence_commune, y[name].residence_qpv = commune, qpv
        y[name].save()
    return scene


def test_by_commune_of_residence(placed: Scene) -> None:
    report = pic_report(placed.filter())
    rows = {row.label: row.ordered() for row in report.communes}
    assert rows == {
        "Bihorel": [2, 2, 1, 0],
        "Cléon": [0, 1, 0, 0],
        "Commune non renseignée": [1, 1, 0, 1],
    }
    assert report.ordered_totals() == [3, 4, 1, 1]
    assert report.anonymous_contacts == 8


def test_by_qpv_and_rows_add_up(placed: Scene) -> None:
    report = pic_report(placed.filter())
    rows = {row.label: row.ordered() for row in report.qpvs}
    assert rows == {"Plateau": [1, 1, 1, 0], "Hors QPV ou non renseigné": [2, 3, 0, 1]}
    sums = [sum(values) for values in zip(*rows.values(), strict=True)]
    assert sums == report.ordered_totals()


def test_tables_for_export(placed: Scene, coordinator) -> None:
    actor = Actor(coordinator.user, coordinator)
    summary, communes, qpvs = pic_tables(pic_report(placed.filter()), actor)
    assert summary.rows[0][1] == 8
    assert communes.rows[-1] == ["", "Total", 3, 4, 1, 1]
    assert qpvs.headers[1] == "Quartier prioritaire"


def test_a_coordinator_gets_the_figures_linked_to_the_records(
    placed: Scene, as_role, query: str, django_assert_num_queries
) -> None:
    client = as_role(Role.COORDINATOR)
    with django_assert_num_queries(18):
        page = client.get(f"{URL}?programme={placed.programme.pk}&{query}")
    bihorel = page.context["communes"][0][1]
    assert bihorel[0][0] == 2
    assert bihorel[0][1].startswith(reverse("reports:drill", args=["identified"]))
    assert "commune=" in bihorel[0][1]


def test_an_evaluator_gets_the_figures_without_links(placed: Scene, as_role, query: str) -> None:
    page = as_role(Role.EVALUATOR).get(f"{URL}?programme={placed.programme.pk}&{query}")
    assert page.status_code == 200
    assert all(url == "" for _row, cells in page.context["communes"] for _value, url in cells)
    # Every count of 1 to 4 young people is masked (see ``placed``); 8 anonymous contacts
    # and zeros are shown.
    bihorel = [value for value, _url in page.context["communes"][0][1]]
    assert bihorel == ["< 5", "< 5", "< 5", 0]
    assert [value for value, _url in page.context["totals"]] == ["< 5"] * 4
    assert page.context["anonymous_contacts"] == 8


@pytest.mark.parametrize("role", [Role.MEDIATOR, Role.CASE_WORKER, Role.PARTNER, Role.ADMIN])
def test_other_roles_get_a_404(placed: Scene, as_role, role: str, query: str) -> None:
    url = f"{URL}?programme={placed.programme.pk}&{query}"
    assert as_role(role).get(url).status_code == 404
    export = reverse("reports:pic_export", args=["csv"])
    assert as_role(role).get(f"{export}?programme={placed.programme.pk}").status_code == 404


def test_the_csv_export(placed: Scene, as_role, query: str) -> None:
    url = reverse("reports:pic_export", args=["csv"])
    reply = as_role(Role.EVALUATOR).get(
        f"{url}?programme={placed.programme.pk}&{query}&table=communes"
    )
    lines = reply.content.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("Code INSEE;Commune;Jeunes repérés")
    assert "76095;Bihorel;< 5;< 5;< 5;0" in lines  # an evaluator: counts under 5 masked
