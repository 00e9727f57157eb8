from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from accroche.access.permissions import Perm
from accroche.www.forms import add_domain_errors
from accroche.www.http import AccrocheRequest, actor_of
from accroche.www.youth_views.enrolment_forms import (
    EnrolmentForm,
    OverrideForm,
    PhaseForm,
    ReferentChangeForm,
)
from accroche.youth.access import get_youth
from accroche.youth.eligibility import Result, evaluate_for
from accroche.youth.enrolments import (
    do_change_phase,
    do_change_referent,
    do_enrol,
    do_override_eligibility,
    enrolment_programmes,
    entry_situation,
    get_enrolment,
    has_follow_up_consent,
    referent_candidates,
)
from accroche.youth.models import Eligibility, Youth


def _back(pk: int) -> str:
    return reverse("youth:detail", args=[pk]) + "#parcours"


def _enrolment_form(request: AccrocheRequest, youth: Youth, data: Any) -> EnrolmentForm:
    actor = actor_of(request)
    return EnrolmentForm(
        data,
        programmes=enrolment_programmes(actor),
        referents=referent_candidates(youth),
        default_referent=actor.membership if actor.can(Perm.BE_REFERENT) else None,
    )


def enrol(request: AccrocheRequest, pk: int) -> HttpResponse:
    actor = actor_of(request)
    youth = get_youth(actor, pk, edit=True)
    form = _enrolment_form(request, youth, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            enrolment = do_enrol(actor, youth, form.cleaned_data)
        except ValidationError as exc:
            add_domain_errors(form, exc)
        else:
            messages.success(
                request,
                _("Parcours ouvert. Éligibilité à l'entrée : %(result)s.")
                % {"result": Eligibility(enrolment.eligibility_status).label},
            )
            return redirect(_back(pk))
    context = {"form": form, "youth": youth, "has_follow_up_consent": has_follow_up_consent(youth)}
    return render(request, "youth/enrolment_form.html", context)


def eligibility_preview(request: AccrocheRequest, pk: int) -> HttpResponse:
    """The rules evaluated on what the enrolment form holds so far (htmx)."""
    actor = actor_of(request)
    youth = get_youth(actor, pk, edit=True)
    form = _enrolment_form(request, youth, request.GET)
    form.is_valid()
    data = form.cleaned_data
    result = None
    if data.get("programme") and data.get("entry_date"):
        result = evaluate_for(youth, data["programme"], entry_situation(data), data["entry_date"])
    return render(request, "youth/_eligibility.html", {"result": result, "preview": True})


def change_referent(request: AccrocheRequest, pk: int, enrolment_pk: int) -> HttpResponse:
    actor = actor_of(request)
    youth = get_youth(actor, pk, edit=True)
    enrolment = get_enrolment(actor, youth, enrolment_pk, edit=True)
    referents = referent_candidates(youth, enrolment.programme).exclude(pk=enrolment.referent_id)
    form = ReferentChangeForm(request.POST or None, referents=referents)
    if request.method == "POST" and form.is_valid():
        try:
            do_change_referent(
                actor, enrolment, form.cleaned_data["referent"], form.cleaned_data["reason"]
            )
        except ValidationError as exc:
            add_domain_errors(form, exc)
        else:
            messages.success(request, _("Référent·e changé·e."))
            return redirect(_back(pk))
    return render(
        request,
        "youth/referent_form.html",
        {"form": form, "youth": youth, "enrolment": enrolment},
    )


def change_phase(request: AccrocheRequest, pk: int, enrolment_pk: int) -> HttpResponse:
    actor = actor_of(request)
    youth = get_youth(actor, pk, edit=True)
    enrolment = get_enrolment(actor, youth, enrolment_pk, edit=True)
    form = PhaseForm(request.POST or None, enrolment=enrolment)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            do_change_phase(actor, enrolment, data["act"], data["on"], data["note"])
        except ValidationError as exc:
            add_domain_errors(form, exc)
        else:
            messages.success(request, _("Phase du parcours mise à jour."))
            return redirect(_back(pk))
    return render(
        request, "youth/phase_form.html", {"form": form, "youth": youth, "enrolment": enrolment}
    )


def override(request: AccrocheRequest, pk: int, enrolment_pk: int) -> HttpResponse:
    actor = actor_of(request)
    actor.require(Perm.OVERRIDE_ELIGIBILITY)
    youth = get_youth(actor, pk, edit=True)
    enrolment = get_enrolment(actor, youth, enrolment_pk, edit=True)
    form = OverrideForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            do_override_eligibility(actor, enrolment, data["decision"], data["reason"])
        except ValidationError as exc:
            add_domain_errors(form, exc)
        else:
            messages.success(request, _("Décision enregistrée."))
            return redirect(_back(pk))
    return render(
        request,
        "youth/override_form.html",
        {
            "form": form,
            "youth": youth,
            "enrolment": enrolment,
            "result": Result.from_json(enrolment.eligibility),
        },
    )
