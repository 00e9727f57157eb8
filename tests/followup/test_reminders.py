import datetime

import pytest

from accroche.followup.handoffs import do_move_handoff, do_record_check
from accroche.followup.models import HandOffStatus, Reminder, ReminderKind
from accroche.followup.reminders import create_due_reminders, do_close_reminder, reminders_for
from accroche.jobs.registry import run_due_jobs
from tests.factories.followup import HandOffFactory, OutcomeFactory

TODAY = datetime.date(2026, 9, 1)
S = HandOffStatus


@pytest.fixture(autouse=True)
def _frozen(time_machine):
    time_machine.move_to(datetime.datetime(2026, 9, 1, 8, tzinfo=datetime.UTC))


def days_ago(n: int) -> datetime.date:
    return TODAY - datetime.timedelta(days=n)


def kinds() -> list[str]:
    return sorted(Reminder.objects.values_list("kind", flat=True))


def test_a_sent_hand_off_without_answer_for_ten_days_gets_a_reminder(enrolment):
    HandOffFactory(enrolment=enrolment, status=S.SENT, sent_on=days_ago(10))
    HandOffFactory(enrolment=enrolment, status=S.SENT, sent_on=days_ago(9))
    HandOffFactory(enrolment=enrolment, status=S.ACKNOWLEDGED, sent_on=days_ago(30))
    create_due_reminders()
    reminder = Reminder.objects.get()
    assert (reminder.kind, reminder.due_on) == (ReminderKind.HANDOFF_UNACKNOWLEDGED, TODAY)


def test_the_job_is_idempotent(enrolment):
    HandOffFactory(enrolment=enrolment, status=S.SENT, sent_on=days_ago(40))
    create_due_reminders()
    create_due_reminders()
    assert Reminder.objects.count() == 1


def test_checks_come_at_three_then_six_months(enrolment):
    HandOffFactory(enrolment=enrolment, status=S.STARTED, sent_on=datetime.date(2026, 6, 1))
    HandOffFactory(enrolment=enrolment, status=S.STARTED, sent_on=datetime.date(2026, 3, 1))
    HandOffFactory(enrolment=enrolment, status=S.REFUSED, sent_on=datetime.date(2026, 1, 1))
    create_due_reminders()
    assert kinds() == ["handoff_check_3m", "handoff_check_3m", "handoff_check_6m"]


def test_a_check_done_closes_its_reminder(referent, enrolment):
    handoff = HandOffFactory(
        enrolment=enrolment, status=S.STARTED, sent_on=datetime.date(2026, 6, 1)
    )
    create_due_reminders()
    do_record_check(referent, handoff, 3, "ongoing")
    assert not reminders_for(referent).exists()


def test_an_answer_closes_the_wait(referent, enrolment):
    handoff = HandOffFactory(enrolment=enrolment, status=S.SENT, sent_on=days_ago(12))
    create_due_reminders()
    do_move_handoff(referent, handoff, "acknowledge")
    assert not reminders_for(referent).exists()


def test_an_exit_gets_its_six_month_follow_up(enrolment):
    OutcomeFactory(enrolment=enrolment, youth=enrolment.youth, exited_on=datetime.date(2026, 3, 1))
    OutcomeFactory(exited_on=datetime.date(2026, 3, 2))
    create_due_reminders()
    assert kinds() == ["exit_followup_6m"]


def test_reminders_go_to_the_referent_who_closes_them(referent, actor, enrolment, structure):
    HandOffFactory(enrolment=enrolment, status=S.SENT, sent_on=days_ago(15))
    create_due_reminders()
    assert not reminders_for(actor(structure=structure)).exists()
    reminder = reminders_for(referent).get()
    do_close_reminder(referent, reminder.pk)
    assert not reminders_for(referent).exists()


def test_the_scheduled_job_runs_it(enrolment):
    HandOffFactory(enrolment=enrolment, status=S.SENT, sent_on=days_ago(15))
    results = run_due_jobs(only="followup_reminders")
    assert results["followup_reminders"].startswith("ok: 1 ")
