"""Referrals: the list by state (late ones flagged), one referral and its acts, the
partner's form and the status of what a partner sent."""

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from accroche.access.actor import Actor
from accroche.access.permissions import Perm
from accroche.outreach import referrals as acts
from accroche.outreach.access import (
    get_referral,
    list_referrals,
    outreach_programmes,
    referrals_visible_to,
    sent_referrals,
)
from accroche.outreach.enums import ReferralState
from accroche.outreach.models import Referral
from accroche.outreach.referrals import do_create_referral, late_filter
from accroche.www.forms import add_domain_errors
from accroche.www.http import AccrocheRequest, actor_of
from accroche.www.outreach_views.drafts import remember_saved
from accroche.www.outreach_views.forms import CloseReferralForm, ReferralForm

PAGE_SIZE = 100
FILTERS = {
    "ouverts": (gettext_lazy("À traiter"), ~Q(state=ReferralState.CLOSED)),
    "retard": (gettext_lazy("En retard"), None),
    "nouveaux": (gettext_lazy("Nouveaux"), Q(state=ReferralState.NEW)),
    "pris": (gettext_lazy("Pris en charge"), Q(state=ReferralState.TAKEN)),
    "contact": (gettext_lazy("Contact établi"), Q(state=ReferralState.CONTACT_MADE)),
    "clos": (gettext_lazy("Clôturés"), Q(state=ReferralState.CLOSED)),
}


def _filter(key: str) -> Q:
    return late_filter() if key == "retard" else FILTERS[key][1]  # type: ignore[return-value]


def referral_list(request: AccrocheRequest) -> HttpResponse:
    actor = actor_of(request)
    if not actor.can(Perm.HANDLE_REFERRALS):
        actor.require(Perm.SEND_REFERRALS)
        return redirect("outreach:referrals_sent")
    key = request.GET.get("etat", "ouverts")
    key = key if key in FILTERS else "ouverts"
    visible = referrals_visible_to(actor)
    counts = visible.aggregate(**{k: Count("pk", filter=_filter(k)) for k in FILTERS})
    referrals = list_referrals(
        actor,
        visible.filter(_filter(key))
        .select_related("commune", "qpv", "taken_by_structure")
        .order_by("due_at", "pk")[:PAGE_SIZE],
    )
    tabs = [
        {"key": k, "label": label, "count": counts[k], "active": k == key}
        for k, (label, _q) in FILTERS.items()
    ]
    return render(
        request,
        "outreach/referrals.html",
        {"referrals": referrals, "tabs": tabs, "key": key, "now": timezone.now()},
    )


def referral_detail(request: AccrocheRequest, pk: int) -> HttpResponse:
    actor = actor_of(request)
    referral = get_referral(actor, pk)
    return render(
        request,
        "outreach/referral.html",
        {
            "referral": referral,
            "mine": referral.taken_by_structure_id == actor.structure_id,
            "close_form": CloseReferralForm(),
        },
    )


def _act(
    request: AccrocheRequest, pk: int, message: str, act: Callable[[Actor, Referral], object]
) -> HttpResponse:
    actor = actor_of(request)
    referral = get_referral(actor, pk)
    try:
        act(actor, referral)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, message)
    return redirect("outreach:referral", pk)


@require_POST
def take(request: AccrocheRequest, pk: int) -> HttpResponse:
    return _act(request, pk, _("Signalement pris en charge par votre structure."), acts.take)


@require_POST
def contact_made(request: AccrocheRequest, pk: int) -> HttpResponse:
    create = request.POST.get("create_youth") == "1"
    return _act(
        request,
        pk,
        _("Contact établi : fiche du jeune créée.") if create else _("Contact établi."),
        lambda actor, referral: acts.mark_contact_made(actor, referral, create_youth=create),
    )


@require_POST
def close(request: AccrocheRequest, pk: int) -> HttpResponse:
    actor = actor_of(request)
    referral = get_referral(actor, pk)
    form = CloseReferralForm(request.POST)
    if form.is_valid():
        try:
            acts.close(
                actor, referral, form.cleaned_data["close_reason"], form.cleaned_data["close_note"]
            )
        except ValidationError as exc:
            add_domain_errors(form, exc)
        else:
            messages.success(request, _("Signalement clôturé."))
            return redirect("outreach:referral", pk)
    return render(
        request,
        "outreach/referral.html",
        {
            "referral": referral,
            "mine": referral.taken_by_structure_id == actor.structure_id,
            "close_form": form,
        },
        status=400,
    )


def referral_create(request: AccrocheRequest) -> HttpResponse:
    actor = actor_of(request)
    actor.require(Perm.SEND_REFERRALS)
    form = ReferralForm(request.POST or None, actor=actor)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            referral, created = do_create_referral(
                actor, data["programme"], data, idempotency_key=data.get("idempotency_key")
            )
        except ValidationError as exc:
            add_domain_errors(form, exc)
        else:
            remember_saved(request, data.get("idempotency_key"))
            messages.success(
                request,
                _("Signalement n° %(pk)s envoyé aux structures du secteur.") % {"pk": referral.pk}
                if created
                else _("Ce signalement était déjà enregistré."),
            )
            if referrals_visible_to(actor).filter(pk=referral.pk).exists():
                return redirect("outreach:referral", referral.pk)
            return redirect("outreach:referrals_sent")
    return render(request, "outreach/referral_form.html", {"form": form})


def referrals_sent(request: AccrocheRequest) -> HttpResponse:
    """What became of the referrals the actor's structure sent: the status, nothing else."""
    actor = actor_of(request)
    actor.require(Perm.SEND_REFERRALS)
    referrals = list_referrals(
        actor,
        sent_referrals(actor)
        .select_related("commune", "taken_by_structure")
        .only(
            "pk", "name", "created_at", "updated_at", "state", "commune__name",
            "taken_by_structure__name", "programme_id",
        )
        .order_by("-created_at", "-pk")[:PAGE_SIZE],
    )  # fmt: skip
    programmes = list(outreach_programmes(actor).order_by("name"))
    return render(
        request, "outreach/referrals_sent.html", {"referrals": referrals, "programmes": programmes}
    )
