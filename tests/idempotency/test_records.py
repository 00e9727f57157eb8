"""The record behind a key: a repeat while the first request runs, a day's keeping, the
cost in SQL queries."""

import datetime
import uuid

import pytest
from django.conf import settings
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accroche.access.roles import Role
from accroche.idempotency import records
from accroche.idempotency.models import IdempotencyRecord
from accroche.jobs.registry import JOBS, run_due_jobs
from accroche.youth.models import Youth

BODY = {"nickname": "Titi"}


def _post(client, key: str = "k"):
    return client.post(
        "/api/youth", BODY, content_type="application/json", headers={"Idempotency-Key": key}
    )


@pytest.fixture
def client(api_client, member, structure):
    return api_client(member(Role.MEDIATOR, structure))


def test_a_repeat_while_the_first_runs_waits_for_its_answer(client, monkeypatch):
    first = _post(client)
    record = IdempotencyRecord.objects.get()
    answer = (record.status, record.body)
    IdempotencyRecord.objects.update(status=None, body="")  # as while the first one runs
    waited = []

    def first_one_answers(seconds: float) -> None:
        waited.append(seconds)
        IdempotencyRecord.objects.update(status=answer[0], body=answer[1])

    monkeypatch.setattr(records.time, "sleep", first_one_answers)
    second = _post(client)
    assert waited
    assert (second.status_code, second.content) == (201, first.content)
    assert Youth.objects.count() == 1


def test_a_repeat_told_to_come_back_when_the_first_runs_too_long(client, monkeypatch):
    _post(client)
    IdempotencyRecord.objects.update(status=None)
    monkeypatch.setattr(records, "WAIT_SECONDS", 0.05)
    monkeypatch.setattr(records, "POLL_SECONDS", 0.01)
    second = _post(client)
    assert second.status_code == 409
    assert "encore en cours" in second.json()["detail"]
    assert Youth.objects.count() == 1


def test_a_first_request_that_never_answered_keeps_its_key(client, monkeypatch):
    """The worker died after acting (the incident of issue 17): a retry does not act again,
    at once, and says what to check."""
    _post(client)
    IdempotencyRecord.objects.update(
        status=None, created_at=timezone.now() - datetime.timedelta(minutes=6)
    )
    monkeypatch.setattr(records.time, "sleep", lambda s: pytest.fail("no wait"))
    retry = _post(client)
    assert retry.status_code == 409
    assert "a été interrompue" in retry.json()["detail"]
    assert Youth.objects.count() == 1


def test_a_key_is_kept_a_day(client):
    _post(client)
    IdempotencyRecord.objects.update(created_at=timezone.now() - datetime.timedelta(hours=25))
    assert _post(client).status_code == 201
    assert Youth.objects.count() == 2  # a day later, the same key is a new request


def test_the_scheduled_job_deletes_the_records_older_than_a_day(client):
    _post(client, "old")
    _post(client, "new")
    IdempotencyRecord.objects.filter(key="old").update(
        created_at=timezone.now() - datetime.timedelta(hours=25)
    )
    assert "prune_idempotency_records" in JOBS
    assert run_due_jobs(force=True, only="prune_idempotency_records") == {
        "prune_idempotency_records": "ok: 1 idempotency records older than a day deleted"
    }
    assert list(IdempotencyRecord.objects.values_list("key", flat=True)) == ["new"]


def _queries(send) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        send()
    return [q["sql"] for q in captured.captured_queries]


def test_a_page_costs_no_query_and_a_keyed_post_two(login, member, structure):
    """GET: the same queries with the middleware as without it. A POST with a key: two
    more (the record taken, then kept), and a repeat reads the record and writes nothing."""
    membership = member(Role.CASE_WORKER, structure)
    url = reverse("youth:create")
    without = [m for m in settings.MIDDLEWARE if "idempotency" not in m]
    with override_settings(MIDDLEWARE=without):
        bare = login(membership)  # a client loads the middleware at its first request
        page_without = _queries(lambda: bare.get(url))
        plain = _queries(lambda: bare.post(url, {"first_name": "A", "gender": "woman"}))
    client = login(membership)
    assert len(_queries(lambda: client.get(url))) == len(page_without)
    data = {"first_name": "B", "gender": "woman", "idempotency_key": str(uuid.uuid4())}
    keyed = _queries(lambda: client.post(url, data))
    assert len(keyed) == len(plain) + 2
    repeat = _queries(lambda: client.post(url, data))
    assert len([q for q in repeat if "idempotency_idempotencyrecord" in q]) == 2
    assert not [q for q in repeat if q.startswith(("INSERT", "UPDATE")) and "youth" in q]
    assert Youth.objects.count() == 2
