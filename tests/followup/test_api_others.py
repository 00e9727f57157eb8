import datetime
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from accroche.access.roles import Role
from accroche.followup.models import AidStatus, HandOffStatus, WorkshopSession
from accroche.followup.reminders import create_due_reminders
from accroche.organisations.models import StructureKind
from accroche.youth.models import Phase
from tests.factories.followup import (
    AidFactory,
    AttendanceFactory,
    BudgetLineFactory,
    HandOffFactory,
    OutcomeFactory,
    WorkshopFactory,
    WorkshopSessionFactory,
)
from tests.factories.organisations import StructureFactory


def post(client, url, data=None):
    return client.post(url, data or {}, content_type="application/json")


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def coordinator_api(api_client, member, structure):
    return api_client(member(Role.COORDINATOR, structure))


def test_a_workshop_its_session_a_registration_and_attendance(api, youth, programme):
    created = post(
        api,
        "/api/followup/workshops",
        {"programme_id": programme.pk, "title": "Boxe", "kind": "sport", "capacity": 10},
    )
    assert created.status_code == 201
    workshop_id = created.json()["id"]
    start = (timezone.now() - datetime.timedelta(hours=2)).isoformat()
    session = post(
        api,
        f"/api/followup/workshops/{workshop_id}/sessions",
        {"starts_at": start, "duration_minutes": 120},
    ).json()
    attendance = post(
        api, f"/api/followup/sessions/{session['id']}/registrations", {"youth_id": youth.pk}
    )
    assert attendance.status_code == 201
    marked = post(
        api,
        f"/api/followup/sessions/{session['id']}/attendances/{attendance.json()['id']}",
        {"status": "present"},
    )
    assert marked.json()["status"] == "present"
    detail = api.get(f"/api/followup/workshops/{workshop_id}").json()
    assert detail["sessions"][0]["present"] == 1


def test_a_full_session_is_a_french_422(api, youth, programme):
    session = WorkshopSessionFactory(workshop=WorkshopFactory(programme=programme, capacity=1))
    AttendanceFactory(session=session)
    response = post(
        api, f"/api/followup/sessions/{session.pk}/registrations", {"youth_id": youth.pk}
    )
    assert response.status_code == 422
    assert "complète" in response.json()["errors"][0]["message"]


def test_other_programmes_workshops_are_404(api):
    session = WorkshopSessionFactory()
    assert api.get(f"/api/followup/workshops/{session.workshop_id}").status_code == 404
    assert api.get(f"/api/followup/sessions/{session.pk}/attendances").status_code == 404
    assert WorkshopSession.objects.count() == 1


def test_aid_request_approve_pay_and_receipt(api, coordinator_api, youth, programme):
    line = BudgetLineFactory(programme=programme, envelope=Decimal("500"))
    aid = post(
        api,
        f"/api/followup/youth/{youth.pk}/aids",
        {"budget_line_id": line.pk, "amount": "380", "reason": "Permis AM"},
    ).json()
    assert [a["id"] for a in coordinator_api.get("/api/followup/aids/to-decide").json()] == [
        aid["id"]
    ]
    assert (
        post(coordinator_api, f"/api/followup/aids/{aid['id']}/approve").json()["status"]
        == "approved"
    )
    assert post(coordinator_api, f"/api/followup/aids/{aid['id']}/pay").json()["status"] == "paid"
    upload = SimpleUploadedFile("recu.pdf", b"%PDF-1.4 test", content_type="application/pdf")
    response = api.post(
        f"/api/followup/youth/{youth.pk}/aids/{aid['id']}/receipt", {"receipt": upload}
    )
    assert response.json()["has_receipt"] is True


def test_paying_an_unapproved_aid_is_a_french_422(coordinator_api, programme):
    aid = AidFactory(budget_line=BudgetLineFactory(programme=programme))
    response = post(coordinator_api, f"/api/followup/aids/{aid.pk}/pay")
    assert response.status_code == 422
    assert "une fois accordée" in response.json()["errors"][0]["message"]
    aid.refresh_from_db()
    assert aid.status == AidStatus.REQUESTED


def test_a_case_worker_cannot_decide(api, programme):
    aid = AidFactory(budget_line=BudgetLineFactory(programme=programme))
    assert post(api, f"/api/followup/aids/{aid.pk}/approve").status_code == 404


def test_budget_lines_are_created_by_the_lead_coordinator(coordinator_api, api, programme):
    data = {
        "programme_id": programme.pk,
        "year": 2026,
        "label": "Permis AM",
        "kind": "moped_licence",
        "envelope": "6000",
        "unit_quota": 15,
    }
    assert post(coordinator_api, "/api/followup/budget-lines", data).status_code == 201
    assert post(api, "/api/followup/budget-lines", data).status_code == 404
    assert Decimal(api.get("/api/followup/budget-lines").json()[0]["remaining"]) == 6000


def test_a_target_that_does_not_match_the_structure_is_a_422(api, youth):
    mission_locale = StructureFactory(kind=StructureKind.MISSION_LOCALE, name="ML de Rouen")
    url = f"/api/followup/youth/{youth.pk}/handoffs"
    data = {"target": "france_travail", "target_structure_id": mission_locale.pk}
    response = post(api, url, data)
    assert response.status_code == 422
    assert "est une structure de type Mission Locale" in response.json()["errors"][0]["message"]
    assert post(api, url, data | {"target": "mission_locale"}).status_code == 201


def test_a_hand_off_is_proposed_sent_then_refused(api, youth):
    handoff = post(api, f"/api/followup/youth/{youth.pk}/handoffs", {"target": "cej"}).json()
    url = f"/api/followup/youth/{youth.pk}/handoffs/{handoff['id']}"
    assert post(api, f"{url}/send").json()["status"] == "sent"
    refused = post(api, f"{url}/refuse", {"reason": "Complet"}).json()
    assert (refused["status"], refused["refusal_reason"]) == ("refused", "Complet")
    started = post(api, f"{url}/start")
    assert started.status_code == 422
    assert "il ne peut pas démarrer" in started.json()["errors"][0]["message"]


def test_the_receiving_structure_answers(api_client, member, enrolment, other_structure):
    handoff = HandOffFactory(
        enrolment=enrolment, target_structure=other_structure, status=HandOffStatus.SENT
    )
    client = api_client(member(Role.PARTNER, other_structure))
    [row] = client.get("/api/followup/handoffs/received").json()
    assert row["youth_id"] is None
    assert (
        post(client, f"/api/followup/handoffs/received/{handoff.pk}/acknowledge").json()["status"]
        == "acknowledged"
    )


def test_an_exit_and_its_follow_up(api, youth, enrolment, time_machine):
    response = post(api, f"/api/followup/youth/{youth.pk}/exits", {"kind": "apprenticeship"})
    assert response.status_code == 201
    assert response.json()["positive"] is True
    enrolment.refresh_from_db()
    assert enrolment.phase == Phase.EXITED
    time_machine.move_to(timezone.now() + datetime.timedelta(days=200))
    followup = post(
        api,
        f"/api/followup/youth/{youth.pk}/exits/{response.json()['id']}/followup",
        {"situation": "employed"},
    )
    assert followup.json()["followup_situation"] == "employed"


def test_reminders_and_alerts(api, youth, enrolment):
    OutcomeFactory(
        enrolment__youth=youth,
        enrolment__referent=enrolment.referent,
        youth=youth,
        exited_on=datetime.date(2025, 1, 5),
    )
    create_due_reminders()
    [reminder] = api.get("/api/followup/reminders").json()
    assert reminder["kind"] == "exit_followup_6m"
    assert reminder["id"] in api.get("/api/followup/alerts").json()["reminders"]
    assert post(api, f"/api/followup/reminders/{reminder['id']}/done").status_code == 200
    assert api.get("/api/followup/reminders").json() == []
