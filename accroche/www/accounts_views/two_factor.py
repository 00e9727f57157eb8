"""Second step of the login: a code from the application (or a recovery code), and the
enrolment of the application for a user who has none yet."""

from axes.handlers.proxy import AxesProxyHandler
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.signals import user_login_failed
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST
from django_otp import login as otp_login

from accroche.accounts import lockout, two_factor
from accroche.www.accounts_views.forms import CodeForm
from accroche.www.http import AccrocheRequest


def _next_url(request: AccrocheRequest) -> str:
    wanted = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return wanted
    return "/"


def _locked_out(request: AccrocheRequest, credentials: dict[str, str]) -> HttpResponse:
    """django-axes' middleware turns this into the 429 page; the half-open session ends."""
    request.axes_locked_out = True  # type: ignore[attr-defined]
    request.axes_credentials = credentials  # type: ignore[attr-defined]
    logout(request)
    return HttpResponse(status=429)


def verify(request: AccrocheRequest) -> HttpResponse:
    user = request.user
    if two_factor.is_verified(request):
        return redirect(_next_url(request))
    if not two_factor.has_device(user):
        return redirect("accounts:two_factor_enrol")
    # Wrong codes count toward the same lockout as wrong passwords (django-axes), and each
    # device also backs off exponentially, a counter a new password login does not reset.
    credentials = {"username": user.email}
    if AxesProxyHandler.is_locked(request, credentials):
        return _locked_out(request, credentials)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        result = two_factor.check_code(request, user, form.cleaned_data["code"])
        if result.ok:
            # A new session key once fully signed in: one seen before the code is worthless.
            request.session.cycle_key()
            if result.recovery_codes_left is not None:
                messages.warning(request, _recovery_warning(result.recovery_codes_left))
            return redirect(_next_url(request))
        if result.wait_until is not None:
            seconds = max(1, int((result.wait_until - timezone.now()).total_seconds()))
            form.add_error(
                "code",
                ngettext(
                    "Trop d'essais. Attendez %(seconds)s seconde avant de réessayer.",
                    "Trop d'essais. Attendez %(seconds)s secondes avant de réessayer.",
                    seconds,
                )
                % {"seconds": seconds},
            )
        else:
            lockout.note_failure(user.email)
            user_login_failed.send(sender=__name__, credentials=credentials, request=request)
            if getattr(request, "axes_locked_out", False):
                return _locked_out(request, credentials)
            form.add_error("code", _("Ce code ne convient pas. Vérifiez-le et réessayez."))
    return render(
        request, "accounts/two_factor_verify.html", {"form": form, "next": _next_url(request)}
    )


def _recovery_warning(left: int) -> str:
    return ngettext(
        "Code de secours utilisé : il ne servira plus. Il vous en reste %(count)s ; "
        "générez-en de nouveaux depuis « Mon compte ».",
        "Code de secours utilisé : il ne servira plus. Il vous en reste %(count)s ; "
        "générez-en de nouveaux depuis « Mon compte ».",
        left,
    ) % {"count": left}


def enrol(request: AccrocheRequest) -> HttpResponse:
    user = request.user
    # With a device already, only a verified session may replace it (a password alone may not).
    if two_factor.has_device(user) and not two_factor.is_verified(request):
        return redirect("accounts:two_factor_verify")
    device = two_factor.pending_device(user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = two_factor.do_confirm_enrolment(device, form.cleaned_data["code"])
        if codes is not None:
            otp_login(request, device)
            request.session.cycle_key()
            return render(
                request,
                "accounts/two_factor_recovery_codes.html",
                {"codes": codes, "next": _next_url(request), "enrolled": True},
            )
        form.add_error(
            "code",
            _(
                "Ce code ne correspond pas. Vérifiez l'heure du téléphone et saisissez le code "
                "affiché maintenant."
            ),
        )
    return render(
        request,
        "accounts/two_factor_enrol.html",
        {
            "form": form,
            "qr_svg": two_factor.qr_svg(device),
            "key": two_factor.readable_key(device),
            "next": _next_url(request),
        },
    )


@require_POST
def new_recovery_codes(request: AccrocheRequest) -> HttpResponse:
    if not two_factor.has_device(request.user):
        return redirect("accounts:two_factor_enrol")
    codes = two_factor.do_new_recovery_codes(request.user)
    return render(
        request,
        "accounts/two_factor_recovery_codes.html",
        {"codes": codes, "next": "/", "enrolled": False},
    )
