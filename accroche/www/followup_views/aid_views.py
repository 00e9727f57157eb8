"""Material aid: the referent's request and receipt; the coordinators' budget lines and
decisions (approve, refuse, pay)."""

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accroche.access.actor import Actor
from accroche.access.permissions import Perm
from accroche.followup.aid import (
    aids_to_decide,
    do_approve_aid,
    do_attach_receipt,
    do_attest_receipt,
    do_cancel_aid,
    do_pay_aid,
    do_refuse_aid,
    do_request_aid,
    get_aid,
    get_aid_to_decide,
    get_decided_receipt,
    get_receipt,
    lines_for,
    read_budget_aids,
    receipt_type,
)
from accroche.followup.budget import (
    budget_lines_editable_by,
    budget_lines_visible_to,
    do_create_budget_line,
    do_update_budget_line,
    get_budget_line,
    with_usage,
)
from accroche.followup.models import Aid, AidStatus
from accroche.organisations.programmes import programmes_editable_by
from accroche.www.followup_views.common import form_page, page_url
from accroche.www.followup_views.forms import AidForm, ReceiptForm
from accroche.www.followup_views.workshop_forms import BudgetLineForm
from accroche.www.forms import add_domain_errors
from accroche.www.http import AccrocheRequest, actor_of
from accroche.youth.access import get_youth

PAID_SHOWN = 20  # the budget page shows the latest paid aid and where their receipts stand

# --- the referent's side ---------------------------------------------------------------


def aid_create(request: AccrocheRequest, pk: int) -> HttpResponse:
    actor = actor_of(request)
    youth = get_youth(actor, pk, edit=True)
    lines = with_usage(lines_for(actor, youth))
    form = AidForm(request.POST or None, lines=lines)
    if request.method == "POST" and form.is_valid():
        try:
            do_request_aid(actor, youth, form.cleaned_data)
        except ValidationError as exc:
            add_domain_errors(form, exc)
        else:
            messages.success(request, _("Demande d'aide envoyée au coordinateur."))
            return redirect(page_url(pk, "aides"))
    return render(
        request,
        "followup/aid_form.html",
        {"form": form, "youth": youth, "lines": lines, "back": page_url(pk, "aides")},
    )


def _act_on_aid(
    request: AccrocheRequest, pk: int, aid_pk: int, act: Callable[[Actor, Aid], object], done: str
) -> HttpResponse:
    """One act on one of the file's aids: the domain function decides, the page says how it
    went and goes back to the file's aids."""
    actor = actor_of(request)
    youth = get_youth(actor, pk, edit=True)
    try:
        act(actor, get_aid(youth, aid_pk))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, done)
    return redirect(page_url(pk, "aides"))


@require_POST
def aid_cancel(request: AccrocheRequest, pk: int, aid_pk: int) -> HttpResponse:
    return _act_on_aid(request, pk, aid_pk, do_cancel_aid, _("Demande annulée."))


@require_POST
def aid_receipt(request: AccrocheRequest, pk: int, aid_pk: int) -> HttpResponse:
    form = ReceiptForm(request.POST, request.FILES)

    def attach(actor: Actor, aid: Aid) -> object:
        return do_attach_receipt(actor, aid, form.files.get("receipt"))

    return _act_on_aid(request, pk, aid_pk, attach, _("Justificatif joint."))


@require_POST
def receipt_attest(request: AccrocheRequest, pk: int, aid_pk: int) -> HttpResponse:
    done = _("Justificatif attesté : le coordinateur voit votre attestation.")
    return _act_on_aid(request, pk, aid_pk, do_attest_receipt, done)


def _receipt_response(aid: Aid) -> FileResponse:
    if not aid.receipt:
        raise Http404
    handle = aid.receipt.open("rb")
    kind = receipt_type(handle) or "application/octet-stream"
    extension = {"application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png"}.get(kind, "bin")
    return FileResponse(
        handle,
        as_attachment=True,
        filename=f"justificatif-aide-{aid.pk}.{extension}",
        content_type=kind,
    )


def receipt_download(request: AccrocheRequest, pk: int, aid_pk: int) -> FileResponse:
    actor = actor_of(request)
    aid = get_receipt(actor, get_youth(actor, pk), aid_pk)
    return _receipt_response(aid)


# --- the coordinators' side ------------------------------------------------------------


def budget(request: AccrocheRequest) -> HttpResponse:
    """Budget lines and what is used of them; the aid waiting for a decision."""
    actor = actor_of(request)
    actor.require(Perm.VIEW_PROGRAMMES)
    lines = list(with_usage(budget_lines_visible_to(actor)).select_related("programme"))
    editable = set(budget_lines_editable_by(actor).values_list("pk", flat=True))
    aids = read_budget_aids(actor, PAID_SHOWN)
    visible = aids.named
    return render(
        request,
        "followup/budget.html",
        {
            "lines": [{"line": line, "editable": line.pk in editable} for line in lines],
            "to_decide": [{"aid": a, "named": a.youth_id in visible} for a in aids.to_decide],
            "paid": [{"aid": a, "named": a.youth_id in visible} for a in aids.paid],
            "can_manage": programmes_editable_by(actor).exists(),
            "missing_receipts": aids_to_decide(actor)
            .filter(status=AidStatus.PAID, receipt="")
            .count(),
        },
    )


def line_form(request: AccrocheRequest, line_pk: int | None = None) -> HttpResponse:
    actor = actor_of(request)
    actor.require(Perm.MANAGE_PROGRAMMES)
    line = get_budget_line(actor, line_pk, edit=True) if line_pk else None
    initial = (
        {
            f: getattr(line, f)
            for f in ("programme", "label", "kind", "year", "envelope", "unit_quota")
        }
        if line
        else None
    )
    form = BudgetLineForm(
        request.POST or None, initial=initial, programmes=programmes_editable_by(actor)
    )
    if request.method == "POST" and form.is_valid():
        try:
            if line is None:
                do_create_budget_line(actor, form.cleaned_data)
            else:
                do_update_budget_line(actor, line, form.cleaned_data)
        except ValidationError as exc:
            add_domain_errors(form, exc)
        else:
            messages.success(request, _("Ligne budgétaire enregistrée."))
            return redirect("followup:budget")
    return form_page(
        request,
        form,
        title=_("Modifier la ligne budgétaire") if line else _("Nouvelle ligne budgétaire"),
        submit=_("Enregistrer la ligne"),
        back=reverse("followup:budget"),
    )


@require_POST
def aid_decide(request: AccrocheRequest, aid_pk: int, act: str) -> HttpResponse:
    actor = actor_of(request)
    aid = get_aid_to_decide(actor, aid_pk)
    try:
        if act == "approve":
            do_approve_aid(actor, aid)
        elif act == "refuse":
            do_refuse_aid(actor, aid, request.POST.get("reason", ""))
        elif act == "pay":
            do_pay_aid(actor, aid)
        else:
            raise Http404
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request, _("Aide mise à jour : %(status)s.") % {"status": aid.get_status_display()}
        )
    return redirect("followup:budget")


def decided_receipt(request: AccrocheRequest, aid_pk: int) -> FileResponse:
    actor = actor_of(request)
    aid = get_decided_receipt(actor, aid_pk)
    return _receipt_response(aid)
