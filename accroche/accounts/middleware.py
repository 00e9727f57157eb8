import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.middleware import LoginRequiredMiddleware as DjangoLoginRequired
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from accroche.accounts.signals import LOGIN_AT_KEY

TOUCHED_AT_KEY = "accroche_touched_at"


class SessionLifetimeMiddleware:
    """Ends a session 12 hours after login, whatever the activity, and keeps an active one
    alive: the idle timeout is Django's own SESSION_COOKIE_AGE, counted from the last save,
    and a request saves the session when the last save is SESSION_TOUCH_SECONDS old (the
    timeout is thus between SESSION_COOKIE_AGE minus that and SESSION_COOKIE_AGE)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            login_at = request.session.get(LOGIN_AT_KEY)
            if login_at is None or time.time() - login_at > settings.SESSION_ABSOLUTE_SECONDS:
                logout(request)
                messages.info(request, _("Votre session a expiré. Merci de vous reconnecter."))
                return redirect(settings.LOGIN_URL)
            now = int(time.time())
            if now - request.session.get(TOUCHED_AT_KEY, 0) >= settings.SESSION_TOUCH_SECONDS:
                request.session[TOUCHED_AT_KEY] = now  # modified: saved with a new expiry
        return self.get_response(request)


class LoginRequiredMiddleware(DjangoLoginRequired):
    """Every page needs a login unless it opts out (``login_not_required``); the API
    under /api/ authenticates with its own tokens and answers 401, never a redirect."""

    def process_view(
        self,
        request: HttpRequest,
        view_func: Callable[..., Any],
        view_args: Any,
        view_kwargs: Any,
    ) -> HttpResponseBase | None:
        if any(request.path.startswith(prefix) for prefix in settings.LOGIN_EXEMPT_PREFIXES):
            return None
        return super().process_view(request, view_func, view_args, view_kwargs)


class NoStoreMiddleware:
    """Pages shown to a logged-in user must not stay in a shared or browser cache."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.user.is_authenticated or request.path.startswith("/api/"):
            response["Cache-Control"] = "no-store"
        return response


class TwoFactorMiddleware:
    """After the password, a user who needs a second factor reaches only the code page (or
    the enrolment page when they have no device yet), public pages and the logout."""

    ALLOWED_URL_NAMES = frozenset({"two_factor_verify", "two_factor_enrol", "logout"})

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self,
        request: HttpRequest,
        view_func: Callable[..., Any],
        view_args: Any,
        view_kwargs: Any,
    ) -> HttpResponseBase | None:
        from accroche.accounts import two_factor

        if not request.user.is_authenticated or two_factor.is_verified(request):
            return None
        if any(request.path.startswith(prefix) for prefix in settings.LOGIN_EXEMPT_PREFIXES):
            return None
        match = request.resolver_match
        if not getattr(view_func, "login_required", True) or (
            match is not None and match.url_name in self.ALLOWED_URL_NAMES
        ):
            return None
        user = request.user
        if two_factor.has_device(user):
            target = "accounts:two_factor_verify"
        elif two_factor.two_factor_required(user, getattr(request, "memberships", [])):
            target = "accounts:two_factor_enrol"
        else:
            return None
        return redirect_to_login(request.get_full_path(), reverse(target))
