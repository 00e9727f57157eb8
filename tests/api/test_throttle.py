"""API rate limits (per user, per address without a valid token), revocation and scopes."""

import datetime

import time_machine
from django.test import Client
from django.urls import reverse

from accroche.access.roles import Role
from accroche.accounts.models import ApiToken
from accroche.accounts.tokens import do_create_token

T0 = datetime.datetime(2026, 11, 2, 8, 0, tzinfo=datetime.UTC)


def bearer(secret: str) -> Client:
    return Client(headers={"Authorization": f"Bearer {secret}"})


def test_a_user_past_the_limit_gets_429_in_french(member, structure, settings):
    settings.API_RATE_USER = "3/h"
    membership = member(Role.MEDIATOR, structure)
    client = bearer(do_create_token(membership.user, membership, "a")[1])
    with time_machine.travel(T0, tick=False) as traveller:
        assert [client.get("/api/me").status_code for _ in range(3)] == [200, 200, 200]
        refused = client.get("/api/me")
        assert refused.status_code == 429
        assert "Trop de requêtes" in refused.json()["detail"]
        assert int(refused["Retry-After"]) > 0
        traveller.shift(datetime.timedelta(minutes=61))
        assert client.get("/api/me").status_code == 200


def test_the_limit_is_per_user_whatever_the_token(member, structure, settings):
    settings.API_RATE_USER = "2/h"
    membership = member(Role.MEDIATOR, structure)
    first = bearer(do_create_token(membership.user, membership, "a")[1])
    second = bearer(do_create_token(membership.user, membership, "b")[1])
    other = member(Role.MEDIATOR, structure)
    someone_else = bearer(do_create_token(other.user, other, "c")[1])
    with time_machine.travel(T0, tick=False):
        first.get("/api/me")
        first.get("/api/me")
        assert second.get("/api/me").status_code == 429
        assert someone_else.get("/api/me").status_code == 200


def test_an_address_sending_wrong_tokens_is_limited(settings):
    settings.API_RATE_ANON = "3/h"
    with time_machine.travel(T0, tick=False):
        answers = [
            bearer("acc_wrong").get("/api/me", REMOTE_ADDR="10.0.0.1").status_code for _ in range(4)
        ]
        assert answers == [401, 401, 401, 429]
        assert Client().get("/api/me", REMOTE_ADDR="10.0.0.2").status_code == 401


def test_a_valid_token_does_not_count_against_its_address(member, structure, settings):
    settings.API_RATE_ANON = "1/h"
    membership = member(Role.MEDIATOR, structure)
    client = bearer(do_create_token(membership.user, membership, "a")[1])
    with time_machine.travel(T0, tick=False):
        assert [client.get("/api/me").status_code for _ in range(3)] == [200, 200, 200]


def test_a_token_revoked_on_the_account_page_stops_working(login, member, structure):
    membership = member(Role.CASE_WORKER, structure)
    token, secret = do_create_token(membership.user, membership, "tableur")
    assert bearer(secret).get("/api/me").status_code == 200
    login(membership).post(reverse("accounts:revoke_token", args=[token.pk]))
    assert bearer(secret).get("/api/me").status_code == 401


def test_a_read_token_reads_but_cannot_write(member, structure):
    membership = member(Role.CASE_WORKER, structure)
    client = bearer(do_create_token(membership.user, membership, "r", ApiToken.Scope.READ)[1])
    assert client.get("/api/youth").status_code == 200
    refused = client.post("/api/youth", {}, content_type="application/json")
    assert refused.status_code == 403
    assert "lecture seule" in refused.json()["detail"]


def test_a_write_token_reaches_the_validation(member, structure):
    membership = member(Role.CASE_WORKER, structure)
    client = bearer(do_create_token(membership.user, membership, "w", ApiToken.Scope.WRITE)[1])
    assert client.post("/api/youth", {}, content_type="application/json").status_code == 422


def test_tokens_made_on_the_page_are_read_only_unless_asked(login, member, structure):
    membership = member(Role.CASE_WORKER, structure)
    client = login(membership)
    client.post(reverse("accounts:tokens"), {"name": "r", "membership": membership.pk})
    client.post(
        reverse("accounts:tokens"), {"name": "w", "membership": membership.pk, "scope": "write"}
    )
    scopes = dict(ApiToken.objects.values_list("name", "scope"))
    assert scopes == {"r": "read", "w": "write"}
    assert "Lecture et écriture" in client.get(reverse("accounts:tokens")).text


def test_a_forged_forwarded_address_does_not_escape_the_anonymous_limit(settings):
    settings.API_RATE_ANON = "3/h"
    with time_machine.travel(T0, tick=False):
        answers = [
            bearer("acc_wrong")
            .get("/api/me", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=f"192.0.2.{i}")
            .status_code
            for i in range(4)
        ]
    assert answers == [401, 401, 401, 429]


def test_the_limits_live_in_the_shared_database_cache(
    member, structure, django_assert_max_num_queries
):
    """With DEBUG=0 (as here) the counts are in the database cache, which every server
    process reads: what one API call costs for it."""
    membership = member(Role.MEDIATOR, structure)
    client = bearer(do_create_token(membership.user, membership, "a")[1])
    client.get("/api/me")
    with django_assert_max_num_queries(20) as with_database_cache:
        client.get("/api/me")
    throttle_queries = [
        q for q in with_database_cache.captured_queries if "accroche_cache" in q["sql"]
    ]
    # read the history, count rows (Django's culling), find the key, update it
    assert len(throttle_queries) == 4
