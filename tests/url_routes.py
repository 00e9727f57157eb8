"""Every route of the URL configuration, for the tests generated from it (a new page is
covered the day it is added)."""

from collections.abc import Iterator
from typing import Any

from django.urls import URLPattern, URLResolver, get_resolver


def routes(patterns: list[Any] | None = None, prefix: str = "") -> Iterator[str]:
    """Each URL pattern's full route as written, without a leading slash."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from routes(pattern.url_patterns, route)
        elif isinstance(pattern, URLPattern):
            yield route
