"""API rate limits: per user (whatever the token, so that making tokens does not multiply
the allowance) and per address for requests that fail authentication. The rates come
from the settings at each request (API_RATE_USER, API_RATE_ANON)."""

import math

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import Throttled
from ninja.throttling import SimpleRateThrottle

from accroche.accounts.lockout import client_address


class _SettingsRateThrottle(SimpleRateThrottle):
    setting = ""

    def __init__(self) -> None:
        super().__init__(rate=getattr(settings, self.setting))

    def allow_request(self, request: HttpRequest) -> bool:
        self.rate = getattr(settings, self.setting)
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request)


class UserThrottle(_SettingsRateThrottle):
    """Counts the requests of a token's owner: runs after authentication."""

    scope = "user"
    setting = "API_RATE_USER"

    def get_cache_key(self, request: HttpRequest) -> str | None:
        token = getattr(request, "auth", None)
        if token is None:
            return None
        return self.cache_format % {"scope": self.scope, "ident": token.user_id}


class AnonymousThrottle(_SettingsRateThrottle):
    """Counts, per address, the requests whose token is missing or wrong."""

    scope = "anon"
    setting = "API_RATE_ANON"

    def get_cache_key(self, request: HttpRequest) -> str | None:
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}

    def get_ident(self, request: HttpRequest) -> str:
        # ninja's own would take a client-written X-Forwarded-For as the address: a new one
        # on each request would escape the limit.
        return client_address(request)


def check_anonymous(request: HttpRequest) -> None:
    throttle = AnonymousThrottle()
    if not throttle.allow_request(request):
        wait = throttle.wait()
        raise Throttled(wait=math.ceil(wait) if wait is not None else None)


def install(api: NinjaAPI) -> None:
    @api.exception_handler(Throttled)
    def on_throttled(request: HttpRequest, exc: Throttled) -> HttpResponse:
        response = api.create_response(
            request,
            {
                "detail": _(
                    "Trop de requêtes : la limite de l'API est atteinte. "
                    "Réessayez dans quelques minutes."
                )
            },
            status=429,
        )
        if exc.wait is not None:
            response["Retry-After"] = str(math.ceil(exc.wait))
        return response
