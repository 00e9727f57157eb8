from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from accroche.access.permissions import Perm
from accroche.linkage.matching import do_mark_not_duplicate, possible_duplicates, review_queue
from accroche.linkage.merge import do_merge, do_undo_merge, recent_merges, undo_deadline
from accroche.www.http import AccrocheRequest, actor_of
from accroche.www.linkage_views.forms import IdentityForm, MergeForm, PairForm


def _queue_page(request: AccrocheRequest, errors: list[str] | None = None) -> HttpResponse:
    actor = actor_of(request)
    actor.require(Perm.VIEW_YOUTH)
    merges = [(merge, undo_deadline(merge)) for merge in recent_merges(actor)]
    return render(
        request,
        "linkage/queue.html",
        {
            "pairs": review_queue(actor),
            "merges": merges,
            "errors": errors or [],
            "can_edit": actor.can(Perm.EDIT_YOUTH),
        },
        status=422 if errors else 200,
    )


@require_GET
def queue(request: AccrocheRequest) -> HttpResponse:
    return _queue_page(request)


@require_GET
def possible(request: AccrocheRequest) -> HttpResponse:
    """htmx partial for the youth form: "this person may already exist"."""
    actor = actor_of(request)
    data = IdentityForm(request.GET).identity()
    exclude = data.pop("exclude", None)
    suggestions = possible_duplicates(actor, data, exclude=exclude)
    return render(request, "linkage/_possible.html", {"suggestions": suggestions})


@require_POST
def merge(request: AccrocheRequest) -> HttpResponse:
    actor = actor_of(request)
    actor.require(Perm.EDIT_YOUTH)
    form = MergeForm(request.POST)
    if not form.is_valid():
        return _queue_page(request, [str(e) for errors in form.errors.values() for e in errors])
    try:
        do_merge(actor, form.cleaned_data["keep"], form.cleaned_data["absorb"])
    except ValidationError as exc:
        return _queue_page(request, exc.messages)
    messages.success(
        request,
        _(
            "Fiches fusionnées : tout l'historique est sur la fiche gardée. Vous pouvez annuler "
            "cette fusion pendant 30 jours, ci-dessous."
        ),
    )
    return redirect("linkage:queue")


@require_POST
def not_duplicate(request: AccrocheRequest) -> HttpResponse:
    actor = actor_of(request)
    actor.require(Perm.EDIT_YOUTH)
    form = PairForm(request.POST)
    if not form.is_valid():
        return _queue_page(request, [_("Paire de fiches invalide.")])
    try:
        do_mark_not_duplicate(actor, form.cleaned_data["a"], form.cleaned_data["b"])
    except ValidationError as exc:
        return _queue_page(request, exc.messages)
    messages.success(request, _("C'est noté : ces deux fiches ne vous seront plus proposées."))
    return redirect("linkage:queue")


@require_POST
def undo(request: AccrocheRequest, pk: int) -> HttpResponse:
    actor = actor_of(request)
    try:
        do_undo_merge(actor, pk)
    except ValidationError as exc:
        return _queue_page(request, exc.messages)
    messages.success(request, _("Fusion annulée : les deux fiches sont de nouveau séparées."))
    return redirect("linkage:queue")
