import datetime

from django.utils import timezone

from accroche.access.roles import Role
from accroche.followup.hours import monday_of
from accroche.followup.models import Action, ActionStatus, Interaction
from tests.factories.followup import (
    ActionFactory,
    AppointmentFactory,
    AttendanceFactory,
    ImmersionFactory,
    InteractionFactory,
)
from tests.factories.youth import ConsentFactory


def post(client, url, data=None):
    return client.post(url, data or {}, content_type="application/json")


def base(youth) -> str:
    return f"/api/followup/youth/{youth.pk}"


def test_an_action_is_added_and_completed(api, youth, mobility):
    response = post(
        api, f"{base(youth)}/actions", {"title": "Code de la route", "domain": "mobilite"}
    )
    assert response.status_code == 201
    assert response.json()["status"] == "planned"
    action = Action.objects.get()
    assert post(api, f"{base(youth)}/actions/{action.pk}/complete").json()["status"] == "done"


def test_an_unknown_domain_is_a_french_422(api, youth):
    response = post(api, f"{base(youth)}/actions", {"title": "X", "domain": "licornes"})
    assert response.status_code == 422
    assert response.json()["errors"] == [
        {"field": "domain", "message": "Domaine inconnu : licornes."}
    ]


def test_an_invalid_act_is_a_french_422_and_changes_nothing(api, youth):
    action = ActionFactory(youth=youth, status=ActionStatus.DROPPED)
    response = post(api, f"{base(youth)}/actions/{action.pk}/start")
    assert response.status_code == 422
    assert "Seule une action prévue peut commencer." in response.json()["errors"][0]["message"]
    action.refresh_from_db()
    assert action.status == ActionStatus.DROPPED


def test_another_structure_gets_404(api_client, member, youth, other_structure):
    client = api_client(member(Role.CASE_WORKER, other_structure))
    assert client.get(f"{base(youth)}/actions").status_code == 404
    assert client.get(f"{base(youth)}/interactions").status_code == 404


def test_partners_get_404(api_client, member, youth, structure):
    client = api_client(member(Role.PARTNER, structure))
    assert client.get(f"{base(youth)}/appointments").status_code == 404


def test_an_interview_updates_the_last_contact(api, youth):
    at = timezone.now().replace(microsecond=0)
    data = {"kind": "interview", "happened_at": at.isoformat(), "duration_minutes": 40}
    assert post(api, f"{base(youth)}/interactions", data).status_code == 201
    youth.refresh_from_db()
    assert youth.last_contact_at == at


def test_a_restricted_note_is_blank_for_other_structures(
    api_client, member, youth, other_structure
):
    ConsentFactory(youth=youth, shared_with=[other_structure])
    InteractionFactory(youth=youth, note="Secret", note_restricted=True)
    client = api_client(member(Role.CASE_WORKER, other_structure))
    [row] = client.get(f"{base(youth)}/interactions").json()
    assert (row["note"], row["note_restricted"]) == ("", True)
    assert Interaction.objects.get().note == "Secret"


def test_appointments_and_their_outcome(api, youth):
    appointment = AppointmentFactory(
        youth=youth, starts_at=timezone.now() - datetime.timedelta(hours=1)
    )
    response = post(
        api, f"{base(youth)}/appointments/{appointment.pk}/outcome", {"outcome": "seen"}
    )
    assert response.json()["outcome"] == "seen"
    assert len(api.get(f"{base(youth)}/appointments").json()) == 1


def test_immersions_are_listed(api, youth):
    ImmersionFactory(youth=youth, company="Leroy Merlin")
    assert api.get(f"{base(youth)}/immersions").json()[0]["company"] == "Leroy Merlin"


def test_weekly_hours_against_the_cej_rhythm(api, youth):
    AttendanceFactory(
        youth=youth,
        status="present",
        session__starts_at=timezone.now(),
        session__duration_minutes=180,
    )
    [week] = api.get(f"{base(youth)}/hours?weeks=1").json()
    assert (week["workshops"], week["band"]) == ("3", "below")


def test_weeks_before_the_entry_are_not_listed_as_below_the_rhythm(api, youth, enrolment):
    enrolment.entry_date = timezone.localdate() - datetime.timedelta(days=7)
    enrolment.save()
    weeks = api.get(f"{base(youth)}/hours?weeks=8").json()
    assert [w["monday"] for w in weeks] == [
        str(monday_of(timezone.localdate())),
        str(monday_of(enrolment.entry_date)),
    ]


def test_an_interview_before_2000_is_a_french_422(api, youth):
    data = {"kind": "interview", "happened_at": "1999-12-31T10:00:00+01:00"}
    response = post(api, f"{base(youth)}/interactions", data)
    assert response.status_code == 422
    assert response.json()["errors"] == [
        {
            "field": "happened_at",
            "message": "Un échange ne peut pas dater d'avant le 1er janvier 2000 : "
            "vérifiez l'année.",
        }
    ]
    assert not Interaction.objects.exists()
