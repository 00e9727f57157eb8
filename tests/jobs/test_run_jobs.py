import datetime
from io import StringIO

import time_machine
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.core.management import call_command

from accroche.jobs.models import JobState
from accroche.jobs.registry import run_due_jobs

T0 = datetime.datetime(2026, 11, 2, 8, 0, tzinfo=datetime.UTC)


def test_a_due_job_runs_then_waits_for_its_interval():
    with time_machine.travel(T0, tick=False) as traveller:
        assert run_due_jobs()["clear_expired_sessions"].startswith("ok")
        assert run_due_jobs()["clear_expired_sessions"] == "skipped"
        traveller.shift(datetime.timedelta(hours=1))
        assert run_due_jobs()["clear_expired_sessions"].startswith("ok")
    state = JobState.objects.get(name="clear_expired_sessions")
    assert state.last_status == "ok"


def test_clear_expired_sessions_deletes_only_expired_ones():
    with time_machine.travel(T0, tick=False) as traveller:
        old = SessionStore()
        old.set_expiry(60)
        old.create()
        traveller.shift(datetime.timedelta(minutes=5))
        fresh = SessionStore()
        fresh.create()
        run_due_jobs(force=True)
    assert list(Session.objects.values_list("session_key", flat=True)) == [fresh.session_key]


def test_the_command_prints_each_job():
    out = StringIO()
    call_command("run_jobs", stdout=out)
    assert "clear_expired_sessions: ok" in out.getvalue()
