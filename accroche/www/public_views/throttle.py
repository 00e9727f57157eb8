"""A small rate limit for public forms, in Django's cache (no third-party service).

Only a keyed hash of the address is kept, for one window."""

import hashlib
import hmac
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    """Behind our HTTPS reverse proxy, the address it saw is the last one it appended."""
    if getattr(settings, "SECURE_PROXY_SSL_HEADER", None):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return forwarded.split(",")[-1].strip()
    return request.META.get("REMOTE_ADDR", "")


def over_limit(request: HttpRequest, scope: str, limit: int, window: int = 3600) -> bool:
    """Count one more attempt; True once more than ``limit`` came in this window."""
    digest = hmac.new(
        settings.SECRET_KEY.encode(), client_ip(request).encode(), hashlib.sha256
    ).hexdigest()[:32]
    key = f"throttle:{scope}:{digest}:{int(time.time() // window)}"
    cache.add(key, 0, window)
    try:
        count = cache.incr(key)
    except ValueError:  # evicted between add and incr
        cache.set(key, 1, window)
        count = 1
    return count > limit
