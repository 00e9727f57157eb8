# Fixtures imported from conftest_b are re-bound as test arguments.
# ruff: noqa: F811
from collections.abc import Callable

from django.test import Client

from accroche.access.roles import Role
from accroche.organisations.models import Membership
from tests.reports.conftest_b import FSE_QUERY, FseScene, fse_programme, fse_scene  # noqa: F401


def test_the_fse_indicators_as_json(
    fse_scene: FseScene, member, structure, api_client: Callable[[Membership], Client]
) -> None:
    client = api_client(member(Role.EVALUATOR, structure))
    body = client.get(
        f"/api/funder-reports/fse?programme={fse_scene.programme.pk}&{FSE_QUERY}"
    ).json()
    # An evaluator reads no file: counts of 1 to 4 people are "< 5", zero and 5 are shown.
    assert (body["entrants"], body["leavers"], body["not_participants"]) == (5, "< 5", "< 5")
    total = body["sections"][0]["lines"][0]
    assert total["by_gender"] == {
        "woman": "< 5",
        "man": "< 5",
        "non_binary": "< 5",
        "not_stated": 0,
    }
    assert total["total"] == 5
    rural = next(line for line in body["sections"][0]["lines"] if line["key"] == "rural")
    assert (rural["available"], rural["total"]) == (False, None)


def test_a_coordinator_gets_the_small_counts(
    fse_scene: FseScene, member, structure, api_client: Callable[[Membership], Client]
) -> None:
    client = api_client(member(Role.COORDINATOR, structure))
    body = client.get(
        f"/api/funder-reports/fse?programme={fse_scene.programme.pk}&{FSE_QUERY}"
    ).json()
    assert (body["entrants"], body["leavers"], body["not_participants"]) == (5, 4, 1)
    total = body["sections"][0]["lines"][0]
    assert total["by_gender"] == {"woman": 2, "man": 2, "non_binary": 1, "not_stated": 0}


def test_the_pic_figures_as_json(fse_scene: FseScene, member, structure, api_client) -> None:
    client = api_client(member(Role.COORDINATOR, structure))
    body = client.get(
        f"/api/funder-reports/pic?programme={fse_scene.programme.pk}&{FSE_QUERY}"
    ).json()
    assert body["totals"]["enrolled"] == 6  # W1 W2 M1 M2 N S entered; E before, L after


def test_the_pic_figures_masked_for_an_evaluator(
    fse_scene: FseScene, member, structure, api_client
) -> None:
    client = api_client(member(Role.EVALUATOR, structure))
    body = client.get(
        f"/api/funder-reports/pic?programme={fse_scene.programme.pk}&{FSE_QUERY}"
    ).json()
    # No commune recorded: one row, the totals'. Six entered (shown); one entered the CEJ
    # (N's exit, 1 May): masked; nobody spotted nor handed off: zero is shown.
    figures = {"identified": 0, "enrolled": 6, "handed_off_spe": 0, "cej": "< 5"}
    assert body["totals"] == figures
    assert [row["figures"] for row in body["communes"]] == [figures]
    assert [row["figures"] for row in body["qpvs"]] == [figures]


def test_other_roles_get_a_404(fse_scene: FseScene, member, structure, api_client) -> None:
    client = api_client(member(Role.CASE_WORKER, structure))
    reply = client.get(f"/api/funder-reports/fse?programme={fse_scene.programme.pk}")
    assert reply.status_code == 404
