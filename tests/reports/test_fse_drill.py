# Fixtures imported from conftest_b are re-bound as test arguments.
# ruff: noqa: F811
from django.urls import reverse

from accroche.access.roles import Role
from accroche.youth.models import Gender
from tests.factories.youth import ConsentFactory
from tests.reports.conftest_b import FseScene, as_role, fse_programme, fse_scene  # noqa: F401


def _drill(client, scene: FseScene, key: str, gender: str = ""):
    url = reverse("reports:fse_drill", args=[key]) + f"?{scene.query()}"
    return client.get(url + (f"&genre={gender}" if gender else ""))


def _names(page) -> set[str]:
    return {youth.first_name for youth in page.context["drilled"].rows}


def test_each_count_lists_the_people_it_counts(fse_scene: FseScene, as_role) -> None:
    client = as_role(Role.COORDINATOR)
    assert _names(_drill(client, fse_scene, "total")) == {
        f"Prénom{n}" for n in ["W1", "W2", "M1", "M2", "N"]
    }
    assert _names(_drill(client, fse_scene, "total", Gender.WOMAN)) == {"PrénomW1", "PrénomW2"}
    assert _names(_drill(client, fse_scene, "housing_exclusion")) == {"PrénomW1", "PrénomM1"}
    assert _names(_drill(client, fse_scene, "left_employment")) == {"PrénomM1", "PrénomE"}


def test_the_page_links_every_count_to_its_records(fse_scene: FseScene, as_role) -> None:
    page = as_role(Role.COORDINATOR).get(f"{reverse('reports:fse')}?{fse_scene.query()}")
    text = page.content.decode()
    assert reverse("reports:fse_drill", args=["disability"]) in text
    assert "genre=woman" in text


def test_evaluators_see_figures_but_no_record(fse_scene: FseScene, as_role) -> None:
    client = as_role(Role.EVALUATOR)
    page = client.get(f"{reverse('reports:fse')}?{fse_scene.query()}")
    assert reverse("reports:fse_drill", args=["total"]) not in page.content.decode()
    assert _drill(client, fse_scene, "total").status_code == 404


def test_files_another_structure_holds_are_counted_not_shown(
    fse_scene: FseScene, as_role, other_structure
) -> None:
    ConsentFactory(youth=fse_scene.youths["W1"], purpose="sharing", shared_with=[other_structure])
    page = _drill(as_role(Role.COORDINATOR, other_structure), fse_scene, "total", Gender.WOMAN)
    drilled = page.context["drilled"]
    assert (drilled.total, drilled.visible) == (2, 1)
    assert _names(page) == {"PrénomW1"}
    assert "PrénomW2" not in page.content.decode()


def test_unknown_lines_genders_and_unavailable_figures_are_404(
    fse_scene: FseScene, as_role
) -> None:
    client = as_role(Role.COORDINATOR)
    assert _drill(client, fse_scene, "nope").status_code == 404
    assert _drill(client, fse_scene, "total", "robot").status_code == 404
    assert _drill(client, fse_scene, "rural").status_code == 404
