import functools
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from accroche.access.actor import Actor
from accroche.access.permissions import Perm
from accroche.www.http import AccrocheRequest, actor_of
from accroche.www.jinja import render_fragment
from accroche.www.pagination import FirstPagePaginator
from accroche.www.youth_views.forms import (
    YouthFilterForm,
    YouthForm,
    frequented_qpv_choices,
    resolve_communes,
    split_communes,
)
from accroche.youth.access import get_youth, list_youths, structures_seeing
from accroche.youth.consents import consents_of
from accroche.youth.diagnostics import diagnostics_of, log_diagnostics_read
from accroche.youth.enrolments import editable_programme_ids, enrolments_of
from accroche.youth.lists import (
    YouthFilters,
    attach_current,
    filter_choices,
    filter_youths,
    mine_by_default,
)
from accroche.youth.models import Phase, Youth
from accroche.youth.services import do_create_youth, do_update_youth
from accroche.youth.timeline import timeline_for

PAGE_SIZE = 50
# What a row of the list shows (youth/_rows.html), not the forty columns of a file.
ROW_FIELDS = (
    *Youth.NAME_FIELDS,
    "last_contact_at",
    "residence_commune__name",
    "residence_qpv",  # its name by a second query (filter_youths)
)


def list_view(request: AccrocheRequest) -> HttpResponse:
    """ "Mes jeunes": a case worker first sees the young people they are referent of."""
    actor = actor_of(request)
    actor.require(Perm.VIEW_YOUTH)
    # The menus' query runs only when they are shown (not for htmx rows) or a value is checked.
    form = YouthFilterForm(request.GET, places=functools.cache(lambda: filter_choices(actor)))
    form.is_valid()  # an unknown choice is just ignored: the list shows without it
    data = form.cleaned_data
    query = (data.get("q") or "").strip()
    # A name typed in the search box is looked for among every file the actor sees.
    view = data.get("vue") or ("mine" if mine_by_default(actor) and not query else "all")
    filters = YouthFilters(
        mine=view == "mine",
        phase=data.get("phase") or "",
        commune_id=data.get("commune"),
        qpv_id=data.get("qpv"),
        no_contact_days=data.get("sans_contact"),
        query=query,
    )
    paginator = FirstPagePaginator(filter_youths(actor, filters).only(*ROW_FIELDS), PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    youths = list_youths(actor, page.object_list)  # type: ignore[arg-type]
    attach_current(youths)
    for youth in youths:
        phase = getattr(youth, "current_phase", None)
        youth.current_phase_label = Phase(phase).label if phase else ""  # type: ignore[attr-defined]
    query_string = request.GET.copy()
    query_string.pop("page", None)
    context = {
        "form": form,
        "youths": youths,
        "page": page,
        "query_string": query_string.urlencode(),
        "view": view,
        "filtered": any(
            [
                filters.phase,
                filters.commune_id,
                filters.qpv_id,
                filters.no_contact_days,
                filters.query,
            ]
        ),
        "query": filters.query,
        "can_edit": actor.can(Perm.EDIT_YOUTH),
        "me": actor.membership.pk,
    }
    rows = render_fragment("youth/_rows.html", context, request)
    if request.htmx:
        return HttpResponse(rows)
    return render(request, "youth/list.html", {**context, "rows": rows})


def create(request: AccrocheRequest) -> HttpResponse:
    actor = actor_of(request)
    actor.require(Perm.EDIT_YOUTH)
    form = YouthForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            youth = do_create_youth(actor, form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Fiche créée."))
            return redirect("youth:detail", youth.pk)
    return render(request, "youth/form.html", {"form": form, "youth": None})


def detail(request: AccrocheRequest, pk: int) -> HttpResponse:
    actor = actor_of(request)
    youth = get_youth(actor, pk)
    frequented_communes = list(youth.frequented_communes.all())
    frequented_qpvs = list(youth.frequented_qpvs.all())
    consents = list(consents_of(youth))
    enrolments = list(enrolments_of(youth, history=False))
    editable = editable_programme_ids(actor)
    seeing = structures_seeing(youth, consents)
    diagnostics = list(diagnostics_of(youth))
    latest = diagnostics[0] if diagnostics else None
    waiting = [d for d in diagnostics if d.immediate_need_waiting]
    log_diagnostics_read(actor, {d.pk: d for d in [*diagnostics[:1], *waiting]}.values())
    # An anonymised file is read-only (the access layer refuses its changes).
    can_edit = actor.can(Perm.EDIT_YOUTH) and youth.anonymised_at is None
    context = {
        "youth": youth,
        "frequented_communes": frequented_communes,
        "frequented_qpvs": frequented_qpvs,
        "consents": consents,
        "has_follow_up_consent": any(
            c.purpose == c.Purpose.FOLLOW_UP and c.is_active for c in consents
        ),
        "enrolments": [
            {
                "enrolment": e,
                "editable": can_edit and e.programme_id in editable,
                "referent_lost_access": e.is_active and e.referent.structure_id not in seeing,
            }
            for e in enrolments
        ],
        "can_enrol": can_edit
        and bool(editable - {e.programme_id for e in enrolments if e.is_active}),
        "latest": latest,
        "latest_barriers": sorted(
            latest.barriers.all() if latest else [], key=lambda b: (-b.severity, b.category.label)
        ),
        "diagnostic_count": len(diagnostics),
        "waiting_needs": waiting,
        "can_edit": can_edit,
        "can_override": actor.can(Perm.OVERRIDE_ELIGIBILITY),
    }
    return render(request, "youth/detail.html", context)


def timeline(request: AccrocheRequest, pk: int) -> HttpResponse:
    """The file's timeline: loaded by htmx when the file page scrolls to it (it costs as
    much as the rest of the page), a page of its own without JavaScript."""
    actor = actor_of(request)
    youth = get_youth(actor, pk)
    template = "youth/_timeline.html" if request.htmx else "youth/timeline.html"
    return render(request, template, {"youth": youth, "timeline": _timeline_rows(actor, youth)})


def _timeline_rows(actor: Actor, youth: Youth) -> list[dict[str, Any]]:
    rows = []
    for entry in timeline_for(actor, youth):
        url = ""
        if entry.url_name:
            try:
                url = reverse(entry.url_name, args=entry.url_args)
            except NoReverseMatch:
                url = ""
        rows.append({"entry": entry, "url": url})
    return rows


def edit(request: AccrocheRequest, pk: int) -> HttpResponse:
    actor = actor_of(request)
    youth = get_youth(actor, pk, edit=True)
    form = YouthForm(request.POST or None, instance=youth)
    if request.method == "POST" and form.is_valid():
        try:
            # The form worked on the instance: hand the domain a fresh copy to compare with.
            do_update_youth(actor, get_youth(actor, pk, edit=True), form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Fiche mise à jour."))
            return redirect("youth:detail", pk)
    return render(request, "youth/form.html", {"form": form, "youth": youth})


def frequented_qpv_options(request: AccrocheRequest) -> HttpResponse:
    """The QPV checkboxes for the communes typed so far (htmx), keeping those ticked."""
    actor = actor_of(request)
    actor.require(Perm.EDIT_YOUTH)
    texts = [
        request.GET.get("residence_commune", ""),
        *split_communes(request.GET.get("frequented_communes", "")),
    ]
    chosen = {int(v) for v in request.GET.getlist("frequented_qpvs") if v.isdigit()}
    qpvs = frequented_qpv_choices(resolve_communes(texts), chosen)
    return render(request, "youth/_frequented_qpvs.html", {"qpvs": qpvs, "chosen": chosen})
