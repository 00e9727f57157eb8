"""Sessions written straight into the session store, for the benchmark and the
multi-process test: a logged-in user working for one membership, without the login form
(so two-factor login, when installed, is already satisfied)."""

import time

from django.apps import apps
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore

from accroche.accounts.signals import LOGIN_AT_KEY
from accroche.organisations.models import Membership
from accroche.www.middleware import SESSION_KEY as MEMBERSHIP_KEY


def open_session(membership: Membership) -> str:
    """The key of a new session (the ``sessionid`` cookie's value)."""
    user = membership.user
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "accroche.accounts.backends.AccountBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session[LOGIN_AT_KEY] = int(time.time())
    session[MEMBERSHIP_KEY] = membership.pk
    if apps.is_installed("django_otp"):
        # Two-factor login reads only the session: the id of a confirmed device.
        from django_otp import DEVICE_ID_SESSION_KEY
        from django_otp.plugins.otp_totp.models import TOTPDevice

        device, _ = TOTPDevice.objects.get_or_create(
            user=user, name="synthetic", defaults={"confirmed": True}
        )
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    assert session.session_key is not None
    return session.session_key
