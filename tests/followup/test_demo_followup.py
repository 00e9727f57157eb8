"""The demo's follow-up is believable and obeys the rules the product enforces."""

import datetime

import pytest
from django.db.models import Max

from accroche.followup.budget import with_usage
from accroche.followup.handoffs import is_late
from accroche.followup.models import (
    Aid,
    AidStatus,
    Attendance,
    BudgetLine,
    HandOff,
    HandOffStatus,
    Immersion,
    Interaction,
    Outcome,
    Reminder,
    WorkshopKind,
)
from accroche.youth.access import structures_seeing
from accroche.youth.models import Enrolment, Gender, Phase, Youth

TODAY = datetime.date(2026, 11, 20)


pytestmark = pytest.mark.usefixtures("demo")


def test_aid_in_every_state_within_envelopes_and_quotas():
    assert set(Aid.objects.values_list("status", flat=True)) == set(AidStatus.values)
    for line in with_usage(BudgetLine.objects.all()):
        assert line.committed_amount <= line.envelope
        assert line.unit_quota is None or line.committed_units <= line.unit_quota
    assert BudgetLine.objects.get(kind="moped_licence").unit_quota == 15


def test_hand_offs_in_every_state_a_few_late():
    states = set(HandOff.objects.values_list("status", flat=True))
    assert states >= {"proposed", "sent", "acknowledged", "refused", "started"}
    late = [h for h in HandOff.objects.all() if is_late(h, TODAY)]
    assert 1 <= len(late) < HandOff.objects.filter(status=HandOffStatus.SENT).count() + 1
    assert HandOff.objects.filter(target_structure__name__startswith="Mission Locale").exists()


def test_hand_off_dates_follow_each_other():
    for h in HandOff.objects.exclude(sent_on=None):
        steps = [h.proposed_on, h.sent_on, h.acknowledged_on or h.refused_on, h.started_on]
        known = [d for d in steps if d is not None]
        assert known == sorted(known)
        assert known[-1] <= TODAY


def test_workshops_with_attendance_and_a_women_only_session():
    kinds = set(Attendance.objects.values_list("session__workshop__kind", flat=True))
    assert {WorkshopKind.SPORT, WorkshopKind.MEDIA, WorkshopKind.WOMEN_TRADES} <= kinds
    women = Attendance.objects.filter(session__workshop__kind=WorkshopKind.WOMEN_TRADES)
    assert set(women.values_list("youth__gender", flat=True)) == {Gender.WOMAN}
    assert Attendance.objects.filter(status="present").count() > 30


def test_the_facilitator_sees_every_file_it_registers():
    for attendance in Attendance.objects.select_related("session__workshop", "youth")[:80]:
        assert attendance.session.workshop.structure_id in structures_seeing(attendance.youth)


def test_two_immersions_one_reviewed():
    assert Immersion.objects.count() == 2
    assert Immersion.objects.exclude(reviewed_on=None).count() == 1


def test_every_exit_has_its_outcome_positive_and_others():
    exited = Enrolment.objects.filter(phase=Phase.EXITED)
    assert Outcome.objects.count() == exited.count()
    kinds = [o.is_positive for o in Outcome.objects.all()]
    assert True in kinds
    assert False in kinds
    assert Outcome.objects.exclude(followup_on=None).exists()


def test_the_last_contact_is_at_least_the_latest_exchange():
    latest = Interaction.objects.values("youth").annotate(at=Max("happened_at"))
    contacts = dict(Youth.objects.values_list("pk", "last_contact_at"))
    for row in latest:
        assert contacts[row["youth"]] >= row["at"]


def test_the_scheduled_job_s_reminders_are_there():
    assert Reminder.objects.filter(kind="handoff_unacknowledged").exists()
    assert Reminder.objects.filter(kind="handoff_check_3m").exists()


def test_nothing_happens_after_an_exit_but_its_news():
    for e in Enrolment.objects.filter(phase=Phase.EXITED):
        days = Interaction.objects.filter(enrolment=e).values_list("happened_at", flat=True)
        assert all(day.date() <= e.exited_on for day in days)
        assert all(h.proposed_on <= e.exited_on for h in HandOff.objects.filter(enrolment=e))
