"""A small rate limit for public forms, in Django's default cache (shared by every server
process, see settings.CACHES): accroche/accounts/ratelimit.py counts the last hour, keeping
only a keyed hash of the address."""

from django.http import HttpRequest

from accroche.accounts import ratelimit
from accroche.accounts.lockout import client_address


def over_limit(request: HttpRequest, scope: str, limit: int, window: int = 3600) -> bool:
    """Count one more attempt; True once ``limit`` were already accepted in the last
    ``window`` seconds (a multiple of ten minutes)."""
    return not ratelimit.allow(f"public-{scope}", client_address(request), limit, window)
