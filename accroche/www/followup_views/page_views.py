"""The "Suivi" page of a young person, and the summary the file includes (htmx)."""

from django.http import HttpResponse
from django.shortcuts import render

from accroche.access.permissions import Perm
from accroche.followup.common import today
from accroche.followup.hours import CEJ_MAX, CEJ_MIN
from accroche.followup.models import CheckSituation, FollowUpSituation
from accroche.followup.overview import overview, summary
from accroche.followup.workshops import open_sessions_for
from accroche.www.followup_views.workshop_forms import RegisterForm
from accroche.www.http import AccrocheRequest, actor_of
from accroche.youth.access import get_youth


def page(request: AccrocheRequest, pk: int) -> HttpResponse:
    actor = actor_of(request)
    youth = get_youth(actor, pk)
    can_edit = actor.can(Perm.EDIT_YOUTH) and youth.anonymised_at is None
    sessions = open_sessions_for(actor, youth) if can_edit else None
    return render(
        request,
        "followup/page.html",
        {
            "youth": youth,
            "o": overview(actor, youth),
            "today": today(),
            "can_edit": can_edit,
            "register_form": RegisterForm(sessions=sessions) if sessions is not None else None,
            "has_sessions": bool(sessions),
            "check_choices": CheckSituation.choices,
            "followup_choices": FollowUpSituation.choices,
            "cej": (CEJ_MIN, CEJ_MAX),
        },
    )


def file_summary(request: AccrocheRequest, pk: int) -> HttpResponse:
    """htmx partial for the young person's file."""
    actor = actor_of(request)
    youth = get_youth(actor, pk)
    return render(
        request,
        "followup/_summary.html",
        {"youth": youth, "s": summary(actor, youth), "today": today()},
    )
