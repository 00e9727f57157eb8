import datetime
import re

from django.urls import reverse

from accroche.access.roles import Role
from accroche.followup.models import HandOff, HandOffStatus, Outcome, Reminder
from accroche.followup.reminders import create_due_reminders
from accroche.organisations.models import StructureKind
from accroche.youth.models import Phase
from tests.factories.followup import HandOffFactory
from tests.factories.organisations import StructureFactory
from tests.factories.youth import ConsentFactory


def test_a_hand_off_is_proposed_then_sent(login, referent, youth):
    client = login(referent.membership)
    client.post(reverse("followup:handoff_create", args=[youth.pk]), {"target": "mission_locale"})
    handoff = HandOff.objects.get()
    client.post(reverse("followup:handoff_move", args=[youth.pk, handoff.pk, "send"]))
    handoff.refresh_from_db()
    assert handoff.status == HandOffStatus.SENT


def test_vers_has_no_default_and_must_be_chosen(login, referent, youth, enrolment):
    client = login(referent.membership)
    page = client.get(reverse("followup:handoff_create", args=[youth.pk])).text
    [select] = re.findall(r'<select name="target".*?</select>', page, re.S)
    # A browser shows the first option as chosen: it must be the empty one.
    first = re.search(r"<option[^>]*>", select)
    assert first is not None
    assert 'value=""' in first.group(0), select
    assert "selected" not in select.replace(first.group(0), "")
    response = client.post(reverse("followup:handoff_create", args=[youth.pk]), {"target": ""})
    assert response.status_code == 200
    assert not HandOff.objects.exists()


def test_a_target_that_does_not_match_the_structure_is_explained_and_kept(
    login, referent, youth, enrolment
):
    mission_locale = StructureFactory(kind=StructureKind.MISSION_LOCALE, name="ML de Rouen")
    response = login(referent.membership).post(
        reverse("followup:handoff_create", args=[youth.pk]),
        {"target": "france_travail", "target_structure": mission_locale.pk, "reason": "RDV"},
    )
    assert response.status_code == 200
    assert "ML de Rouen est une structure de type Mission Locale" in response.text
    assert '<option value="france_travail" selected>' in response.text
    assert not HandOff.objects.exists()


def test_starting_a_refused_hand_off_says_why(login, referent, youth, enrolment):
    handoff = HandOffFactory(enrolment=enrolment, status=HandOffStatus.REFUSED)
    response = login(referent.membership).post(
        reverse("followup:handoff_move", args=[youth.pk, handoff.pk, "start"]), follow=True
    )
    assert "il ne peut pas démarrer" in response.text
    handoff.refresh_from_db()
    assert handoff.status == HandOffStatus.REFUSED


def test_the_receiving_structure_answers_without_seeing_the_name(
    login, member, enrolment, other_structure
):
    handoff = HandOffFactory(
        enrolment=enrolment, target_structure=other_structure, status=HandOffStatus.SENT,
        sent_on=datetime.date(2026, 3, 1),
    )  # fmt: skip
    client = login(member(Role.PARTNER, other_structure))
    page = client.get(reverse("followup:received")).text
    assert "Jeune suivi par Prévention Seine" in page
    assert "Aya" not in page
    client.post(reverse("followup:received_move", args=[handoff.pk, "acknowledge"]))
    handoff.refresh_from_db()
    assert handoff.status == HandOffStatus.ACKNOWLEDGED


def test_with_a_sharing_consent_the_name_shows(login, member, youth, enrolment, other_structure):
    ConsentFactory(youth=youth, shared_with=[other_structure])
    HandOffFactory(enrolment=enrolment, target_structure=other_structure, status=HandOffStatus.SENT)
    page = login(member(Role.CASE_WORKER, other_structure)).get(reverse("followup:received")).text
    assert "Aya" in page


def test_the_receiving_structure_cannot_cancel(login, member, enrolment, other_structure):
    handoff = HandOffFactory(
        enrolment=enrolment, target_structure=other_structure, status=HandOffStatus.SENT
    )
    client = login(member(Role.PARTNER, other_structure))
    client.post(reverse("followup:received_move", args=[handoff.pk, "cancel"]))
    handoff.refresh_from_db()
    assert handoff.status == HandOffStatus.SENT


def test_another_structure_sees_nothing_it_did_not_receive(
    login, member, enrolment, other_structure
):
    handoff = HandOffFactory(enrolment=enrolment, status=HandOffStatus.SENT)
    client = login(member(Role.PARTNER, other_structure))
    url = reverse("followup:received_move", args=[handoff.pk, "acknowledge"])
    assert client.post(url).status_code == 404


def test_an_exit_is_recorded_from_the_page(login, referent, youth, enrolment):
    client = login(referent.membership)
    assert client.get(reverse("followup:exit_create", args=[youth.pk])).status_code == 200
    data = {"enrolment": enrolment.pk, "kind": "cej", "exited_on": "2026-03-20"}
    client.post(reverse("followup:exit_create", args=[youth.pk]), data)
    enrolment.refresh_from_db()
    assert (enrolment.phase, Outcome.objects.get().kind) == (Phase.EXITED, "cej")


def test_a_reminder_is_closed_and_the_referent_comes_back(login, referent, youth, enrolment):
    HandOffFactory(
        enrolment=enrolment, status=HandOffStatus.STARTED, sent_on=datetime.date(2025, 1, 6)
    )
    create_due_reminders()
    client = login(referent.membership)
    page = reverse("followup:page", args=[youth.pk])
    assert "Relais : faire le point à 3 mois" in client.get(page).text
    reminder = Reminder.objects.filter(kind="handoff_check_3m").get()
    response = client.post(reverse("followup:reminder_done", args=[reminder.pk]), {"next": page})
    assert response.url == page
    reminder.refresh_from_db()
    assert reminder.done_at is not None


def test_closing_a_reminder_never_redirects_elsewhere(login, referent, youth, enrolment):
    HandOffFactory(
        enrolment=enrolment, status=HandOffStatus.SENT, sent_on=datetime.date(2025, 1, 6)
    )
    create_due_reminders()
    reminder = Reminder.objects.first()
    response = login(referent.membership).post(
        reverse("followup:reminder_done", args=[reminder.pk]), {"next": "https://evil.example/"}
    )
    assert response.url == reverse("www:home")


def test_someone_else_cannot_close_a_referents_reminder(login, member, structure, enrolment):
    HandOffFactory(
        enrolment=enrolment, status=HandOffStatus.SENT, sent_on=datetime.date(2025, 1, 6)
    )
    create_due_reminders()
    reminder = Reminder.objects.first()
    client = login(member(Role.CASE_WORKER, structure))
    assert client.post(reverse("followup:reminder_done", args=[reminder.pk])).status_code == 404
