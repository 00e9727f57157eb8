import datetime

import pytest
from django.core.exceptions import ValidationError

from accroche.access.roles import Role
from accroche.followup.handoffs import (
    do_move_handoff,
    do_propose_handoff,
    do_record_check,
    get_received_handoff,
    is_late,
    received_handoffs,
)
from accroche.followup.models import HandOff, HandOffStatus, HandOffTarget
from accroche.organisations.models import StructureKind
from accroche.youth.models import Phase
from tests.factories.followup import HandOffFactory
from tests.factories.organisations import StructureFactory

TODAY = datetime.date(2026, 5, 4)
S = HandOffStatus


@pytest.fixture(autouse=True)
def _frozen(time_machine):
    time_machine.move_to(datetime.datetime(2026, 5, 4, 10, tzinfo=datetime.UTC))


def test_a_hand_off_is_proposed_in_an_enrolment(referent, youth, enrolment):
    data = {"enrolment": enrolment, "target": HandOffTarget.CEJ, "reason": "Entrée en CEJ."}
    handoff = do_propose_handoff(referent, youth, data)
    assert (handoff.status, handoff.proposed_on) == (S.PROPOSED, TODAY)


def test_it_needs_an_enrolment(referent, youth):
    with pytest.raises(ValidationError, match="parcours"):
        do_propose_handoff(referent, youth, {"target": HandOffTarget.CEJ})
    assert not HandOff.objects.exists()


@pytest.mark.parametrize(
    ("target", "kind", "ok"),
    [
        (HandOffTarget.MISSION_LOCALE, StructureKind.MISSION_LOCALE, True),
        (HandOffTarget.CEJ, StructureKind.FRANCE_TRAVAIL, True),
        (HandOffTarget.HOUSING, StructureKind.ASSOCIATION, True),
        (HandOffTarget.FRANCE_TRAVAIL, StructureKind.MISSION_LOCALE, False),
        (HandOffTarget.SIAE, StructureKind.ASSOCIATION, False),
        (HandOffTarget.PARTNER, StructureKind.MISSION_LOCALE, False),
    ],
)
def test_the_target_matches_the_receiving_structure(referent, youth, enrolment, target, kind, ok):
    receiver = StructureFactory(kind=kind, name="Réceptrice")
    data = {"enrolment": enrolment, "target": target, "target_structure": receiver}
    if ok:
        assert do_propose_handoff(referent, youth, data).target_structure == receiver
        return
    with pytest.raises(ValidationError) as caught:
        do_propose_handoff(referent, youth, data)
    [message] = caught.value.message_dict["target"]
    assert "Réceptrice" in message
    assert str(receiver.get_kind_display()) in message
    assert not HandOff.objects.exists()


def test_the_whole_path(referent, enrolment):
    handoff = HandOffFactory(enrolment=enrolment)
    for act in ("send", "acknowledge", "start"):
        do_move_handoff(referent, handoff, act)
    handoff.refresh_from_db()
    assert (handoff.status, handoff.sent_on, handoff.started_on) == (S.STARTED, TODAY, TODAY)


def test_starting_a_refused_hand_off_changes_nothing(referent, enrolment):
    handoff = HandOffFactory(enrolment=enrolment, status=S.REFUSED, refused_on=TODAY)
    with pytest.raises(ValidationError, match="a été refusé : il ne peut pas démarrer"):
        do_move_handoff(referent, handoff, "start")
    handoff.refresh_from_db()
    assert (handoff.status, handoff.started_on) == (S.REFUSED, None)


def test_a_refusal_needs_a_reason(referent, enrolment):
    handoff = HandOffFactory(enrolment=enrolment, status=S.SENT, sent_on=TODAY)
    with pytest.raises(ValidationError, match="motif"):
        do_move_handoff(referent, handoff, "refuse")
    do_move_handoff(referent, handoff, "refuse", reason="Pas de place avant septembre.")
    assert (handoff.status, handoff.refusal_reason) == (S.REFUSED, "Pas de place avant septembre.")


def test_a_step_cannot_precede_the_previous_one(referent, enrolment):
    handoff = HandOffFactory(enrolment=enrolment, status=S.SENT, sent_on=TODAY)
    with pytest.raises(ValidationError, match="précéder"):
        do_move_handoff(referent, handoff, "acknowledge", on=TODAY - datetime.timedelta(days=3))


def test_an_unknown_act_is_refused(referent, enrolment):
    with pytest.raises(ValidationError, match="inconnue"):
        do_move_handoff(referent, HandOffFactory(enrolment=enrolment), "teleport")


def test_a_sent_hand_off_without_answer_is_late_after_ten_days(enrolment):
    sent = TODAY - datetime.timedelta(days=10)
    assert is_late(HandOffFactory(enrolment=enrolment, status=S.SENT, sent_on=sent))
    assert not is_late(
        HandOffFactory(enrolment=enrolment, status=S.SENT, sent_on=sent.replace(day=25))
    )


def test_the_receiving_structure_sees_and_answers_what_was_sent(actor, enrolment, other_structure):
    receiver = actor(Role.PARTNER, other_structure)
    HandOffFactory(enrolment=enrolment, target_structure=other_structure)  # only proposed
    sent = HandOffFactory(
        enrolment=enrolment, target_structure=other_structure, status=S.SENT, sent_on=TODAY
    )
    assert list(received_handoffs(receiver)) == [sent]
    do_move_handoff(receiver, get_received_handoff(receiver, sent.pk), "acknowledge")
    sent.refresh_from_db()
    assert sent.status == S.ACKNOWLEDGED


def test_the_receiving_structure_does_not_cancel(actor, enrolment, other_structure):
    receiver = actor(Role.PARTNER, other_structure)
    handoff = HandOffFactory(
        enrolment=enrolment, target_structure=other_structure, status=S.SENT, sent_on=TODAY
    )
    with pytest.raises(ValidationError, match="Votre rôle"):
        do_move_handoff(receiver, handoff, "cancel")


def test_the_three_month_check_is_done_once(referent, enrolment):
    sent = datetime.date(2026, 2, 4)
    handoff = HandOffFactory(enrolment=enrolment, status=S.STARTED, sent_on=sent)
    do_record_check(referent, handoff, 3, "ongoing", "Va à ses rendez-vous CEJ.")
    with pytest.raises(ValidationError, match="déjà été fait"):
        do_record_check(referent, handoff, 3, "ongoing")


def test_the_six_month_check_is_not_due_yet(referent, enrolment):
    handoff = HandOffFactory(
        enrolment=enrolment, status=S.STARTED, sent_on=datetime.date(2026, 2, 4)
    )
    with pytest.raises(ValidationError, match="à partir du 21 juillet 2026"):
        do_record_check(referent, handoff, 6, "ongoing")


def test_a_receiving_case_worker_without_the_file_does_not_cancel(
    actor, enrolment, other_structure
):
    handoff = HandOffFactory(
        enrolment=enrolment, target_structure=other_structure, status=S.SENT, sent_on=TODAY
    )
    with pytest.raises(ValidationError, match="Votre rôle"):
        do_move_handoff(actor(Role.CASE_WORKER, other_structure), handoff, "cancel")
    handoff.refresh_from_db()
    assert handoff.status == S.SENT


def test_sending_a_hand_off_enters_the_hand_off_phase(referent, enrolment):
    handoff = HandOffFactory(enrolment=enrolment)
    do_move_handoff(referent, handoff, "send")
    enrolment.refresh_from_db()
    assert enrolment.phase == Phase.HAND_OFF
    change = enrolment.phase_changes.get(to_phase=Phase.HAND_OFF)
    assert (change.on, change.note) == (TODAY, handoff.get_target_display())


def test_an_exited_path_stays_exited_when_a_hand_off_is_sent(referent, enrolment):
    handoff = HandOffFactory(enrolment=enrolment)
    enrolment.phase = Phase.EXITED
    enrolment.save(update_fields=["phase"])
    do_move_handoff(referent, handoff, "send")
    enrolment.refresh_from_db()
    assert enrolment.phase == Phase.EXITED
