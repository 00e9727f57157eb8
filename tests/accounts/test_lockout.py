"""Brute force without locking the owner out (accroche/accounts/lockout.py): 5 failures
lock an (account, address) pair; failures from many addresses slow the account down and
stop at 100 an hour, except from an address the account signed in from recently."""

import datetime

import pytest
import time_machine
from axes.models import AccessAttempt
from django.contrib.auth.hashers import make_password
from django.test import Client
from django.urls import reverse

from tests.factories.accounts import PASSWORD, UserFactory

T0 = datetime.datetime(2026, 11, 2, 8, 0, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def _fast_hasher(settings):
    """Hundreds of password checks: what is tested is the counting, not the hash."""
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.MD5PasswordHasher",
        "django.contrib.auth.hashers.Argon2PasswordHasher",
    ]


def fast_user():
    """A user whose password is checked in microseconds (the shared test hash is Argon2)."""
    return UserFactory(password=make_password(PASSWORD))


def attempt(client, email, password="mauvais mot de passe", ip="10.0.0.1"):
    return client.post(
        reverse("accounts:login"), {"username": email, "password": password}, REMOTE_ADDR=ip
    )


def test_five_failures_lock_the_account_from_that_address_with_a_429_in_french(client):
    user = fast_user()
    with time_machine.travel(T0, tick=False):
        for _ in range(4):
            assert attempt(client, user.email).status_code == 200
        locked = attempt(client, user.email)
        assert locked.status_code == 429
        assert "Connexion bloquée" in locked.text
        # even the right password is refused from that address while locked
        assert attempt(client, user.email, PASSWORD).status_code == 429
        # the owner, from another address, gets in
        assert attempt(Client(), user.email, PASSWORD, ip="10.0.0.2").status_code == 302
    assert AccessAttempt.objects.get(ip_address="10.0.0.1").failures_since_start == 6


def test_ten_failures_from_ten_addresses_do_not_lock_the_owner_out():
    user = fast_user()
    with time_machine.travel(T0, tick=False):
        for i in range(10):
            assert attempt(Client(), user.email, ip=f"10.0.0.{i + 1}").status_code == 200
        assert attempt(Client(), user.email, PASSWORD, ip="10.9.9.9").status_code == 302


def test_past_ten_failures_the_account_slows_down_then_lets_the_right_password_in():
    user = fast_user()
    with time_machine.travel(T0, tick=False) as traveller:
        for i in range(11):
            assert attempt(Client(), user.email, ip=f"10.0.0.{i + 1}").status_code == 200
        slowed = attempt(Client(), user.email, PASSWORD, ip="10.9.9.9")
        assert slowed.status_code == 429
        assert "Réessayez dans 1 seconde." in slowed.text
        traveller.shift(datetime.timedelta(seconds=1))
        assert attempt(Client(), user.email, ip="10.0.0.12").status_code == 200  # a 12th
        assert "Réessayez dans 2 secondes." in attempt(Client(), user.email, ip="10.0.0.13").text
        traveller.shift(datetime.timedelta(seconds=2))
        assert attempt(Client(), user.email, PASSWORD, ip="10.9.9.9").status_code == 302


def test_the_pair_lock_does_not_hold_for_other_accounts_on_that_address():
    with time_machine.travel(T0, tick=False):
        for i in range(10):
            attempt(Client(), f"inconnu{i}@exemple.fr", ip="10.0.0.7")
        other = fast_user()
        assert attempt(Client(), other.email, PASSWORD, ip="10.0.0.7").status_code == 302


def test_the_lock_ends_after_an_hour(client):
    user = fast_user()
    with time_machine.travel(T0, tick=False) as traveller:
        for _ in range(5):
            attempt(client, user.email)
        assert attempt(client, user.email, PASSWORD).status_code == 429
        traveller.shift(datetime.timedelta(minutes=61))
        assert attempt(client, user.email, PASSWORD).status_code == 302


def test_no_more_than_a_hundred_failures_an_hour_on_one_account():
    user = fast_user()
    checked = []
    with time_machine.travel(T0, tick=False) as traveller:
        for i in range(130):  # an attacker rotating addresses, one try every 30 s
            response = attempt(Client(), user.email, ip=f"10.1.{i // 200}.{i % 200 + 1}")
            checked.append(response.status_code == 200)
            traveller.shift(datetime.timedelta(seconds=30))
        assert sum(checked) == 100
        # the 101st is refused, with the wait in minutes
        refused = attempt(Client(), user.email, PASSWORD, ip="10.2.0.1")
        assert refused.status_code == 429
        assert "Réessayez dans" in refused.text
        assert "minutes" in refused.text


def test_past_the_ceiling_the_owner_still_gets_in_from_a_usual_address():
    user = fast_user()
    with time_machine.travel(T0, tick=False) as traveller:
        assert attempt(Client(), user.email, PASSWORD, ip="10.5.5.5").status_code == 302
        for i in range(110):
            attempt(Client(), user.email, ip=f"10.1.{i // 200}.{i % 200 + 1}")
            traveller.shift(datetime.timedelta(seconds=30))
        assert attempt(Client(), user.email, PASSWORD, ip="10.6.6.6").status_code == 429
        assert attempt(Client(), user.email, PASSWORD, ip="10.5.5.5").status_code == 302


def test_the_ceiling_lifts_within_seventy_minutes():
    user = fast_user()
    with time_machine.travel(T0, tick=False) as traveller:
        for i in range(100):
            attempt(Client(), user.email, ip=f"10.1.{i // 200}.{i % 200 + 1}")
            traveller.shift(datetime.timedelta(seconds=6))
        assert attempt(Client(), user.email, PASSWORD, ip="10.9.9.9").status_code == 429
        traveller.shift(datetime.timedelta(minutes=70))
        assert attempt(Client(), user.email, PASSWORD, ip="10.9.9.9").status_code == 302


def test_behind_the_proxy_the_pair_is_the_address_the_proxy_saw(settings):
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    user = fast_user()

    def through_proxy(address, password="mauvais mot de passe"):
        return Client().post(
            reverse("accounts:login"),
            {"username": user.email, "password": password},
            REMOTE_ADDR="127.0.0.1",
            HTTP_X_FORWARDED_FOR=address,
        )

    with time_machine.travel(T0, tick=False):
        for _ in range(5):
            through_proxy("192.0.2.1")
        assert through_proxy("192.0.2.1", PASSWORD).status_code == 429
        # someone else behind the same proxy: the owner, from their phone
        assert through_proxy("198.51.100.7", PASSWORD).status_code == 302
    assert AccessAttempt.objects.get().ip_address == "192.0.2.1"


def test_a_malformed_forwarded_address_is_no_error(settings):
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    user = fast_user()
    response = Client().post(
        reverse("accounts:login"),
        {"username": user.email, "password": "mauvais mot de passe"},
        HTTP_X_FORWARDED_FOR="pas-une-adresse",
    )
    assert response.status_code == 200
    assert AccessAttempt.objects.get().ip_address == "0.0.0.0"  # noqa: S104
