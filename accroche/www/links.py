"""URLs reversed once per process. ``reverse()`` walks the URL patterns on every call (tens
of microseconds each); a list of 50 young people with the menu calls it 65 times per page.
The result depends only on the URL configuration and the script prefix, so it is kept."""

import functools

from django.urls import get_script_prefix, reverse

# A number no real id of a page reaches first: it marks where the id goes in the URL.
_MARK = 918_273_645


@functools.cache
def _parts(name: str, prefix: str, with_id: bool) -> tuple[str, str] | None:
    if not with_id:
        return reverse(name), ""
    url = reverse(name, args=[_MARK])
    head, mark, tail = url.partition(str(_MARK))
    if not mark or str(_MARK) in tail:
        return None  # not a plain "…/<id>/…" URL: reverse() every time
    return head, tail


def url_for(name: str, pk: int | None = None) -> str:
    """``reverse(name)`` or ``reverse(name, args=[pk])``, computed once per URL name."""
    parts = _parts(name, get_script_prefix(), pk is not None)
    if parts is None:
        return reverse(name, args=[pk])
    head, tail = parts
    return head if pk is None else f"{head}{int(pk)}{tail}"
