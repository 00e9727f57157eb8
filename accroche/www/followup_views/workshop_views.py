"""Workshops: the list, a workshop and its sessions, and the attendance of a session,
taken on a phone by the facilitating structure."""

import datetime

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accroche.access.permissions import Perm
from accroche.followup.hours import monday_of, weekly_hours
from accroche.followup.models import WorkshopSession
from accroche.followup.workshops import (
    MARKS,
    can_manage,
    do_add_session,
    do_create_workshop,
    do_mark_attendance,
    do_update_workshop,
    facilitator_choices,
    get_attendance,
    get_session,
    get_workshop,
    roster,
    with_counts,
    workshop_programmes,
    workshops_visible_to,
)
from accroche.organisations.models import Structure
from accroche.www.followup_views.common import form_page
from accroche.www.followup_views.workshop_forms import SessionForm, WorkshopEditForm, WorkshopForm
from accroche.www.forms import add_domain_errors
from accroche.www.http import AccrocheRequest, actor_of


def workshop_list(request: AccrocheRequest) -> HttpResponse:
    actor = actor_of(request)
    actor.require(Perm.VIEW_YOUTH)
    now = timezone.now()
    sessions = with_counts(
        WorkshopSession.objects.filter(
            workshop__in=workshops_visible_to(actor),
            starts_at__gte=now - datetime.timedelta(days=7),
        ).select_related("workshop__structure")
    ).order_by("starts_at", "pk")[:40]
    workshops = workshops_visible_to(actor).select_related("structure", "programme")
    return render(
        request,
        "followup/workshops.html",
        {
            "sessions": sessions,
            "workshops": workshops,
            "now": now,
            "can_create": actor.can(Perm.EDIT_YOUTH) and workshop_programmes(actor).exists(),
        },
    )


def workshop_create(request: AccrocheRequest) -> HttpResponse:
    actor = actor_of(request)
    actor.require(Perm.EDIT_YOUTH)
    programmes = workshop_programmes(actor)
    structures = Structure.objects.filter(
        pk__in=[s.pk for p in programmes for s in facilitator_choices(p)]
    )
    form = WorkshopForm(
        request.POST or None,
        initial={"structure": actor.structure},
        programmes=programmes,
        structures=structures,
    )
    if request.method == "POST" and form.is_valid():
        try:
            workshop = do_create_workshop(actor, form.cleaned_data)
        except ValidationError as exc:
            add_domain_errors(form, exc)
        else:
            messages.success(request, _("Atelier créé : ajoutez ses séances."))
            return redirect("followup:workshop", workshop.pk)
    return form_page(
        request,
        form,
        title=_("Nouvel atelier"),
        submit=_("Créer l'atelier"),
        back=reverse("followup:workshops"),
    )


def workshop_detail(request: AccrocheRequest, pk: int) -> HttpResponse:
    actor = actor_of(request)
    workshop = get_workshop(actor, pk)
    manage = can_manage(actor, workshop)
    form = SessionForm(request.POST or None) if manage else None
    if form is not None and request.method == "POST" and form.is_valid():
        try:
            do_add_session(actor, workshop, form.cleaned_data)
        except ValidationError as exc:
            add_domain_errors(form, exc)
        else:
            messages.success(request, _("Séance ajoutée."))
            return redirect("followup:workshop", pk)
    return render(
        request,
        "followup/workshop.html",
        {
            "workshop": workshop,
            "sessions": with_counts(workshop.sessions.all()),
            "form": form,
            "manage": manage,
            "now": timezone.now(),
        },
    )


def workshop_edit(request: AccrocheRequest, pk: int) -> HttpResponse:
    actor = actor_of(request)
    workshop = get_workshop(actor, pk, manage=True)
    initial = {name: getattr(workshop, name) for name in WorkshopEditForm.base_fields}
    form = WorkshopEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            do_update_workshop(actor, workshop, form.cleaned_data)
        except ValidationError as exc:
            add_domain_errors(form, exc)
        else:
            messages.success(request, _("Atelier modifié."))
            return redirect("followup:workshop", pk)
    return form_page(
        request,
        form,
        title=_("Modifier l'atelier"),
        submit=_("Enregistrer"),
        back=reverse("followup:workshop", args=[pk]),
    )


def session_detail(request: AccrocheRequest, pk: int) -> HttpResponse:
    """The roster and its attendance, with each young person's hours that week."""
    actor = actor_of(request)
    session = get_session(actor, pk)
    found = roster(actor, session)
    day = timezone.localtime(session.starts_at).date()
    hours = weekly_hours([a.youth_id for a in found.rows], day, day)
    monday = monday_of(day)
    rows = [{"attendance": a, "week": hours.get(a.youth_id, {}).get(monday)} for a in found.rows]
    return render(
        request,
        "followup/session.html",
        {
            "session": session,
            "workshop": session.workshop,
            "rows": rows,
            "hidden": found.hidden,
            "total": found.total,
            "manage": can_manage(actor, session.workshop),
            "marks": MARKS,
            "started": session.starts_at <= timezone.now(),
            "error": "",
        },
    )


@require_POST
def mark(request: AccrocheRequest, pk: int, attendance_pk: int) -> HttpResponse:
    """htmx: one row of the roster; without htmx, back to the roster."""
    actor = actor_of(request)
    session = get_session(actor, pk, manage=True)
    attendance = get_attendance(actor, session, attendance_pk)
    error = ""
    try:
        do_mark_attendance(actor, attendance, request.POST.get("status", ""))
    except ValidationError as exc:
        error = " ".join(exc.messages)
    if not request.htmx:
        if error:
            messages.error(request, error)
        return redirect("followup:session", pk)
    day = timezone.localtime(session.starts_at).date()
    week = weekly_hours([attendance.youth_id], day, day).get(attendance.youth_id, {})
    return render(
        request,
        "followup/_attendance_row.html",
        {
            "row": {"attendance": attendance, "week": week.get(monday_of(day))},
            "session": session,
            "manage": True,
            "marks": MARKS,
            "started": session.starts_at <= timezone.now(),
            "error": error,
        },
    )
