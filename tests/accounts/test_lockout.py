import datetime

import time_machine
from axes.models import AccessAttempt
from django.test import Client
from django.urls import reverse

from tests.factories.accounts import PASSWORD, UserFactory

T0 = datetime.datetime(2026, 11, 2, 8, 0, tzinfo=datetime.UTC)


def attempt(client, email, password="mauvais mot de passe", ip="10.0.0.1"):  # type: ignore[no-untyped-def]
    return client.post(
        reverse("accounts:login"), {"username": email, "password": password}, REMOTE_ADDR=ip
    )


def test_ten_failures_lock_the_account_with_a_429_in_french(client):
    user = UserFactory()
    with time_machine.travel(T0, tick=False):
        for _ in range(9):
            assert attempt(client, user.email).status_code == 200
        locked = attempt(client, user.email)
        assert locked.status_code == 429
        assert "Connexion bloquée" in locked.text
        # even the right password is refused while locked
        assert attempt(client, user.email, PASSWORD).status_code == 429
    assert AccessAttempt.objects.get().failures_since_start == 11


def test_the_account_lock_holds_from_another_address():
    user = UserFactory()
    with time_machine.travel(T0, tick=False):
        for i in range(10):
            attempt(Client(), user.email, ip=f"10.0.0.{i + 1}")
        assert attempt(Client(), user.email, PASSWORD, ip="10.9.9.9").status_code == 429


def test_the_address_lock_holds_for_other_accounts():
    with time_machine.travel(T0, tick=False):
        for i in range(10):
            attempt(Client(), f"inconnu{i}@exemple.fr", ip="10.0.0.7")
        other = UserFactory()
        assert attempt(Client(), other.email, PASSWORD, ip="10.0.0.7").status_code == 429
        assert attempt(Client(), other.email, PASSWORD, ip="10.0.0.8").status_code == 302


def test_the_lock_ends_after_an_hour(client):
    user = UserFactory()
    with time_machine.travel(T0, tick=False) as traveller:
        for _ in range(10):
            attempt(client, user.email)
        traveller.shift(datetime.timedelta(minutes=61))
        assert attempt(client, user.email, PASSWORD).status_code == 302


def test_no_more_than_a_hundred_failures_an_hour_on_one_account():
    user = UserFactory()
    reached_the_password_check = 0
    with time_machine.travel(T0, tick=False) as traveller:
        for i in range(120):  # an attacker rotating addresses, one try every 30 s
            if attempt(Client(), user.email, ip=f"10.1.0.{i + 1}").status_code == 200:
                reached_the_password_check += 1
            traveller.shift(datetime.timedelta(seconds=30))
    assert reached_the_password_check <= 100
