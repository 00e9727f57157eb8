"""Places: a name, a kind, a commune, optionally a point picked on a map. The map is a
help, never a need: latitude and longitude are plain fields that work without tiles."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from accroche.access.actor import Actor
from accroche.access.permissions import Perm
from accroche.outreach.access import get_place, places_visible_to
from accroche.outreach.models import Place
from accroche.outreach.places import do_create_place, do_update_place
from accroche.www.forms import add_domain_errors
from accroche.www.http import AccrocheRequest, actor_of
from accroche.www.outreach_views.drafts import remember_saved
from accroche.www.outreach_views.forms import PlaceForm


def _map(actor: Actor, place: Place | None) -> dict[str, object]:
    """Where the map opens: the place's commune, else the structure's, else France."""
    commune = (place.commune if place else None) or actor.structure.commune
    located = commune is not None and commune.latitude is not None
    return {
        "tile_url": settings.MAP_TILE_URL,
        "attribution": settings.MAP_TILE_ATTRIBUTION,
        "lat": commune.latitude if located else 46.6,  # type: ignore[union-attr]
        "lng": commune.longitude if located else 2.4,  # type: ignore[union-attr]
        "zoom": 14 if located else 5,
    }


def place_list(request: AccrocheRequest) -> HttpResponse:
    actor = actor_of(request)
    actor.require(Perm.RECORD_OUTREACH)
    places = list(
        places_visible_to(actor)
        .select_related("commune", "qpv")
        .annotate(session_count=Count("sessions"))
        .order_by("-is_active", "name")
    )
    return render(request, "outreach/places.html", {"places": places})


def place_create(request: AccrocheRequest) -> HttpResponse:
    actor = actor_of(request)
    actor.require(Perm.RECORD_OUTREACH)
    form = PlaceForm(request.POST or None, actor=actor)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            place, _created = do_create_place(
                actor, data, idempotency_key=data.get("idempotency_key")
            )
        except ValidationError as exc:
            add_domain_errors(form, exc)
        else:
            remember_saved(request, data.get("idempotency_key"))
            messages.success(request, _("Lieu « %(name)s » ajouté.") % {"name": place.name})
            return redirect("outreach:places")
    return render(
        request, "outreach/place_form.html", {"form": form, "place": None, "map": _map(actor, None)}
    )


def place_edit(request: AccrocheRequest, pk: int) -> HttpResponse:
    actor = actor_of(request)
    place = get_place(actor, pk)
    form = PlaceForm(
        request.POST or None,
        actor=actor,
        place=place,
        initial={
            "name": place.name,
            "kind": place.kind,
            "commune": place.commune,
            "qpv": place.qpv,
            "latitude": place.latitude,
            "longitude": place.longitude,
            "is_active": place.is_active,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            do_update_place(actor, place, form.cleaned_data)
        except ValidationError as exc:
            add_domain_errors(form, exc)
        else:
            messages.success(request, _("Lieu mis à jour."))
            return redirect("outreach:places")
    return render(
        request,
        "outreach/place_form.html",
        {"form": form, "place": place, "map": _map(actor, place)},
    )
