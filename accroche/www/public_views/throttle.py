"""A small rate limit for public forms, in Django's default cache (shared by every server
process, see settings.CACHES): accroche/accounts/ratelimit.py counts the last hour, keeping
only a keyed hash of the address."""

from django.conf import settings
from django.http import HttpRequest

from accroche.accounts import ratelimit


def client_ip(request: HttpRequest) -> str:
    """Behind our HTTPS reverse proxy, the address it saw is the last one it appended."""
    if getattr(settings, "SECURE_PROXY_SSL_HEADER", None):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return forwarded.split(",")[-1].strip()
    return request.META.get("REMOTE_ADDR", "")


def over_limit(request: HttpRequest, scope: str, limit: int, window: int = 3600) -> bool:
    """Count one more attempt; True once ``limit`` were already accepted in the last
    ``window`` seconds (a multiple of ten minutes)."""
    return not ratelimit.allow(f"public-{scope}", client_ip(request), limit, window)
