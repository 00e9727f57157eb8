"""Contacts: one exchange with a young person, in a session or on its own; from it, a
young person's file is created (a first name or a nickname) or found by tolerant search."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from accroche.access.actor import Actor
from accroche.access.permissions import Perm
from accroche.outreach.access import contacts_visible_to, get_session, list_contacts
from accroche.outreach.contacts import do_record_contact, youth_age_band
from accroche.outreach.enums import AgeBand
from accroche.www.forms import add_domain_errors
from accroche.www.http import AccrocheRequest, actor_of
from accroche.www.outreach_views.drafts import remember_saved
from accroche.www.outreach_views.forms import ContactForm
from accroche.youth.access import list_youths, youths_visible_to
from accroche.youth.search import search_visible

MAX_RESULTS = 8
MIN_QUERY = 2


def _found(actor: Actor, query: str, selected: int | None = None) -> list[dict[str, Any]]:
    """Search results shown in the contact form: a name, a commune and an age band,
    nothing else of the file (and the list is logged)."""
    visible = youths_visible_to(actor).select_related("residence_commune")
    qs = visible.none()
    if len(query.strip()) >= MIN_QUERY:
        qs = search_visible(actor, visible, query.strip())
    ids = list(qs.order_by("-last_contact_at", "pk").values_list("pk", flat=True)[:MAX_RESULTS])
    if selected and selected not in ids:
        ids.insert(0, selected)
    youths = list(list_youths(actor, visible.filter(pk__in=ids))) if ids else []
    youths.sort(key=lambda y: ids.index(y.pk))
    return [
        {
            "pk": y.pk,
            "name": y.display_name,
            "commune": y.residence_commune.name if y.residence_commune else "",
            "age_band": AgeBand(youth_age_band(y)).label,
            "checked": y.pk == selected,
        }
        for y in youths
    ]


def youth_search(request: AccrocheRequest) -> HttpResponse:
    actor = actor_of(request)
    actor.require(Perm.RECORD_OUTREACH)
    query = request.GET.get("q", "")
    return render(
        request,
        "outreach/_youth_results.html",
        {"results": _found(actor, query), "query": query, "min_query": MIN_QUERY},
    )


def contact_create(request: AccrocheRequest) -> HttpResponse:
    actor = actor_of(request)
    actor.require(Perm.RECORD_OUTREACH)
    session_pk = request.GET.get("sortie", "")
    session = get_session(actor, int(session_pk), edit=True) if session_pk.isdigit() else None
    form = ContactForm(request.POST or None, actor=actor, in_session=session is not None)
    searching = "search" in request.POST
    if request.method == "POST" and not searching and form.is_valid():
        data = form.cleaned_data
        who = data["who"]
        try:
            _contact, created = do_record_contact(
                actor,
                {k: data.get(k) for k in (
                    "programme", "happened_at", "mode", "channel", "result", "note",
                    "age_band", "gender",
                )},
                session=session,
                youth=data.get("youth_obj") if who == "known" else None,
                new_youth={k: data[k] for k in ("first_name", "nickname", "phone")}
                if who == "new"
                else None,
                idempotency_key=data.get("idempotency_key"),
            )  # fmt: skip
        except ValidationError as exc:
            add_domain_errors(form, exc)
        else:
            remember_saved(request, data.get("idempotency_key"))
            messages.success(
                request,
                _("Rencontre enregistrée.") if created else _("Rencontre déjà enregistrée."),
            )
            if session is not None:
                return redirect("outreach:session", session.pk)
            return redirect("outreach:contacts")
    results: list[dict[str, Any]] = []
    if form.is_bound:
        selected = form.data.get("youth", "")
        results = _found(
            actor, form.data.get("q", ""), int(selected) if selected.isdigit() else None
        )
    return render(
        request,
        "outreach/contact_form.html",
        {
            "form": form,
            "session": session,
            "results": results,
            "query": form.data.get("q", "") if form.is_bound else "",
            "min_query": MIN_QUERY,
        },
    )


def contact_list(request: AccrocheRequest) -> HttpResponse:
    actor = actor_of(request)
    actor.require(Perm.RECORD_OUTREACH)
    contacts = list_contacts(
        actor,
        contacts_visible_to(actor)
        .select_related("youth", "session", "recorded_by")
        .order_by("-happened_at", "-pk")[:50],
    )
    return render(request, "outreach/contacts.html", {"contacts": contacts})
