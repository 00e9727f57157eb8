"""One rule for the pages: no NUL byte in a query string or a form value. PostgreSQL cannot
store one and no one types it; refusing it here spares every view and form a 500."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.utils.translation import gettext as _


def _has_nul(data: object) -> bool:
    lists = getattr(data, "lists", None)
    if lists is None:
        return False
    return any("\x00" in key or any("\x00" in str(v) for v in values) for key, values in lists())


class RefuseNulMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        # The API refuses them itself, in JSON and naming the field (api/inputs.py).
        if not request.path.startswith("/api/") and (
            "\x00" in request.path or _has_nul(request.GET) or _has_nul(request.POST)
        ):
            return HttpResponseBadRequest(
                _("Requête refusée : elle contient un caractère nul (\\u0000)."),
                content_type="text/plain; charset=utf-8",
            )
        return self.get_response(request)
