from decimal import Decimal

from accroche.access.roles import Role
from accroche.organisations.models import Participation
from tests.factories.organisations import ParticipationFactory, StructureFactory


def _get(client, path, scene, query):
    return client.get(f"/api/reports/{path}?programme={scene.programme.pk}&{query}")


def test_the_funnel_through_the_api(scene, coordinator, api_client, query):
    body = _get(api_client(coordinator), "funnel", scene, query).json()
    stages = {s["key"]: (s["value"], s["target"]) for s in body["stages"]}
    assert stages["enrolled"] == (4, 8)
    assert stages["contacts"] == (8, None)


def test_the_api_takes_the_same_filters(scene, coordinator, api_client, query):
    body = _get(api_client(coordinator), "funnel", scene, f"{query}&gender=woman").json()
    assert {s["key"]: s["value"] for s in body["stages"]}["identified"] == 2


def test_the_indicators_through_the_api(scene, coordinator, api_client, query):
    body = _get(api_client(coordinator), "indicators", scene, query).json()
    assert body["durations"][0]["median"] == 25
    assert body["activity"]["attendance_rate"] == 33
    assert Decimal(body["budget"][0]["remaining"]) == Decimal("750")
    assert Decimal(body["cost_per_youth"]) == Decimal("12000")


def test_an_evaluator_of_the_programme_reads_the_aggregates(scene, member, api_client, query):
    evaluators = StructureFactory()
    kind = Participation.Kind.EVALUATOR
    ParticipationFactory(programme=scene.programme, structure=evaluators, kind=kind)
    response = _get(api_client(member(Role.EVALUATOR, evaluators)), "funnel", scene, query)
    assert response.status_code == 200


def test_a_structure_outside_the_programme_gets_an_error(scene, member, api_client, query):
    client = api_client(member(Role.COORDINATOR, StructureFactory()))
    response = _get(client, "funnel", scene, query)
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "programme"


def test_the_planning_through_the_api(scene, coordinator, api_client, query):
    assert _get(api_client(coordinator), "planning", scene, f"{query}&season=spring").json() == []
    response = _get(api_client(coordinator), "planning", scene, f"{query}&season=monsoon")
    assert response.status_code == 422
