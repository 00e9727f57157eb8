import pytest

from accroche.access.roles import Role
from tests.factories.territory import CommuneFactory
from tests.factories.youth import EnrolmentFactory, YouthFactory


def ids(client, **params):
    response = client.get("/api/youth/mine", params)
    assert response.status_code == 200
    return [row["id"] for row in response.json()]


def test_a_case_worker_gets_their_youths_by_default(api_client, member, structure):
    me = member(Role.CASE_WORKER, structure)
    mine = EnrolmentFactory(youth__holder_structure=structure, referent=me)
    other = EnrolmentFactory(youth__holder_structure=structure)
    client = api_client(me)
    assert ids(client) == [mine.youth_id]
    assert sorted(ids(client, mine="false")) == sorted([mine.youth_id, other.youth_id])


def test_rows_carry_the_current_enrolment(api_client, member, structure):
    me = member(Role.CASE_WORKER, structure)
    enrolment = EnrolmentFactory(youth__holder_structure=structure, referent=me, phase="hand_off")
    row = api_client(me).get("/api/youth/mine").json()[0]
    assert (row["current_phase"], row["current_referent_id"]) == ("hand_off", me.pk)
    assert row["current_programme"] == enrolment.programme.name


def test_filters(api_client, member, structure):
    rouen = CommuneFactory(code="76540", name="Rouen")
    here = YouthFactory(holder_structure=structure, residence_commune=rouen)
    YouthFactory(holder_structure=structure)
    client = api_client(member(Role.COORDINATOR, structure))
    assert ids(client, commune="76540") == [here.pk]
    assert ids(client, commune="76540", no_contact_days=7) == [here.pk]


@pytest.mark.parametrize(
    ("params", "field"),
    [({"commune": "99999"}, "commune"), ({"qpv": "QN0"}, "qpv"), ({"phase": "x"}, "phase")],
)
def test_unknown_filters_are_refused_in_french(api_client, member, structure, params, field):
    response = api_client(member(Role.COORDINATOR, structure)).get("/api/youth/mine", params)
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == field


@pytest.mark.parametrize("role", [Role.PARTNER, Role.EVALUATOR, Role.ADMIN])
def test_roles_without_file_access_get_a_404(api_client, member, structure, role):
    assert api_client(member(role, structure)).get("/api/youth/mine").status_code == 404
