from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from accroche.access.audit_log import (
    AuditFilters,
    audit_events_visible_to,
    export_csv,
    filter_events,
    log_journal_view,
    names_for,
)
from accroche.access.permissions import Perm
from accroche.www.audit_views.forms import AuditFilterForm
from accroche.www.http import AccrocheRequest, actor_of
from accroche.youth.consents import log_consents_read, transfers_visible_to

PAGE_SIZE = 50


def journal(request: AccrocheRequest) -> HttpResponse:
    actor = actor_of(request)
    actor.require(Perm.VIEW_AUDIT)
    form = AuditFilterForm(request.GET or None)
    events = audit_events_visible_to(actor)
    filters = AuditFilters(**form.cleaned_data) if form.is_valid() else None
    if filters is not None:
        events = filter_events(events, filters)
    elif form.is_bound:
        events = events.none()
    if request.GET.get("format") == "csv" and form.is_valid():
        response = HttpResponse(export_csv(actor, events), content_type="text/csv; charset=utf-8")
        stamp = timezone.localdate().isoformat()
        response["Content-Disposition"] = f'attachment; filename="journal-acces-{stamp}.csv"'
        return response
    page = Paginator(events.order_by("-at", "-pk"), PAGE_SIZE).get_page(request.GET.get("page"))
    users, structures = names_for(page.object_list)
    log_journal_view(actor, filters, page.object_list, page.number)
    rows = [
        {
            "event": e,
            "user": users.get(e.user_id or 0, ""),
            "structure": structures.get(e.structure_id or 0, ""),
        }
        for e in page.object_list
    ]
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "audit/journal.html",
        {"form": form, "page": page, "rows": rows, "query": query.urlencode()},
    )


def transfers(request: AccrocheRequest) -> HttpResponse:
    """The DPO's list of files shared outside their consortium, with each reason."""
    actor = actor_of(request)
    actor.require(Perm.VIEW_TRANSFERS)
    page = Paginator(transfers_visible_to(actor), PAGE_SIZE).get_page(request.GET.get("page"))
    log_consents_read(actor, page.object_list)
    return render(request, "audit/transfers.html", {"page": page})
