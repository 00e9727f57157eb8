"""Calls for projects of a programme and the projects proposed to them."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from accroche.access.permissions import Perm
from accroche.organisations.programmes import can_edit_programme, get_programme
from accroche.projects.calls import (
    can_edit_project,
    can_propose,
    can_report,
    do_create_call,
    do_decide,
    do_propose_project,
    do_report,
    do_update_call,
    do_update_project,
    get_call,
    get_project,
    is_open,
    projects_visible_to,
    proposing_structures,
    with_content,
)
from accroche.projects.indicators import call_rollup, programme_rollup, reported_by_project
from accroche.projects.models import Call, Decision
from accroche.www.forms import add_domain_errors
from accroche.www.http import AccrocheRequest, actor_of
from accroche.www.projects_views.forms import CallForm, DecisionForm, ProjectForm, ReportForm
from accroche.www.territory_views.service_forms import theme_groups


def calls(request: AccrocheRequest, pk: int) -> HttpResponse:
    actor = actor_of(request)
    actor.require(Perm.VIEW_TERRITORY)
    programme = get_programme(actor, pk)
    items = list(Call.objects.filter(programme=programme).order_by("-opens_on"))
    return render(
        request,
        "projects/calls.html",
        {
            "programme": programme,
            "calls": [{"call": c, "open": is_open(c)} for c in items],
            "rollup": programme_rollup(programme),
            "can_edit": can_edit_programme(actor, programme),
        },
    )


def _call_form(request: AccrocheRequest, form: CallForm, **context: Any) -> HttpResponse:
    return render(request, "projects/call_form.html", {"form": form, **context})


def call_create(request: AccrocheRequest, pk: int) -> HttpResponse:
    actor = actor_of(request)
    programme = get_programme(actor, pk, edit=True)
    form = CallForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            call = do_create_call(actor, programme, form.cleaned_data)
        except ValidationError as exc:
            add_domain_errors(form, exc)
        else:
            messages.success(request, _("Appel à projets créé."))
            return redirect("projects:call", call.pk)
    return _call_form(request, form, programme=programme, call=None)


def call_edit(request: AccrocheRequest, pk: int) -> HttpResponse:
    actor = actor_of(request)
    call = get_call(actor, pk, edit=True)
    form = CallForm(request.POST or None, instance=call)
    if request.method == "POST" and form.is_valid():
        try:
            do_update_call(actor, call, form.cleaned_data)
        except ValidationError as exc:
            add_domain_errors(form, exc)
        else:
            messages.success(request, _("Modifications enregistrées."))
            return redirect("projects:call", call.pk)
    return _call_form(request, form, programme=call.programme, call=call)


def call_detail(request: AccrocheRequest, pk: int) -> HttpResponse:
    actor = actor_of(request)
    actor.require(Perm.VIEW_TERRITORY)
    call = get_call(actor, pk)
    projects = list(with_content(projects_visible_to(actor).filter(call=call)))
    reported = reported_by_project(p.pk for p in projects)
    return render(
        request,
        "projects/call.html",
        {
            "call": call,
            "programme": call.programme,
            "open": is_open(call),
            "rows": [{"project": p, "reported": reported.get(p.pk)} for p in projects],
            "rollup": call_rollup(call),
            "can_edit": can_edit_programme(actor, call.programme),
            "can_propose": can_propose(actor, call),
        },
    )


def _project_form(request: AccrocheRequest, form: ProjectForm, **context: Any) -> HttpResponse:
    return render(
        request,
        "projects/project_form.html",
        {"form": form, "theme_groups": theme_groups(form), **context},
    )


def project_propose(request: AccrocheRequest, pk: int) -> HttpResponse:
    actor = actor_of(request)
    call = get_call(actor, pk)
    if not can_propose(actor, call):
        raise Http404
    holders = proposing_structures(actor, call)
    form = ProjectForm(request.POST or None, holders=holders)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data | {"holder": form.cleaned_data.get("holder") or holders.first()}
        try:
            project = do_propose_project(actor, call, data)
        except ValidationError as exc:
            add_domain_errors(form, exc)
        else:
            messages.success(request, _("Projet déposé."))
            return redirect("projects:project", project.pk)
    return _project_form(request, form, call=call, project=None)


def project_detail(request: AccrocheRequest, pk: int) -> HttpResponse:
    actor = actor_of(request)
    project = get_project(actor, pk)
    reports = list(project.reports.all())
    return render(
        request,
        "projects/project.html",
        {
            "project": project,
            "call": project.call,
            "reports": reports,
            "totals": reported_by_project([project.pk]).get(project.pk),
            "can_edit": can_edit_project(actor, project),
            "can_decide": project.decision == Decision.PENDING
            and can_edit_programme(actor, project.call.programme),
            "can_report": can_report(actor, project),
        },
    )


def project_edit(request: AccrocheRequest, pk: int) -> HttpResponse:
    actor = actor_of(request)
    project = get_project(actor, pk)
    if not can_edit_project(actor, project):
        raise Http404
    form = ProjectForm(
        request.POST or None, instance=project, holders=proposing_structures(actor, project.call)
    )
    if request.method == "POST" and form.is_valid():
        try:
            do_update_project(actor, project, form.cleaned_data)
        except ValidationError as exc:
            add_domain_errors(form, exc)
        else:
            messages.success(request, _("Modifications enregistrées."))
            return redirect("projects:project", project.pk)
    return _project_form(request, form, call=project.call, project=project)


def project_decide(request: AccrocheRequest, pk: int) -> HttpResponse:
    actor = actor_of(request)
    project = get_project(actor, pk)
    if not can_edit_programme(actor, project.call.programme):
        raise Http404
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            do_decide(
                actor,
                project,
                data["decision"],
                amount_granted=data["amount_granted"],
                note=data["note"],
            )
        except ValidationError as exc:
            add_domain_errors(form, exc)
        else:
            messages.success(request, _("Décision enregistrée."))
            return redirect("projects:call", project.call_id)
    return render(request, "projects/decide.html", {"form": form, "project": project})


def project_report(request: AccrocheRequest, pk: int) -> HttpResponse:
    actor = actor_of(request)
    project = get_project(actor, pk)
    if not can_report(actor, project):
        raise Http404
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            do_report(actor, project, form.cleaned_data)
        except ValidationError as exc:
            add_domain_errors(form, exc)
        else:
            messages.success(request, _("Bilan enregistré."))
            return redirect("projects:project", project.pk)
    return render(request, "projects/report_form.html", {"form": form, "project": project})
