"""Login brute force, without letting an attacker lock a user out.

- A pair (account, address) is locked for an hour after ``AXES_FAILURE_LIMIT`` (5) failures
  (django-axes, in the database).
- Per account, whatever the address: past ``LOGIN_ACCOUNT_SLOWDOWN_AFTER`` (10) failures
  in the last hour, the next try must wait 1, 2, 4… up to 30 seconds after the
  last failure; past ``LOGIN_ACCOUNT_CEILING`` (100) failures in an hour, every try is
  refused until the hour has passed. The password is not even checked then.
- Neither of these applies to an address the account signed in from in the last 30 days
  (axes' access log): its owner, from the usual office or phone, gets in at once, and is
  still bound by the pair lock. So an account sees at most 100 failures an hour from
  addresses it never used, plus 4 from each of its own.

The per-account counts live in the shared cache (accroche/accounts/ratelimit.py)."""

import datetime
import ipaddress
import logging
import time
from typing import Any, cast

from axes.models import AccessLog
from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from django.utils import timezone

from accroche.accounts import ratelimit

log = logging.getLogger(__name__)

SCOPE = "login-failure"
MAX_DELAY_SECONDS = 30
KNOWN_ADDRESS_DAYS = 30


def client_address(request: HttpRequest) -> str:
    """Behind our HTTPS reverse proxy (BEHIND_HTTPS_PROXY), the address it saw is the last
    one it appended to X-Forwarded-For; otherwise the connection's."""
    remote = str(request.META.get("REMOTE_ADDR", ""))
    if getattr(settings, "SECURE_PROXY_SSL_HEADER", None):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            remote = forwarded.split(",")[-1].strip()
    try:  # stored in inet columns (axes): never a malformed one
        return str(ipaddress.ip_address(remote))
    except ValueError:
        return "0.0.0.0"  # noqa: S104 - a placeholder address, not a bind


def login_username(request: HttpRequest, credentials: dict[str, Any] | None) -> str | None:
    """The account a login attempt targets, normalised so that 'Nadia@X.fr' and
    'nadia@x.fr' count against the same account."""
    value = (credentials or {}).get("username") or (credentials or {}).get("email")
    if not value and request is not None:
        value = request.POST.get("username")
    return str(value).strip().lower() if value else None


def _last_failure_key(username: str) -> str:
    return f"rate:{SCOPE}-last:{ratelimit.digest(username)}"


def note_failure(username: str) -> None:
    """A password (or second-factor code) was checked and was wrong."""
    username = username.strip().lower()
    ratelimit.count(SCOPE, username)
    cache.set(_last_failure_key(username), time.time(), 3600)


def delay_after(failures: int) -> int:
    """Seconds to wait after the last failure, given the failures of the last hour."""
    if failures >= settings.LOGIN_ACCOUNT_CEILING:
        return 3600
    if failures <= settings.LOGIN_ACCOUNT_SLOWDOWN_AFTER:
        return 0
    step = failures - settings.LOGIN_ACCOUNT_SLOWDOWN_AFTER - 1
    return min(1 << min(step, 10), MAX_DELAY_SECONDS)  # 2**step; int ** int is typed Any


def seconds_to_wait(request: HttpRequest, username: str) -> int:
    """0 when a login try on this account may check its password now; otherwise how long
    to wait (an upper bound when the hourly ceiling is reached)."""
    username = username.strip().lower()
    failures = ratelimit.recent(SCOPE, username)
    delay = delay_after(failures)
    if delay == 0:
        return 0
    if failures < settings.LOGIN_ACCOUNT_CEILING:
        last = cache.get(_last_failure_key(username))
        delay = int((last or 0) + delay - time.time() + 0.999)
        if delay <= 0:
            return 0
    return 0 if _known_address(request, username) else delay


def _known_address(request: HttpRequest, username: str) -> bool:
    address = client_address(request)
    since = timezone.now() - datetime.timedelta(days=KNOWN_ADDRESS_DAYS)
    # django-axes is untyped.
    return cast(
        bool,
        AccessLog.objects.filter(
            username=username, ip_address=address, attempt_time__gte=since
        ).exists(),
    )


def password_reset_allowed(request: HttpRequest, email: str) -> bool:
    """Counts one password reset request; False past PASSWORD_RESET_PER_ADDRESS from this
    address or PASSWORD_RESET_PER_ACCOUNT for this e-mail in an hour (no e-mail is sent
    then, and the page says the same as when one is: nothing tells whether an account
    exists)."""
    address = client_address(request)
    if not ratelimit.allow("reset-address", address, settings.PASSWORD_RESET_PER_ADDRESS):
        log.warning("Password reset refused: too many from one address")
        return False
    if not ratelimit.allow(
        "reset-account", email.strip().lower(), settings.PASSWORD_RESET_PER_ACCOUNT
    ):
        log.warning("Password reset refused: too many for one account")
        return False
    return True
