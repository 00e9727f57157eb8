# Fixtures imported from conftest_b are re-bound as test arguments.
# ruff: noqa: F811
import datetime
import io

import openpyxl
import pytest
from django.urls import reverse

from accroche.access.models import AuditEvent
from accroche.access.roles import Role
from tests.factories.youth import EnrolmentFactory
from tests.reports.conftest_b import FseScene, as_role, fse_programme, fse_scene  # noqa: F401

URL = reverse("reports:fse")


def test_a_coordinator_sees_the_indicators_and_the_listing(
    fse_scene: FseScene, as_role, django_assert_num_queries
) -> None:
    client = as_role(Role.COORDINATOR)
    with django_assert_num_queries(10):
        page = client.get(f"{URL}?{fse_scene.query()}")
    text = page.content.decode()
    assert "Nombre total de participants" in text
    assert "Liste des participants" in text
    assert page.context["report"].line("total").total == 5
    assert len(page.context["listing"].rows) == 6  # W1 W2 M1 M2 N E; not S nor L
    assert "PrénomW1" not in text
    assert "jeunew1@exemple.fr" not in text


def test_the_page_costs_the_same_queries_with_more_participants(
    fse_scene: FseScene, as_role, django_assert_num_queries
) -> None:
    for i in range(4):
        EnrolmentFactory(programme=fse_scene.programme, entry_date=datetime.date(2026, 3, 3 + i))
    client = as_role(Role.COORDINATOR)
    with django_assert_num_queries(10):
        page = client.get(f"{URL}?{fse_scene.query()}")
    assert page.context["report"].line("total").total == 5 + 4


def test_an_evaluator_sees_aggregates_but_not_the_listing(fse_scene: FseScene, as_role) -> None:
    page = as_role(Role.EVALUATOR).get(f"{URL}?{fse_scene.query()}")
    assert page.status_code == 200
    assert page.context["listing"] is None
    assert "Liste des participants" not in page.content.decode()


def test_an_evaluator_sees_counts_under_5_masked(fse_scene: FseScene, as_role) -> None:
    """Entrants: women 2, men 2, non-binary 1, total 5; leavers: women 2, man 1,
    non-binary 1, total 4; one entry too short (see fse_scene)."""
    page = as_role(Role.EVALUATOR).get(f"{URL}?{fse_scene.query()}")
    entry, leaving = page.context["sections"][0][1], page.context["sections"][1][1]
    assert (entry[0].cells, entry[0].total) == (
        [("woman", "< 5"), ("man", "< 5"), ("non_binary", "< 5"), ("not_stated", 0)],
        5,
    )
    assert leaving[0].total == "< 5"
    assert page.context["people"] == {"entrants": 5, "leavers": "< 5", "too_short": "< 5"}
    text = page.content.decode()
    assert '<td class="num">&lt; 5</td>' in text
    assert '<td class="num">2</td>' not in text


def test_the_indicator_download_masks_them_too(fse_scene: FseScene, as_role) -> None:
    url = reverse("reports:fse_export", args=["csv"])
    text = as_role(Role.EVALUATOR).get(f"{url}?{fse_scene.query()}&table=entry")
    rows = text.content.decode("utf-8-sig").splitlines()
    assert rows[1].split(";")[:6] == ["Nombre total de participants", "< 5", "< 5", "< 5", "0", "5"]


@pytest.mark.parametrize(
    "role", [Role.MEDIATOR, Role.CASE_WORKER, Role.PARTNER, Role.ADMIN, Role.DPO]
)
def test_other_roles_get_a_404(fse_scene: FseScene, as_role, role: str) -> None:
    assert as_role(role).get(f"{URL}?{fse_scene.query()}").status_code == 404


def test_a_coordinator_outside_the_programme_gets_a_404(fse_scene: FseScene, as_role) -> None:
    from tests.factories.organisations import StructureFactory

    client = as_role(Role.COORDINATOR, StructureFactory())
    assert client.get(f"{URL}?{fse_scene.query()}").status_code == 404


def test_the_listing_as_xlsx_is_audited(fse_scene: FseScene, as_role) -> None:
    url = reverse("reports:fse_export", args=["xlsx"])
    reply = as_role(Role.COORDINATOR).get(f"{url}?{fse_scene.query()}&table=participants")
    sheet = openpyxl.load_workbook(io.BytesIO(reply.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("Identifiant (pseudonyme)", "Date d'entrée", "Date de sortie")
    assert len(rows) == 1 + 6
    event = AuditEvent.objects.get(action=AuditEvent.Action.EXPORT)
    assert len(event.object_ids) == 6
    assert event.fields == ["fse_participants"]


def test_an_evaluator_may_not_export_the_listing(fse_scene: FseScene, as_role) -> None:
    url = reverse("reports:fse_export", args=["csv"])
    client = as_role(Role.EVALUATOR)
    assert client.get(f"{url}?{fse_scene.query()}&table=participants").status_code == 404
    assert client.get(f"{url}?{fse_scene.query()}&table=entry").status_code == 200


def test_every_indicator_table_exports_with_its_figures(fse_scene: FseScene, as_role) -> None:
    url = reverse("reports:fse_export", args=["xlsx"])
    reply = as_role(Role.EVALUATOR).get(f"{url}?{fse_scene.query()}")
    book = openpyxl.load_workbook(io.BytesIO(reply.content))
    assert len(book.sheetnames) == 3  # entry, leaving, six months: no listing
    first = list(book.worksheets[0].iter_rows(values_only=True))
    assert first[0][:5] == ("Indicateur", "Femmes", "Hommes", "Non-binaires", "Genre non précisé")
    assert first[1][:6] == ("Nombre total de participants", "< 5", "< 5", "< 5", 0, 5)


def test_tabs_follow_the_role(fse_scene: FseScene, as_role) -> None:
    evaluator = as_role(Role.EVALUATOR).get(f"{URL}?{fse_scene.query()}").content.decode()
    coordinator = as_role(Role.COORDINATOR).get(f"{URL}?{fse_scene.query()}").content.decode()
    assert reverse("reports:evaluation") in evaluator
    assert reverse("reports:committee") not in evaluator
    assert reverse("reports:committee") in coordinator


def test_the_page_shows_the_first_participants_the_file_has_all(
    fse_scene: FseScene, as_role, monkeypatch
) -> None:
    monkeypatch.setattr("accroche.www.reports_views.fse.LISTING_SHOWN", 2)
    page = as_role(Role.COORDINATOR).get(f"{URL}?{fse_scene.query()}")
    assert len(page.context["listing_rows"]) == 2
    assert "Les 2 premiers participants sur 6" in page.content.decode()
