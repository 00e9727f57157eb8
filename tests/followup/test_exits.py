import datetime

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404

from accroche.access.roles import Role
from accroche.followup.exits import do_record_exit, do_record_followup
from accroche.followup.models import FollowUpSituation, Outcome, OutcomeKind
from accroche.youth.models import Phase, PhaseChange
from tests.factories.followup import OutcomeFactory

TODAY = datetime.date(2026, 5, 4)


@pytest.fixture(autouse=True)
def _frozen(time_machine):
    time_machine.move_to(datetime.datetime(2026, 5, 4, 10, tzinfo=datetime.UTC))


def test_an_exit_closes_the_enrolment(referent, youth, enrolment):
    outcome = do_record_exit(referent, youth, enrolment, {"kind": OutcomeKind.APPRENTICESHIP})
    enrolment.refresh_from_db()
    assert (enrolment.phase, enrolment.exited_on) == (Phase.EXITED, TODAY)
    assert outcome.is_positive
    assert PhaseChange.objects.filter(enrolment=enrolment, to_phase=Phase.EXITED).exists()


def test_lost_contact_is_not_positive(referent, youth, enrolment):
    outcome = do_record_exit(referent, youth, enrolment, {"kind": OutcomeKind.LOST_CONTACT})
    assert not outcome.is_positive


def test_an_exit_is_recorded_once(referent, youth, enrolment):
    do_record_exit(referent, youth, enrolment, {"kind": OutcomeKind.CEJ})
    with pytest.raises(ValidationError, match="déjà notée"):
        do_record_exit(referent, youth, enrolment, {"kind": OutcomeKind.STABLE_JOB})
    assert Outcome.objects.get().kind == OutcomeKind.CEJ


def test_an_exit_before_the_entry_changes_nothing(referent, youth, enrolment):
    before = enrolment.entry_date - datetime.timedelta(days=1)
    with pytest.raises(ValidationError, match="précéder l'entrée"):
        do_record_exit(referent, youth, enrolment, {"kind": OutcomeKind.CEJ, "exited_on": before})
    enrolment.refresh_from_db()
    assert enrolment.phase == Phase.FOLLOW_UP


def test_a_structure_outside_the_programme_cannot_record_it(
    actor, youth, enrolment, other_structure
):
    with pytest.raises(Http404):
        do_record_exit(actor(Role.CASE_WORKER, other_structure), youth, enrolment, {"kind": "cej"})


def test_the_follow_up_comes_six_months_later(referent, enrolment):
    outcome = OutcomeFactory(
        enrolment=enrolment, youth=enrolment.youth, exited_on=datetime.date(2026, 1, 10)
    )
    with pytest.raises(ValidationError, match="à partir du 10 juillet 2026"):
        do_record_followup(referent, outcome, FollowUpSituation.EMPLOYED)


def test_the_follow_up_is_recorded_once(referent, enrolment):
    outcome = OutcomeFactory(
        enrolment=enrolment, youth=enrolment.youth, exited_on=datetime.date(2025, 10, 1)
    )
    do_record_followup(referent, outcome, FollowUpSituation.EMPLOYED, "CDI chez Transdev.")
    with pytest.raises(ValidationError, match="déjà noté"):
        do_record_followup(referent, outcome, FollowUpSituation.UNKNOWN)
    outcome.refresh_from_db()
    assert (outcome.followup_on, outcome.followup_situation) == (TODAY, "employed")
