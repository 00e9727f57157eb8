import datetime

import pytest
from django.core.exceptions import ValidationError

from accroche.followup.appointments import do_plan_appointment, do_record_outcome
from accroche.followup.models import AppointmentOutcome
from accroche.youth.models import Youth
from tests.factories.followup import AppointmentFactory

NOW = datetime.datetime(2026, 5, 4, 14, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def _frozen(time_machine):
    time_machine.move_to(NOW)


def test_an_appointment_is_planned_ahead(referent, youth):
    starts = NOW + datetime.timedelta(days=1)
    data = {"starts_at": starts, "place": "Mission Locale", "with_whom": "Mme Dubois"}
    appointment = do_plan_appointment(referent, youth, data)
    assert (appointment.outcome, appointment.starts_at) == (AppointmentOutcome.PLANNED, starts)


def test_a_past_appointment_is_refused_with_what_to_do(referent, youth):
    data = {"starts_at": NOW - datetime.timedelta(days=1), "place": "ML", "with_whom": "Mme D."}
    with pytest.raises(ValidationError, match="notez un entretien"):
        do_plan_appointment(referent, youth, data)


def test_seen_moves_the_last_contact(referent, youth):
    appointment = AppointmentFactory(youth=youth, starts_at=NOW - datetime.timedelta(hours=2))
    do_record_outcome(referent, appointment, "seen")
    assert Youth.objects.get(pk=youth.pk).last_contact_at == appointment.starts_at


def test_a_no_show_does_not(referent, youth):
    appointment = AppointmentFactory(youth=youth, starts_at=NOW - datetime.timedelta(hours=2))
    do_record_outcome(referent, appointment, "no_show")
    assert Youth.objects.get(pk=youth.pk).last_contact_at is None


def test_only_an_excuse_is_noted_before_the_appointment(referent, youth):
    appointment = AppointmentFactory(youth=youth, starts_at=NOW + datetime.timedelta(days=1))
    with pytest.raises(ValidationError, match="pas encore eu lieu"):
        do_record_outcome(referent, appointment, "seen")
    do_record_outcome(referent, appointment, "excused")
    assert appointment.outcome == AppointmentOutcome.EXCUSED


def test_an_outcome_is_noted_once(referent, youth):
    appointment = AppointmentFactory(youth=youth, outcome=AppointmentOutcome.NO_SHOW)
    with pytest.raises(ValidationError, match="déjà notée"):
        do_record_outcome(referent, appointment, "seen")
    appointment.refresh_from_db()
    assert appointment.outcome == AppointmentOutcome.NO_SHOW
