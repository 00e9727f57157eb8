"""The territory's front page, the coverage of a programme's territory, and the
"who can help with this, here" partial of a young person's file."""

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import render

from accroche.access.permissions import Perm
from accroche.organisations.programmes import can_edit_programme, get_programme, list_programmes
from accroche.partner_services.coverage import Coverage, programme_coverage
from accroche.partner_services.services import structures_for_services
from accroche.partner_services.youth_help import help_for_youth
from accroche.www.http import AccrocheRequest, actor_of
from accroche.youth.access import get_youth


def index(request: AccrocheRequest) -> HttpResponse:
    actor = actor_of(request)
    actor.require(Perm.VIEW_TERRITORY)
    return render(
        request,
        "territory/index.html",
        {
            "programmes": list(list_programmes(actor)),
            "can_edit_services": structures_for_services(actor).exists(),
        },
    )


def _map_points(coverage: Coverage) -> list[dict[str, object]]:
    return [
        {
            "name": row.commune.name,
            "lat": row.commune.latitude,
            "lng": row.commune.longitude,
            "gaps": row.gaps,
            "total": len(row.cells),
        }
        for row in coverage.rows
        if row.commune.latitude is not None and row.commune.longitude is not None
    ]


def coverage(request: AccrocheRequest, pk: int) -> HttpResponse:
    actor = actor_of(request)
    actor.require(Perm.VIEW_TERRITORY)
    programme = get_programme(actor, pk)
    all_categories = request.GET.get("domaines") == "tous"
    result = programme_coverage(programme, all_categories=all_categories)
    points = _map_points(result)
    return render(
        request,
        "territory/coverage.html",
        {
            "programme": programme,
            "coverage": result,
            "all_categories": all_categories,
            "map_points": points,  # json_script encodes it, once
            "tile_url": getattr(settings, "MAP_TILE_URL", "") if points else "",
            "tile_attribution": getattr(settings, "MAP_TILE_ATTRIBUTION", ""),
            "can_edit": can_edit_programme(actor, programme),
        },
    )


def who_can_help(request: AccrocheRequest, pk: int) -> HttpResponse:
    """htmx partial, included in the young person's file and action plan."""
    actor = actor_of(request)
    youth = get_youth(actor, pk)
    return render(
        request,
        "territory/_who_can_help.html",
        {"youth": youth, "help": help_for_youth(actor, youth)},
    )
