"""Logging in through the forms, second factor included."""

from typing import Any

from accroche.accounts.models import User
from tests.factories.accounts import PASSWORD, current_code, totp_device


def log_in(phone: Any, live_server: Any, user: User) -> None:
    """Gives the user an authenticator application, then types the password and its code."""
    device = totp_device(user)
    phone.goto(live_server.url + "/compte/connexion/")
    phone.fill("input[name=username]", user.email)
    phone.fill("input[name=password]", PASSWORD)
    phone.click("button[type=submit]")
    phone.wait_for_url("**/compte/double-authentification/code/**")
    phone.fill("input[name=code]", current_code(device))
    phone.click("form:has(input[name=code]) button[type=submit]")
    phone.wait_for_url(live_server.url + "/")
