import datetime

import time_machine
from django.urls import reverse

from accroche.access.roles import Role
from tests.factories.accounts import PASSWORD, current_code, totp_device

START = datetime.datetime(2026, 11, 2, 8, 0, tzinfo=datetime.UTC)


def logged_in(client, membership):
    client.post(
        reverse("accounts:login"), {"username": membership.user.email, "password": PASSWORD}
    )
    code = current_code(totp_device(membership.user))
    client.post(reverse("accounts:two_factor_verify"), {"code": code})
    return client


def test_the_session_ends_after_30_idle_minutes(client, member, structure):
    with time_machine.travel(START, tick=False) as traveller:
        logged_in(client, member(Role.MEDIATOR, structure))
        traveller.shift(datetime.timedelta(minutes=29))
        assert client.get(reverse("www:home")).status_code == 200
        traveller.shift(datetime.timedelta(minutes=31))
        assert client.get(reverse("www:home")).status_code == 302


def test_activity_keeps_the_session_alive_until_12_hours(client, member, structure):
    with time_machine.travel(START, tick=False) as traveller:
        logged_in(client, member(Role.MEDIATOR, structure))
        for _ in range(11 * 3):  # a request every 20 minutes for 11 hours
            traveller.shift(datetime.timedelta(minutes=20))
            assert client.get(reverse("www:home")).status_code == 200
        traveller.shift(datetime.timedelta(minutes=61))
        response = client.get(reverse("www:home"))
        assert response.status_code == 302
        assert response.url.startswith(reverse("accounts:login"))


def test_the_session_is_written_once_a_minute_not_on_every_page(
    client, member, structure, settings
):
    from django.contrib.sessions.models import Session

    settings.SESSION_TOUCH_SECONDS = 60  # the default (the test settings write every time)

    def expiry() -> datetime.datetime:
        return Session.objects.get(session_key=client.session.session_key).expire_date

    with time_machine.travel(START, tick=False) as traveller:
        logged_in(client, member(Role.MEDIATOR, structure))
        client.get(reverse("www:home"))
        first = expiry()
        traveller.shift(datetime.timedelta(seconds=50))
        client.get(reverse("www:home"))
        assert expiry() == first  # no write within the minute
        traveller.shift(datetime.timedelta(seconds=20))
        client.get(reverse("www:home"))
        assert expiry() == first + datetime.timedelta(seconds=70)
