from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from accroche.www.forms import add_domain_errors
from accroche.www.http import AccrocheRequest, actor_of
from accroche.www.youth_views.consent_forms import ConsentForm, WithdrawForm
from accroche.youth.access import get_youth
from accroche.youth.consents import do_record_consent, do_withdraw_consent, get_consent


def _back(pk: int) -> str:
    return reverse("youth:detail", args=[pk]) + "#consentements"


def consent_create(request: AccrocheRequest, pk: int) -> HttpResponse:
    actor = actor_of(request)
    youth = get_youth(actor, pk, edit=True)
    form = ConsentForm(request.POST or None, youth=youth)
    if request.method == "POST" and form.is_valid():
        try:
            do_record_consent(actor, youth, form.domain_data())
        except ValidationError as exc:
            add_domain_errors(form, exc)
        else:
            messages.success(request, _("Consentement enregistré."))
            return redirect(_back(pk))
    return render(request, "youth/consent_form.html", {"form": form, "youth": youth})


def consent_withdraw(request: AccrocheRequest, pk: int, consent_pk: int) -> HttpResponse:
    actor = actor_of(request)
    youth = get_youth(actor, pk, edit=True)
    consent = get_consent(youth, consent_pk)
    form = WithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            do_withdraw_consent(actor, consent, form.cleaned_data["withdrawn_on"])
        except ValidationError as exc:
            add_domain_errors(form, exc)
        else:
            messages.success(request, _("Retrait enregistré : il prend effet tout de suite."))
            return redirect(_back(pk))
    return render(
        request, "youth/consent_withdraw.html", {"form": form, "youth": youth, "consent": consent}
    )
