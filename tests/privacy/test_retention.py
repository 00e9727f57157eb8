import datetime

import time_machine

from accroche.access.roles import Role
from accroche.jobs.registry import run_due_jobs
from accroche.privacy.models import RetentionNotice
from accroche.privacy.retention import apply_retention, pending_notice
from accroche.youth.models import Youth
from tests.factories.youth import EnrolmentFactory, YouthFactory

LAST = datetime.datetime(2024, 1, 10, 9, 0, tzinfo=datetime.UTC)


def at(day: str) -> time_machine.travel:
    return time_machine.travel(datetime.datetime.fromisoformat(f"{day}T06:00+00:00"), tick=False)


def file(months: int = 24) -> Youth:
    with time_machine.travel(LAST, tick=False):
        enrolment = EnrolmentFactory(
            youth=YouthFactory(last_contact_at=LAST), programme__retention_months=months
        )
    return enrolment.youth


def test_the_referent_is_told_30_days_before(mailoutbox):
    youth = file()
    with at("2025-12-10"):
        assert apply_retention().notified == 0
    with at("2025-12-11"):
        assert apply_retention().notified == 1
        assert apply_retention().notified == 0  # once
    assert pending_notice(youth).due_on == datetime.date(2026, 1, 10)
    [mail] = mailoutbox
    assert mail.to == [youth.enrolments.get().referent.user.email]
    assert "sera anonymisée le 10 janvier 2026" in mail.subject
    assert youth.first_name not in mail.body


def test_the_file_is_anonymised_on_the_date():
    youth = file()
    with at("2025-12-11"):
        apply_retention()
    with at("2026-01-09"):
        assert apply_retention().anonymised == 0
    with at("2026-01-10"):
        assert apply_retention().anonymised == 1
    youth.refresh_from_db()
    assert youth.anonymised_at is not None
    assert youth.first_name == ""


def test_a_new_contact_cancels_the_notice():
    youth = file()
    with at("2025-12-11"):
        apply_retention()
    with at("2025-12-20"):
        Youth.objects.filter(pk=youth.pk).update(
            last_contact_at=datetime.datetime.now(datetime.UTC)
        )
    with at("2026-01-10"):
        assert apply_retention().anonymised == 0
    youth.refresh_from_db()
    assert pending_notice(youth) is None


def test_a_late_job_still_gives_30_days_notice():
    youth = file()
    with at("2026-03-01"):
        assert apply_retention().notified == 1
        assert apply_retention().anonymised == 0
    assert RetentionNotice.objects.get(youth=youth).due_on == datetime.date(2026, 3, 31)


def test_the_programme_setting_decides():
    file(months=36)
    with at("2025-12-11"):
        assert apply_retention().notified == 0
    with at("2026-12-11"):
        assert apply_retention().notified == 1


def test_it_runs_as_a_daily_job():
    file()
    with at("2025-12-11"):
        assert run_due_jobs(only="privacy_retention") == {
            "privacy_retention": "ok: 1 retention notices sent, 0 files anonymised"
        }


def test_without_an_active_referent_the_holders_coordinators_are_told(mailoutbox, member):
    youth = file()
    referent = youth.enrolments.get().referent
    referent.is_active = False
    referent.save(update_fields=["is_active"])
    holder = youth.holder_structure
    coordinator = member(Role.COORDINATOR, holder)
    for role in Role:  # no other role of the structure is told
        if role != Role.COORDINATOR:
            member(role, holder)
    member(Role.COORDINATOR)  # another structure's coordinator is not told either
    with at("2025-12-11"):
        assert apply_retention().notified == 1
    [mail] = mailoutbox
    assert mail.to == [coordinator.user.email]
