"""Deployment check: the rate limits (public form, API, login, password reset) count in the
default cache, so a cache private to each process multiplies every limit by the number of
processes."""

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Tags, Warning, register

PER_PROCESS_BACKENDS = frozenset(
    {
        "django.core.cache.backends.locmem.LocMemCache",
        "django.core.cache.backends.dummy.DummyCache",
    }
)


@register(Tags.caches, deploy=True)
def default_cache_is_shared(**kwargs: Any) -> list[CheckMessage]:
    backend = settings.CACHES.get("default", {}).get("BACKEND", "")
    if settings.DEBUG or backend not in PER_PROCESS_BACKENDS:
        return []
    return [
        Warning(
            f"The default cache ({backend}) is private to each process: with several server "
            "processes the rate limits and the login slowdown do not hold.",
            hint="Leave CACHE_BACKEND unset (the database cache), or set CACHE_URL=redis://…",
            id="accounts.W001",
        )
    ]
