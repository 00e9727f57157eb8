from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from accroche.demo.two_factor import DEMO_TOTP_KEY, ensure_demo_devices
from tests.factories.accounts import PASSWORD, UserFactory, current_code


def test_demo_accounts_get_the_known_secret_once():
    user = UserFactory(email="nadia.benali@demo.accroche.fr")
    UserFactory(email="someone@exemple.fr")
    assert ensure_demo_devices() == 1
    assert ensure_demo_devices() == 0
    assert user.totpdevice_set.get().key == DEMO_TOTP_KEY


def test_demo_code_prints_the_code_that_logs_in(client, settings):
    user = UserFactory(email="karim.haddad@demo.accroche.fr")
    ensure_demo_devices()
    settings.DEBUG = True
    out = StringIO()
    call_command("demo_code", user.email, stdout=out)
    assert out.getvalue().strip() == current_code(user.totpdevice_set.get())
    client.post(reverse("accounts:login"), {"username": user.email, "password": PASSWORD})
    response = client.post(reverse("accounts:two_factor_verify"), {"code": out.getvalue()})
    assert response.status_code == 302


def test_demo_code_refuses_without_debug():
    user = UserFactory(email="lea.morel@demo.accroche.fr")
    ensure_demo_devices()
    with pytest.raises(CommandError, match="DEBUG=1"):
        call_command("demo_code", user.email, stdout=StringIO())


def test_the_demo_logins_say_how_to_get_a_code():
    out = StringIO()
    call_command("seed_demo", "--logins", stdout=out)
    assert "demo_code" in out.getvalue()
