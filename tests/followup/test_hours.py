import datetime
from decimal import Decimal

from django.utils import timezone

from accroche.followup.hours import Week, monday_of, recent_weeks, weekly_hours
from accroche.followup.models import AttendanceStatus, InteractionKind
from tests.factories.followup import (
    AttendanceFactory,
    ImmersionFactory,
    InteractionFactory,
    WorkshopFactory,
    WorkshopSessionFactory,
)
from tests.factories.youth import YouthFactory

MONDAY = datetime.date(2026, 3, 2)  # ISO week 10


def at(day: datetime.date, hour: int = 14) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def attend(youth, day, minutes, status=AttendanceStatus.PRESENT, workshop=None):
    session = WorkshopSessionFactory(
        workshop=workshop or WorkshopFactory(), starts_at=at(day), duration_minutes=minutes
    )
    return AttendanceFactory(session=session, youth=youth, status=status)


def test_sessions_of_several_workshops_add_up_in_their_week(youth):
    attend(youth, MONDAY, 120)
    attend(youth, MONDAY + datetime.timedelta(days=2), 90)
    attend(youth, MONDAY + datetime.timedelta(days=4), 30)
    week = weekly_hours([youth.pk], MONDAY, MONDAY)[youth.pk][MONDAY]
    assert week.workshops == Decimal(4)


def test_only_presence_counts(youth):
    attend(youth, MONDAY, 120)
    attend(youth, MONDAY, 120, status=AttendanceStatus.ABSENT)
    attend(youth, MONDAY, 120, status=AttendanceStatus.EXCUSED)
    assert weekly_hours([youth.pk], MONDAY, MONDAY)[youth.pk][MONDAY].total == Decimal(2)


def test_sunday_and_the_next_monday_fall_in_different_weeks(youth):
    attend(youth, MONDAY + datetime.timedelta(days=6), 60)
    attend(youth, MONDAY + datetime.timedelta(days=7), 180)
    weeks = weekly_hours([youth.pk], MONDAY, MONDAY + datetime.timedelta(days=7))[youth.pk]
    assert {m: w.total for m, w in weeks.items()} == {
        MONDAY: Decimal(1),
        MONDAY + datetime.timedelta(days=7): Decimal(3),
    }


def test_an_immersion_counts_its_working_days_in_each_week(youth):
    # Thursday to the next Tuesday: 2 working days, then 2.
    ImmersionFactory(
        youth=youth,
        start_on=MONDAY + datetime.timedelta(days=3),
        end_on=MONDAY + datetime.timedelta(days=8),
        daily_hours=Decimal("7"),
    )
    weeks = weekly_hours([youth.pk], MONDAY, MONDAY + datetime.timedelta(days=7))[youth.pk]
    assert [w.immersions for w in weeks.values()] == [Decimal(14), Decimal(14)]


def test_interviews_count_calls_do_not(youth):
    InteractionFactory(youth=youth, happened_at=at(MONDAY), duration_minutes=60)
    InteractionFactory(
        youth=youth, kind=InteractionKind.CALL, happened_at=at(MONDAY), duration_minutes=30
    )
    assert weekly_hours([youth.pk], MONDAY, MONDAY)[youth.pk][MONDAY].individual == Decimal(1)


def test_everything_adds_up_against_the_cej_rhythm(youth):
    attend(youth, MONDAY, 180)
    tuesday, wednesday = MONDAY + datetime.timedelta(days=1), MONDAY + datetime.timedelta(days=2)
    ImmersionFactory(youth=youth, start_on=tuesday, end_on=wednesday)  # 2 × 7 h
    InteractionFactory(youth=youth, happened_at=at(MONDAY), duration_minutes=60)
    week = weekly_hours([youth.pk], MONDAY, MONDAY)[youth.pk][MONDAY]
    assert (week.total, week.band) == (Decimal(18), "within")


def test_bands_below_and_above():
    assert Week(MONDAY, workshops=Decimal("14.5")).band == "below"
    assert Week(MONDAY, workshops=Decimal("20")).band == "within"
    assert Week(MONDAY, workshops=Decimal("20.5")).band == "above"


def test_young_people_are_kept_apart(youth, structure):
    other = YouthFactory(holder_structure=structure)
    attend(other, MONDAY, 60)
    attend(youth, MONDAY, 120)
    found = weekly_hours([youth.pk, other.pk], MONDAY, MONDAY)
    assert (found[youth.pk][MONDAY].total, found[other.pk][MONDAY].total) == (2, 1)


def test_recent_weeks_lists_empty_weeks_too(youth, enrolment):
    enrolment.entry_date = MONDAY - datetime.timedelta(weeks=10)
    enrolment.save()
    attend(youth, MONDAY - datetime.timedelta(weeks=2), 60)
    weeks = recent_weeks(youth.pk, count=4, until=MONDAY + datetime.timedelta(days=3))
    assert next(w.monday for w in weeks) == monday_of(MONDAY)
    assert [w.total for w in weeks] == [0, 0, 1, 0]


def test_only_weeks_within_the_enrolment_are_shown(youth, enrolment):
    # Entry on a Wednesday, exit the Tuesday two weeks later: three weeks overlap.
    enrolment.entry_date = MONDAY + datetime.timedelta(days=2)
    enrolment.exited_on = MONDAY + datetime.timedelta(weeks=2, days=1)
    enrolment.save()
    attend(youth, MONDAY - datetime.timedelta(weeks=1), 60)  # before entry: not counted
    weeks = recent_weeks(youth.pk, count=6, until=MONDAY + datetime.timedelta(weeks=4))
    assert [w.monday for w in weeks] == [
        MONDAY + datetime.timedelta(weeks=2),
        MONDAY + datetime.timedelta(weeks=1),
        MONDAY,
    ]


def test_an_open_enrolment_runs_to_today(youth, enrolment):
    enrolment.entry_date = MONDAY + datetime.timedelta(weeks=1)
    enrolment.save()
    weeks = recent_weeks(youth.pk, count=4, until=MONDAY + datetime.timedelta(weeks=2))
    assert [w.monday for w in weeks] == [
        MONDAY + datetime.timedelta(weeks=2),
        MONDAY + datetime.timedelta(weeks=1),
    ]


def test_no_enrolment_no_week():
    assert recent_weeks(YouthFactory().pk, count=4, until=MONDAY) == []
