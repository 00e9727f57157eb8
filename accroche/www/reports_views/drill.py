"""The records behind a dashboard figure, as the current user may see them, with a line
saying how many more exist that are not theirs to see."""

from typing import Any

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from accroche.followup.models import BudgetLine
from accroche.outreach.models import Place
from accroche.reports.drill import SESSION_KEYS, can_drill, drill_sessions, drill_youths
from accroche.reports.filters import parse_filter
from accroche.www.http import AccrocheRequest, actor_of
from accroche.www.reports_views.registry import perm_of

TITLES = {
    "contacts": _("Sorties dont les comptages font les contacts anonymes"),
    "place": _("Sorties passées par ce lieu"),
    "identified": _("Jeunes identifiés sur la période"),
    "diagnosed": _("Jeunes diagnostiqués sur la période"),
    "enrolled": _("Jeunes entrés en accompagnement sur la période"),
    "handed_off": _("Jeunes orientés (relais envoyé) sur la période"),
    "handed_off_spe": _("Jeunes orientés vers le service public de l'emploi"),
    "cej": _("Jeunes orientés vers le CEJ ou sortis en CEJ"),
    "positive_exit": _("Jeunes sortis positivement sur la période"),
    "attended": _("Jeunes présents à un atelier sur la période"),
    "active": _("Jeunes ayant des heures d'activité sur la période"),
    "all_enrolled": _("Jeunes entrés dans le dispositif depuis son début"),
    "aid": _("Jeunes ayant reçu une aide accordée ou payée"),
}


def _pk(request: AccrocheRequest, name: str) -> int:
    """The id in the query string, 0 (which matches nothing) when missing or wrong."""
    value = request.GET.get(name, "")
    return int(value) if value.isdigit() else 0


def drill(request: AccrocheRequest, key: str) -> HttpResponse:
    actor = actor_of(request)
    actor.require(perm_of("dashboard"))
    if key not in TITLES or not can_drill(actor, key):
        raise Http404
    _form, report = parse_filter(actor, request.GET)
    if report is None:
        raise Http404
    context: dict[str, Any] = {
        "key": key,
        "title": TITLES[key],
        "report": report,
        "tab": "dashboard",
    }
    if key in SESSION_KEYS:
        place = None
        if key == "place":
            place = Place.objects.filter(
                programme=report.programme, pk=_pk(request, "place")
            ).first()
            if place is None:
                raise Http404
        context.update(drilled=drill_sessions(actor, report, place), sessions=True, subject=place)
    else:
        line = None
        if key == "aid" and request.GET.get("line"):
            line = BudgetLine.objects.filter(
                programme=report.programme, pk=_pk(request, "line")
            ).first()
            if line is None:
                raise Http404
        context.update(drilled=drill_youths(actor, report, key, line), sessions=False, subject=line)
    context["query"] = report.querystring()
    return render(request, "reports/drill.html", context)
