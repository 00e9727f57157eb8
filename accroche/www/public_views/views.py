"""Pages without a login: a young person asks to be contacted."""

import uuid

from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache

from accroche.organisations.models import Programme
from accroche.outreach.referrals import do_create_self_referral
from accroche.territory.lookup import commune_label
from accroche.www.forms import add_domain_errors
from accroche.www.http import AccrocheRequest
from accroche.www.public_views.forms import SelfReferralForm
from accroche.www.public_views.throttle import over_limit

LIMIT_PER_HOUR = 5


def _days(programme: Programme) -> int:
    return max(1, round(programme.referral_deadline_hours / 24))


@login_not_required
@never_cache
def self_referral(request: AccrocheRequest, slug: str) -> HttpResponse:
    programme = get_object_or_404(Programme, slug=slug)
    form = SelfReferralForm(request.POST or None)
    if request.method == "POST":
        if over_limit(request, "self_referral", LIMIT_PER_HOUR):
            return render(
                request,
                "public/too_many.html",
                {"programme": programme, "saved_keys": []},
                status=429,
            )
        if form.is_valid():
            data = form.cleaned_data
            key = data.get("idempotency_key")
            thanks = reverse("public:thanks", args=[slug]) + (f"?k={key}" if key else "")
            if data.get("website"):
                return redirect(thanks)  # a robot: say thank you, keep nothing
            try:
                do_create_self_referral(programme, data, idempotency_key=key)
            except ValidationError as exc:
                add_domain_errors(form, exc)
            else:
                return redirect(thanks)
    communes = [commune_label(c) for c in programme.communes.order_by("name")]
    return render(
        request,
        "public/self_referral.html",
        {
            "programme": programme,
            "form": form,
            "communes": communes,
            "days": _days(programme),
            "saved_keys": [],
        },
    )


@login_not_required
def thanks(request: AccrocheRequest, slug: str) -> HttpResponse:
    programme = get_object_or_404(Programme, slug=slug)
    try:
        saved = [str(uuid.UUID(request.GET.get("k", "")))]
    except ValueError:
        saved = []
    return render(
        request,
        "public/thanks.html",
        {"programme": programme, "days": _days(programme), "saved_keys": saved},
    )
