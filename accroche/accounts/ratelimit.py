"""Counters of recent events in the default cache (shared by every server process when
DEBUG=0, see settings.CACHES): failed logins per account, password reset e-mails.

An hour is counted in 10-minute buckets: the sum of the current bucket and the six before
it bounds any 60-minute span, so "at most N an hour" holds for every hour, not only for
clock hours (a refusal lasts at most 70 minutes). Only a keyed hash of the account or
address is stored."""

import hashlib
import hmac
import time

from django.conf import settings
from django.core.cache import cache

BUCKET_SECONDS = 600


def digest(value: str) -> str:
    return hmac.new(settings.SECRET_KEY.encode(), value.encode(), hashlib.sha256).hexdigest()[:32]


def _keys(scope: str, ident: str, window: int, now: float) -> list[str]:
    current = int(now // BUCKET_SECONDS)
    count = window // BUCKET_SECONDS + 1
    return [f"rate:{scope}:{digest(ident)}:{current - i}" for i in range(count)]


def recent(scope: str, ident: str, window: int = 3600) -> int:
    """How many events were counted for ``ident`` in the last ``window`` seconds (one read)."""
    found = cache.get_many(_keys(scope, ident, window, time.time()))
    return sum(int(value) for value in found.values())


def count(scope: str, ident: str, window: int = 3600) -> None:
    """Counts one event now."""
    key = _keys(scope, ident, window, time.time())[0]
    timeout = window + 2 * BUCKET_SECONDS
    if cache.add(key, 1, timeout):
        return
    try:
        cache.incr(key)  # atomic in Redis; a read and a write in the database cache
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout)
    else:
        cache.touch(key, timeout)  # the database cache's incr resets it to the default 5 min


def allow(scope: str, ident: str, limit: int, window: int = 3600) -> bool:
    """Counts one event unless ``limit`` were already counted in the window."""
    if recent(scope, ident, window) >= limit:
        return False
    count(scope, ident, window)
    return True
