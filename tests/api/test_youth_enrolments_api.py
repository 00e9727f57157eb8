import datetime

import pytest

from accroche.access.roles import Role
from accroche.youth.models import Enrolment
from tests.factories.organisations import ProgrammeFactory
from tests.factories.territory import CommuneFactory, DiplomaLevelFactory
from tests.factories.youth import ConsentFactory, EnrolmentFactory, YouthFactory


@pytest.fixture
def rouen():
    return CommuneFactory(code="76540", name="Rouen")


@pytest.fixture
def programme(structure, rouen):
    programme = ProgrammeFactory(lead_structure=structure)
    programme.communes.set([rouen])
    return programme


@pytest.fixture
def youth(structure, rouen):
    """A file whose young person consented to follow-up (an enrolment needs it)."""
    youth = YouthFactory(
        holder_structure=structure,
        birth_date=datetime.date(2005, 6, 1),
        residence_commune=rouen,
        rqth=False,
    )
    ConsentFactory(youth=youth, purpose="follow_up")
    return youth


def post(client, url, data):
    return client.post(url, data, content_type="application/json")


def test_enrol_with_the_situation_at_entry(api_client, member, structure, youth, programme):
    DiplomaLevelFactory(code="infra3", rank=2)
    worker = member(Role.CASE_WORKER, structure)
    response = post(
        api_client(worker),
        f"/api/youth/{youth.pk}/enrolments",
        {
            "programme_id": programme.pk,
            "referent_id": worker.pk,
            "entry_date": "2026-03-15",
            "entry_activity": "neet",
            "entry_diploma_level": "infra3",
            "entry_housing": "friends",
        },
    )
    assert response.status_code == 201
    body = response.json()
    assert (body["eligibility_status"], body["entry_diploma_level"]) == ("eligible", "infra3")
    assert [r["status"] for r in body["eligibility"]["rules"]] == ["met", "met", "met"]
    assert body["referent_history"][0]["to_referent_id"] == worker.pk


def test_enrol_refuses_bad_input_in_french(api_client, member, structure, youth, programme):
    worker = member(Role.CASE_WORKER, structure)
    response = post(
        api_client(worker),
        f"/api/youth/{youth.pk}/enrolments",
        {
            "programme_id": programme.pk,
            "referent_id": worker.pk,
            "entry_date": "2026-03-15",
            "entry_diploma_level": "bac",
        },
    )
    assert response.status_code == 422
    assert response.json()["errors"] == [
        {"field": "entry_diploma_level", "message": "Niveau de diplôme inconnu (infra3, 3 à 8)."}
    ]
    assert not Enrolment.objects.exists()


def test_a_programme_of_others_is_refused_like_a_missing_one(api_client, member, structure, youth):
    worker = member(Role.CASE_WORKER, structure)
    foreign = ProgrammeFactory()
    client = api_client(worker)
    responses = [
        post(
            client,
            f"/api/youth/{youth.pk}/enrolments",
            {"programme_id": pk, "referent_id": worker.pk, "entry_date": "2026-03-15"},
        )
        for pk in (foreign.pk, foreign.pk + 100)
    ]
    assert responses[0].json() == responses[1].json()
    assert responses[0].json()["errors"][0]["field"] == "programme"


def test_change_referent_phase_and_override(api_client, member, structure):
    enrolment = EnrolmentFactory(youth__holder_structure=structure)
    coordinator = member(Role.COORDINATOR, structure)
    client = api_client(coordinator)
    base = f"/api/youth/{enrolment.youth_id}/enrolments/{enrolment.pk}"
    body = post(client, f"{base}/referent", {"referent_id": coordinator.pk, "reason": "Congé"})
    assert body.json()["referent_id"] == coordinator.pk
    assert post(client, f"{base}/phase", {"act": "follow"}).json()["phase"] == "follow_up"
    body = post(
        client, f"{base}/eligibility-override", {"decision": "eligible", "reason": "Comité"}
    ).json()
    assert body["effective_eligibility"] == "eligible"


def test_an_invalid_act_is_refused_in_french(api_client, member, structure):
    enrolment = EnrolmentFactory(youth__holder_structure=structure)
    client = api_client(member(Role.CASE_WORKER, structure))
    response = post(
        client,
        f"/api/youth/{enrolment.youth_id}/enrolments/{enrolment.pk}/phase",
        {"act": "hand_off"},
    )
    assert response.status_code == 422
    assert "n'est pas possible" in response.json()["errors"][0]["message"]


def test_a_case_worker_cannot_override(api_client, member, structure):
    enrolment = EnrolmentFactory(youth__holder_structure=structure)
    client = api_client(member(Role.CASE_WORKER, structure))
    url = f"/api/youth/{enrolment.youth_id}/enrolments/{enrolment.pk}/eligibility-override"
    assert post(client, url, {"decision": "eligible", "reason": "x"}).status_code == 404


def test_evaluate_eligibility_for_a_programme(api_client, member, structure, youth, programme):
    client = api_client(member(Role.CASE_WORKER, structure))
    body = client.get(
        f"/api/youth/{youth.pk}/eligibility",
        {"programme_id": programme.pk, "on": "2026-03-15", "entry_activity": "student"},
    ).json()
    assert body["overall"] == "not_eligible"
    assert {r["code"]: r["status"] for r in body["rules"]}["neet"] == "not_met"


def test_without_situation_the_entry_of_the_enrolment_is_used(
    api_client, member, structure, youth, programme
):
    EnrolmentFactory(
        youth=youth,
        programme=programme,
        entry_activity="neet",
        entry_date=datetime.date(2026, 2, 1),
    )
    client = api_client(member(Role.CASE_WORKER, structure))
    body = client.get(f"/api/youth/{youth.pk}/eligibility", {"programme_id": programme.pk}).json()
    assert (body["on"], body["overall"]) == ("2026-02-01", "eligible")


def test_eligibility_missing_data_is_incomplete(api_client, member, structure, programme, rouen):
    youth = YouthFactory(holder_structure=structure, residence_commune=rouen)
    client = api_client(member(Role.CASE_WORKER, structure))
    body = client.get(f"/api/youth/{youth.pk}/eligibility", {"programme_id": programme.pk}).json()
    assert body["overall"] == "incomplete"


def test_enrolments_of_another_structures_file_are_a_404(
    api_client, member, structure, other_structure
):
    enrolment = EnrolmentFactory(youth__holder_structure=structure)
    client = api_client(member(Role.CASE_WORKER, other_structure))
    assert client.get(f"/api/youth/{enrolment.youth_id}/enrolments").status_code == 404


def test_enrol_without_consent_needs_a_legal_basis(api_client, member, structure, rouen, programme):
    youth = YouthFactory(holder_structure=structure, residence_commune=rouen)
    worker = member(Role.CASE_WORKER, structure)
    client = api_client(worker)
    data = {"programme_id": programme.pk, "referent_id": worker.pk, "entry_date": "2026-03-15"}
    response = post(client, f"/api/youth/{youth.pk}/enrolments", data)
    assert response.status_code == 422
    assert response.json()["errors"] == [
        {
            "field": "legal_basis",
            "message": "Le jeune n'a pas (ou plus) de consentement à l'accompagnement noté sur "
            "sa fiche : notez-le d'abord, ou choisissez la base légale qui permet ce parcours.",
        }
    ]
    assert not Enrolment.objects.exists()
    response = post(
        client, f"/api/youth/{youth.pk}/enrolments", data | {"legal_basis": "legal_obligation"}
    )
    assert response.status_code == 201
    assert response.json()["legal_basis"] == "legal_obligation"
