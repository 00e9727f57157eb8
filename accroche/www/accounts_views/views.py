from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import PasswordResetForm
from django.core.exceptions import NON_FIELD_ERRORS
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accroche.accounts import lockout, two_factor
from accroche.accounts.models import ApiToken
from accroche.accounts.tokens import do_create_token, do_revoke_token
from accroche.www.accounts_views.forms import EmailAuthenticationForm, TokenCreateForm
from accroche.www.http import AccrocheRequest
from accroche.www.middleware import SESSION_KEY


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = EmailAuthenticationForm
    redirect_authenticated_user = True

    def form_invalid(self, form: EmailAuthenticationForm) -> HttpResponse:  # type: ignore[override]
        response = super().form_invalid(form)
        if form.has_error(NON_FIELD_ERRORS, "throttled"):
            response.status_code = 429
        return response


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "accounts/password_reset.html"
    email_template_name = "accounts/password_reset_email.txt"
    subject_template_name = "accounts/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")

    def form_valid(self, form: PasswordResetForm) -> HttpResponse:
        if not lockout.password_reset_allowed(self.request, form.cleaned_data["email"]):
            return HttpResponseRedirect(self.get_success_url())  # the same answer, no e-mail
        return super().form_valid(form)


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"


def switch_structure(request: AccrocheRequest) -> HttpResponse:
    memberships = request.memberships
    if request.method == "POST":
        wanted = request.POST.get("membership")
        chosen = next((m for m in memberships if str(m.pk) == wanted), None)
        if chosen is None:
            messages.error(request, _("Choisissez une de vos structures."))
        else:
            request.session[SESSION_KEY] = chosen.pk
            messages.success(
                request,
                _("Vous travaillez maintenant pour %(structure)s.")
                % {"structure": chosen.structure.name},
            )
            return redirect("www:home")
    return render(request, "accounts/switch_structure.html", {"memberships": memberships})


def tokens(request: AccrocheRequest) -> HttpResponse:
    memberships = request.memberships
    secret = None
    form = TokenCreateForm(request.POST or None, memberships=memberships)
    if request.method == "POST" and form.is_valid():
        _token, secret = do_create_token(
            request.user,
            form.cleaned_data["membership"],
            form.cleaned_data["name"],
            form.cleaned_data["scope"] or ApiToken.Scope.READ,
        )
        form = TokenCreateForm(memberships=memberships)
    user_tokens = ApiToken.objects.filter(user=request.user).select_related("membership__structure")
    return render(
        request,
        "accounts/tokens.html",
        {
            "form": form,
            "tokens": user_tokens,
            "secret": secret,
            "has_two_factor": two_factor.has_device(request.user),
        },
    )


@require_POST
def revoke_token(request: AccrocheRequest, token_id: int) -> HttpResponse:
    if do_revoke_token(request.user, token_id):
        messages.success(request, _("Le jeton a été révoqué : il ne fonctionne plus."))
    return redirect("accounts:tokens")
