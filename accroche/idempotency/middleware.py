from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse, HttpResponseBase

from accroche.idempotency import records

API_PREFIX = "/api/"


class IdempotencyMiddleware:
    """A POST sent with a key acts once (accroche/idempotency/records.py). The pages' key
    is taken after the CSRF check (``process_view``); the API's once its token is known
    (accroche/api/auth.py calls ``records.claim``). Nothing at all for other methods."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if request.method != "POST":
            return self.get_response(request)
        if request.path.startswith(API_PREFIX):
            key = request.headers.get(records.HEADER)
            if key is not None:
                if not records.valid_key(key):
                    return records.refusal(request, True, "invalid")
                records.start(request, key, api=True)
        try:
            response = self.get_response(request)
        except BaseException:
            records.finish(request, None)
            raise
        records.finish(request, response)
        return response

    def process_view(
        self, request: HttpRequest, view: Callable[..., Any], args: Any, kwargs: Any
    ) -> HttpResponse | None:
        if (
            request.method != "POST"
            or request.path.startswith(API_PREFIX)
            or not request.user.is_authenticated
        ):
            return None
        key = request.headers.get(records.HEADER) or request.POST.get(records.KEY_FIELD)
        if not key:
            return None
        if not records.valid_key(key):
            return records.refusal(request, False, "invalid")
        records.start(request, key, api=False)
        return records.claim(request, request.user.pk)
