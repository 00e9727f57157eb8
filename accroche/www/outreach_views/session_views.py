"""The mediator's phone path: start a session, tap counters, add contacts, end."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q, Sum
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accroche.access.permissions import Perm
from accroche.organisations.models import Structure
from accroche.outreach.access import (
    contacts_visible_to,
    get_session,
    list_contacts,
    outreach_programmes,
    places_visible_to,
    referrals_visible_to,
    sessions_visible_to,
)
from accroche.outreach.enums import (
    AGE_BAND_SHORT,
    CHANNEL_SHORT,
    AgeBand,
    Channel,
    CountGender,
    Modality,
)
from accroche.outreach.models import OutreachSession
from accroche.outreach.referrals import late_filter
from accroche.outreach.sessions import (
    count_grid,
    count_totals,
    default_programme,
    do_count,
    do_end_session,
    do_start_session,
    do_update_session,
    last_places,
    structure_members,
)
from accroche.www.forms import add_domain_errors
from accroche.www.http import AccrocheRequest, actor_of
from accroche.www.outreach_views.drafts import remember_saved
from accroche.www.outreach_views.forms import SessionEditForm, StartSessionForm

RECENT = 12


def open_session_of(request: AccrocheRequest) -> OutreachSession | None:
    """The user's session still running in the current structure, if any."""
    actor = actor_of(request)
    return (
        sessions_visible_to(actor)
        .filter(structure_id=actor.structure_id, ended_at__isnull=True)
        .filter(Q(team=actor.user) | Q(created_by=actor.user))
        .order_by("-started_at")
        .first()
    )


def index(request: AccrocheRequest) -> HttpResponse:
    """Repérage's front page: the running session, the referrals waiting, recent sessions."""
    actor = actor_of(request)
    if not actor.can(Perm.RECORD_OUTREACH):
        actor.require(Perm.SEND_REFERRALS)
        return redirect("outreach:referrals_sent")
    sessions = list(
        sessions_visible_to(actor)
        .select_related("programme")
        .prefetch_related("places")
        .annotate(people=Sum("counts__count"))
        .order_by("-started_at")[:RECENT]
    )
    waiting = referrals_visible_to(actor).aggregate(
        open=Count("pk", filter=Q(state__in=["new", "taken"])),
        late=Count("pk", filter=late_filter()),
    )
    return render(
        request,
        "outreach/index.html",
        {
            "sessions": sessions,
            "running": open_session_of(request),
            "waiting": waiting,
            "programmes": list(outreach_programmes(actor).order_by("name")),
        },
    )


def start(request: AccrocheRequest) -> HttpResponse:
    actor = actor_of(request)
    actor.require(Perm.RECORD_OUTREACH)
    if request.method == "POST":
        # What the form proposes by default matters only to an empty form.
        form = StartSessionForm(request.POST, actor=actor)
    else:
        programme = default_programme(actor)
        if programme is None:
            return render(request, "outreach/no_programme.html")
        last = sessions_visible_to(actor).filter(structure_id=actor.structure_id).first()
        initial = {
            "programme": programme,
            "places": last_places(actor, programme),
            "modality": last.modality if last else Modality.STREET_WALK,
        }
        form = StartSessionForm(actor=actor, initial=initial)
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        try:
            session, created = do_start_session(
                actor,
                {k: data[k] for k in ("programme", "modality", "places", "started_at")},
                idempotency_key=data.get("idempotency_key"),
            )
        except ValidationError as exc:
            add_domain_errors(form, exc)
        else:
            remember_saved(request, data.get("idempotency_key"))
            if created:
                messages.success(request, _("Sortie démarrée. Bon terrain !"))
            return redirect("outreach:session", session.pk)
    if form.is_bound and default_programme(actor) is None:
        return render(request, "outreach/no_programme.html")
    return render(
        request, "outreach/start.html", {"form": form, "running": open_session_of(request)}
    )


def _grid(session: OutreachSession, channel: str) -> dict[str, Any]:
    counts = count_grid(session, channel)
    totals = count_totals(session)
    genders = list(CountGender)
    rows = [
        {
            "band": band.value,
            "label": AGE_BAND_SHORT[band],
            "long_label": band.label,
            "cells": [
                {"gender": g.value, "label": g.label, "count": counts.get((band.value, g.value), 0)}
                for g in genders
            ],
        }
        for band in AgeBand
    ]
    total = sum(totals.values())
    return {
        "session": session,
        "channel": channel,
        "channels": [(c.value, CHANNEL_SHORT[c]) for c in Channel],
        "genders": genders,
        "rows": rows,
        "total": total,
        "via_circle": total - totals.get(Channel.DIRECT, 0),
        "channel_total": sum(counts.values()),
    }


def _channel(value: Any) -> str:
    return value if value in Channel.values else Channel.DIRECT


def session_page(request: AccrocheRequest, pk: int) -> HttpResponse:
    actor = actor_of(request)
    session = get_session(actor, pk)
    contacts = list_contacts(
        actor,
        contacts_visible_to(actor)
        .filter(session=session)
        .select_related("youth", "recorded_by")
        .order_by("-happened_at", "-pk"),
    )
    context = _grid(session, _channel(request.GET.get("canal")))
    context |= {
        "places": list(session.places.all()),
        "team": list(session.team.all()),
        "contacts": contacts,
        "can_edit": session.structure_id == actor.structure_id,
        "now": timezone.now(),
    }
    return render(request, "outreach/session.html", context)


def count(request: AccrocheRequest, pk: int) -> HttpResponse:
    """A tap on the grid (POST), or the grid of another channel (GET, htmx)."""
    actor = actor_of(request)
    error = ""
    if request.method == "POST" and "tap" not in request.POST:
        # Without JavaScript, "Afficher ce canal" only changes the channel shown.
        session = get_session(actor, pk)
        channel = _channel(request.POST.get("channel"))
    elif request.method == "POST":
        session = get_session(actor, pk, edit=True)
        channel = _channel(request.POST.get("channel"))
        band, _sep, rest = request.POST.get("tap", "").partition(":")
        gender, _sep, delta = rest.partition(":")
        try:
            do_count(
                actor, session, age_band=band, gender=gender, channel=channel,
                delta=int(delta) if delta.lstrip("-").isdigit() else 0,
            )  # fmt: skip
        except ValidationError as exc:
            error = " ".join(exc.messages)
    else:
        session = get_session(actor, pk)
        channel = _channel(request.GET.get("channel"))
    if not request.htmx:
        if error:
            messages.error(request, error)
        url = reverse("outreach:session", args=[pk])
        return redirect(f"{url}?canal={channel}#compteur")
    context = _grid(session, channel) | {"error": error, "can_edit": True}
    return render(request, "outreach/_counter_grid.html", context, status=400 if error else 200)


@require_POST
def end(request: AccrocheRequest, pk: int) -> HttpResponse:
    actor = actor_of(request)
    session = get_session(actor, pk, edit=True)
    try:
        do_end_session(actor, session)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Sortie terminée. Merci !"))
    return redirect("outreach:session", pk)


def edit(request: AccrocheRequest, pk: int) -> HttpResponse:
    actor = actor_of(request)
    session = get_session(actor, pk, edit=True)
    programme = session.programme
    structures = Structure.objects.filter(participations__programme=programme).exclude(
        pk=actor.structure_id
    )
    own_and_joint = [actor.structure, *session.partner_structures.all()]
    form = SessionEditForm(
        request.POST or None,
        initial={
            "modality": session.modality,
            "places": list(session.places.all()),
            "started_at": session.started_at,
            "ended_at": session.ended_at,
            "weather": session.weather,
            "team": list(session.team.all()),
            "partner_structures": list(session.partner_structures.all()),
            "note": session.note,
        },
        places=places_visible_to(actor).filter(programme=programme).order_by("name"),
        team=structure_members(own_and_joint),
        structures=structures.order_by("name"),
    )
    if request.method == "POST" and form.is_valid():
        try:
            do_update_session(actor, session, form.cleaned_data)
        except ValidationError as exc:
            add_domain_errors(form, exc)
        else:
            messages.success(request, _("Sortie mise à jour."))
            return redirect("outreach:session", pk)
    return render(request, "outreach/session_edit.html", {"form": form, "session": session})
