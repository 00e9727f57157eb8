import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from accroche.access.roles import Role
from accroche.followup.models import Action, ActionStatus, Appointment, Immersion, Interaction
from tests.factories.followup import ActionFactory, AppointmentFactory, ImmersionFactory


@pytest.fixture
def client(login, referent):
    return login(referent.membership)


def go(name: str, youth, *args) -> str:
    return reverse(f"followup:{name}", args=[youth.pk, *args])


def test_an_interview_is_recorded_from_the_page(client, youth):
    when = timezone.localtime().strftime("%Y-%m-%dT%H:%M")
    data = {"kind": "interview", "happened_at": when, "duration_minutes": "45", "note": "Motivé."}
    response = client.post(go("interaction_create", youth), data)
    assert response.url == go("page", youth) + "#echanges"
    assert Interaction.objects.get().note == "Motivé."


def test_a_bad_interview_keeps_what_was_typed(client, youth):
    later = (timezone.localtime() + datetime.timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    data = {"kind": "interview", "happened_at": later, "note": "Une note à garder"}
    page = client.post(go("interaction_create", youth), data).text
    assert "la date est dans le futur" in page
    assert "Une note à garder" in page
    assert not Interaction.objects.exists()


def test_the_interview_form_shows(client, youth):
    page = client.get(go("interaction_create", youth)).text
    assert "Note réservée à ma structure" in page


def test_another_structure_cannot_record(login, member, youth, other_structure):
    client = login(member(Role.CASE_WORKER, other_structure))
    assert client.get(go("interaction_create", youth)).status_code == 404
    assert client.post(go("action_create", youth), {}).status_code == 404


def test_an_action_is_added_from_the_page(client, youth, mobility, referent):
    data = {"title": "Code de la route", "category": mobility.pk, "owner": referent.membership.pk}
    response = client.post(go("action_create", youth), data)
    assert response.status_code == 302
    assert Action.objects.get().title == "Code de la route"


def test_the_action_form_shows_its_choices(client, youth, mobility):
    page = client.get(go("action_create", youth)).text
    assert "Mobilité" in page


def test_an_action_is_closed_by_a_button(client, youth):
    action = ActionFactory(youth=youth)
    client.post(go("action_move", youth, action.pk, "complete"))
    action.refresh_from_db()
    assert action.status == ActionStatus.DONE


def test_an_impossible_act_says_why_in_french(client, youth):
    action = ActionFactory(youth=youth, status=ActionStatus.DONE)
    response = client.post(go("action_move", youth, action.pk, "drop"), follow=True)
    assert "Cette action est close" in response.text


def test_acts_are_posted_only(client, youth):
    action = ActionFactory(youth=youth)
    assert client.get(go("action_move", youth, action.pk, "complete")).status_code == 405


def test_an_appointment_is_planned_then_its_outcome_noted(client, youth):
    later = (timezone.localtime() + datetime.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    data = {"starts_at": later, "place": "Mission Locale", "with_whom": "Mme Dubois"}
    client.post(go("appointment_create", youth), data)
    appointment = Appointment.objects.get()
    client.post(go("appointment_outcome", youth, appointment.pk, "excused"))
    appointment.refresh_from_db()
    assert appointment.outcome == "excused"


def test_an_appointment_of_another_file_is_a_404(client, youth):
    other = AppointmentFactory()
    assert client.post(go("appointment_outcome", youth, other.pk, "seen")).status_code == 404


def test_an_immersion_and_its_review(client, youth, time_machine):
    time_machine.move_to(datetime.datetime(2026, 3, 20, 10, tzinfo=datetime.UTC))
    data = {"company": "Leroy Merlin", "start_on": "2026-03-02", "end_on": "2026-03-13"}
    client.post(go("immersion_create", youth), data | {"daily_hours": "7", "tutor_name": "M. Roy"})
    immersion = Immersion.objects.get()
    client.post(go("immersion_review", youth, immersion.pk), {"review": "confirmed"})
    immersion.refresh_from_db()
    assert immersion.review == "confirmed"


def test_the_review_form_shows(client, youth):
    page = client.get(go("immersion_review", youth, ImmersionFactory(youth=youth).pk)).text
    assert "Ce que retient le bilan" in page


def test_an_interview_before_2000_is_refused_and_the_form_kept(client, youth):
    data = {"kind": "interview", "happened_at": "1926-03-01T10:00", "note": "Une note à garder"}
    page = client.post(go("interaction_create", youth), data).text
    assert "avant le 1er janvier 2000" in page
    assert "Une note à garder" in page
    assert not Interaction.objects.exists()
