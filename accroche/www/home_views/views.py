from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import cache_control

from accroche.access.permissions import Perm
from accroche.followup.alerts import home_alerts
from accroche.organisations.models import Participation, Programme
from accroche.territory.lookup import commune_label, qpv_choices, resolve_commune, search_communes
from accroche.www.http import AccrocheRequest
from accroche.www.jinja import render_fragment
from accroche.youth.access import count_visible


def home(request: AccrocheRequest) -> HttpResponse:
    actor = request.actor
    if actor is None:
        return render(request, "www/no_membership.html")
    mine = Participation.objects.filter(structure_id=actor.structure_id).values("programme_id")
    programmes = (
        Programme.objects.filter(pk__in=mine)
        .select_related("lead_structure")
        .annotate(structure_count=Count("participations"))
        .order_by("-start_date")
    )
    youth_count = count_visible(actor) if actor.can(Perm.VIEW_YOUTH) else None
    return render(
        request,
        "www/home.html",
        {
            "programmes": programmes,
            "youth_count": youth_count,
            "can_edit_youth": actor.can(Perm.EDIT_YOUTH),
            "can_manage_programmes": actor.can(Perm.MANAGE_PROGRAMMES),
            # Up to forty names, links and counts: a Jinja2 fragment (accroche/www/jinja.py).
            "followup_alerts": render_fragment(
                "followup/_home_alerts.html", {"followup_alerts": home_alerts(actor)}, request
            ),
        },
    )


@cache_control(max_age=3600, private=True)
def commune_suggestions(request: HttpRequest) -> HttpResponse:
    # htmx sends the input under its own field name: take whatever was typed.
    query = next(iter(request.GET.values()), "")
    assert isinstance(query, str)
    labels = [commune_label(c) for c in search_communes(query)]
    return render(request, "www/commune_suggestions.html", {"labels": labels})


def qpv_options(request: HttpRequest) -> HttpResponse:
    typed = next(iter(request.GET.values()), "")
    commune = resolve_commune(typed if isinstance(typed, str) else "")
    return render(request, "www/qpv_options.html", {"choices": qpv_choices(commune)})
