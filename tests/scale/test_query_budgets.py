"""Every entry of ``query_budgets.BUDGETS``: the whole request (writes and the success
redirect included) takes exactly its number of SQL queries, on a synthetic consortium of
60 young people so that lists have rows and an N+1 changes the count; an action also
writes the tables it should (so that a form error is not counted as the action). The
steady entries keep their count once ``grow`` has added 8 more of every row they show."""

import json
import re
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
import time_machine
from django.core.files import File
from django.db import connection, transaction
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django_otp import DEVICE_ID_SESSION_KEY

from accroche.accounts.tokens import do_create_token
from accroche.idempotency.models import IdempotencyRecord
from accroche.organisations.models import Membership
from tests.scale.query_budgets import (
    BUDGETS,
    KEYED_POST,
    NOW,
    Budget,
    World,
    build_world,
    grow,
)

# The application's own queries: the rate limits' database cache adds 4 to every API call
# and a few to a login or public form POST (none with Redis); tests/api/test_throttle.py
# counts the API's.
pytestmark = pytest.mark.usefixtures("memory_cache")


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory) -> Iterator[World]:
    """Built once for the module inside a transaction rolled back at the end; each test
    runs in its own savepoint inside it (pytest-django's ``db``), so the writes of one
    request never reach the next test. Uploaded receipts go to a temporary folder."""
    media = tmp_path_factory.mktemp("media")
    with (
        time_machine.travel(NOW, tick=True),  # the dates of the forms stay valid
        override_settings(MEDIA_ROOT=media),
        django_db_blocker.unblock(),
        transaction.atomic(),
    ):
        yield build_world()
        transaction.set_rollback(True)


def client_for(budget: Budget, world: World, login) -> Client:
    headers = {"HX-Request": "true"} if budget.htmx else {}
    if budget.role == "anonymous":
        return Client(headers=headers)
    membership = Membership.objects.select_related("user").get(pk=getattr(world, budget.role))
    if not budget.verified:  # logged in, the second factor not typed yet
        client = login(membership, **({"headers": headers} if headers else {}))
        session = client.session
        del session[DEVICE_ID_SESSION_KEY]
        session.save()
        return client
    if budget.is_api:
        _token, secret = do_create_token(membership.user, membership, "query budgets")
        return Client(headers={"Authorization": f"Bearer {secret}", **headers})
    return login(membership, **({"headers": headers} if headers else {}))


def send(client: Client, budget: Budget, url: str, data: Any, key: str | None = None):
    """A POST carries an idempotency key, as the pages' forms and careful API clients do."""
    if budget.is_api and budget.method != "GET":
        headers = {"Idempotency-Key": key} if key else {}
        if isinstance(data, dict) and any(isinstance(v, File) for v in data.values()):
            return client.post(url, data, headers=headers)  # multipart: an uploaded file
        return client.generic(
            budget.method, url, json.dumps(data), content_type="application/json", headers=headers
        )
    if budget.method == "GET":
        return client.get(url)
    data = data or {}
    if key and isinstance(data, dict):
        data = {"idempotency_key": key} | data  # an outreach form's own key comes first
    return client.post(url, data)


def request_counted(budget: Budget, world: World, login, django_assert_num_queries):
    """Sends the request of ``budget`` (its client, URL and data made beforehand, so that
    only the request is counted) and checks its status and its writes."""
    client = client_for(budget, world, login)
    if budget.prepare:
        budget.prepare(client, world)
    url = budget.url(world)
    data = budget.data(world) if budget.data else None
    key = str(uuid.uuid4()) if budget.method == "POST" else None
    keyed = key is not None and budget.role != "anonymous"
    with django_assert_num_queries(budget.queries + (KEYED_POST if keyed else 0)) as captured:
        response = send(client, budget, url, data, key)
        body = b"".join(response.streaming_content) if response.streaming else response.content
    assert response.status_code == budget.status, body[:500]
    assert response.get("Content-Type", "").startswith(budget.content_type), response.headers
    missing = missing_writes(budget, captured.captured_queries)
    assert not missing, f"{budget.test_id} wrote nothing in {sorted(missing)}"
    if budget.method == "GET" and response.get("Content-Type", "").startswith("text/html"):
        assert_post_forms_keyed(body.decode())
    if keyed:
        assert key is not None
        assert_repeat_acts_once(client, budget, url, world, key, response)


POST_FORM = re.compile(r"<form\b([^>]*)>(.*?)</form>", re.DOTALL | re.IGNORECASE)
KEY_INPUT = re.compile(r'<input\b[^>]*name="idempotency_key"')


def assert_post_forms_keyed(html: str) -> None:
    """Every POST form of the page carries one idempotency key (issue 17)."""
    for attrs, inner in POST_FORM.findall(html):
        if re.search(r'method="post"', attrs, re.IGNORECASE):
            assert len(KEY_INPUT.findall(inner)) == 1, f"<form{attrs}> has no single key"


# Tables a replayed request may still write: the key's record, the token's last use, the session.
REPEAT_MAY_WRITE = {"idempotency_idempotencyrecord", "accounts_apitoken", "django_session"}


def assert_repeat_acts_once(client, budget, url, world, key, first):
    """The same request with the same key: a kept answer (a success) comes back as it was,
    writing nothing; any other answer left the key free."""
    kept = (
        300 <= first.status_code < 400
        or (200 <= first.status_code < 300 and first.has_header("HX-Redirect"))
        or (
            budget.is_api
            and 200 <= first.status_code < 300
            and not first.streaming
            and first.get("Content-Type", "").startswith("application/json")
        )
    )
    assert IdempotencyRecord.objects.filter(key=key).exists() == kept
    if not kept or (not budget.is_api and "_auth_user_id" not in client.session):
        return  # the key was freed, or the user logged out: nobody to answer again
    data = budget.data(world) if budget.data else None
    with CaptureQueriesContext(connection) as captured:
        again = send(client, budget, url, data, key)
    assert again.status_code == first.status_code, again.content[:500]
    assert again.get("Idempotent-Replayed") == "true"
    for header in ("Location", "HX-Redirect"):
        assert again.get(header) == first.get(header)
    if budget.is_api:
        assert again.content == first.content
    assert written_tables(captured.captured_queries) <= REPEAT_MAY_WRITE


@pytest.mark.parametrize("budget", BUDGETS, ids=[b.test_id for b in BUDGETS])
def test_query_budget(world, login, django_assert_num_queries, budget: Budget):
    request_counted(budget, world, login, django_assert_num_queries)


STEADY = [
    pytest.param(b, id=b.test_id, marks=pytest.mark.xfail(reason=b.grows, strict=True))
    if b.grows
    else pytest.param(b, id=b.test_id)
    for b in BUDGETS
    if b.steady
]


@pytest.mark.parametrize("budget", STEADY)
def test_the_count_does_not_grow_with_the_data(
    world, login, django_assert_num_queries, budget: Budget
):
    """Lists, exports and the young person's file: with 8 more of every row they show,
    the same number of queries."""
    grow(world)
    request_counted(budget, world, login, django_assert_num_queries)


def written_tables(queries: list[dict[str, str]]) -> set[str]:
    return {
        m[1]
        for q in queries
        if (m := re.match(r'(?:INSERT(?: OR IGNORE)? INTO|UPDATE|DELETE FROM) "?(\w+)"?', q["sql"]))
    }


def missing_writes(budget: Budget, queries: list[dict[str, str]]) -> set[str]:
    """The tables an action should have written and did not (a form error answers with
    the same status code as a success for some actions: a redirect with a message)."""
    return set(budget.writes) - written_tables(queries)
