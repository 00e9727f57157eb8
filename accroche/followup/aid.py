"""Material aid: requested by a referent → approved (or refused) by a coordinator of the
programme's lead structure → paid → its receipt attached.

An approval locks the budget line's row and re-reads what is committed inside the
transaction, so two coordinators approving at the same moment never overspend an
envelope or a quota."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accroche.access.actor import Actor
from accroche.access.permissions import Perm
from accroche.followup.budget import budget_lines_visible_to, over_budget
from accroche.followup.common import (
    Transition,
    active_enrolment,
    log_create,
    log_list,
    log_read,
    log_update,
    one,
    shown,
    text,
    today,
    transition,
)
from accroche.followup.models import Aid, AidKind, AidStatus, BudgetLine
from accroche.organisations.programmes import programmes_editable_by
from accroche.youth.access import visible_rows, youths_visible_to
from accroche.youth.models import Youth

OBJECT_TYPE = "aid"
CHECK_FIELDS = ["receipt_checked_at", "receipt_checked_by", "receipt_checked_by_structure"]
MAX_RECEIPT_BYTES = 5 * 1024 * 1024
# Receipts are recognised by their first bytes, not by what the browser claims.
RECEIPT_TYPES = {
    b"%PDF-": "application/pdf",
    b"\xff\xd8\xff": "image/jpeg",
    b"\x89PNG": "image/png",
}
_REQUESTED = frozenset({AidStatus.REQUESTED})
_ALREADY_DECIDED = gettext_lazy("Cette demande a déjà été traitée.")
TRANSITIONS = {
    "approve": Transition(
        gettext_lazy("Accorder"), _REQUESTED, AidStatus.APPROVED, _ALREADY_DECIDED
    ),
    "refuse": Transition(gettext_lazy("Refuser"), _REQUESTED, AidStatus.REFUSED, _ALREADY_DECIDED),
    "cancel": Transition(
        gettext_lazy("Annuler la demande"),
        _REQUESTED,
        AidStatus.CANCELLED,
        gettext_lazy("Seule une demande en attente peut être annulée."),
    ),
    "pay": Transition(
        gettext_lazy("Noter le paiement"),
        frozenset({AidStatus.APPROVED}),
        AidStatus.PAID,
        gettext_lazy(
            "Une aide se paie une fois accordée par un·e coordinateur·rice : "
            "celle-ci ne l'est pas (ou est déjà payée)."
        ),
    ),
    "attach_receipt": Transition(
        gettext_lazy("Joindre le justificatif"),
        frozenset({AidStatus.PAID}),
        AidStatus.PAID,
        gettext_lazy("Le justificatif se joint une fois l'aide payée."),
    ),
}


# --- reading ---------------------------------------------------------------------------


def aids_of(youth: Youth) -> QuerySet[Aid]:
    return Aid.objects.filter(youth=youth).select_related(
        "budget_line__programme", "requested_by", "decided_by"
    )


def read_aids(actor: Actor, youth: Youth) -> list[Aid]:
    """The young person's aid rows, logged as shown."""
    return shown(actor, "aid", aids_of(youth))


def get_aid(youth: Youth, pk: int) -> Aid:
    return one(aids_of(youth), pk)


def aids_to_decide(actor: Actor) -> QuerySet[Aid]:
    """Aid charged to the budget lines the actor keeps (coordinators of the lead)."""
    return Aid.objects.filter(budget_line__programme__in=programmes_editable_by(actor))


def get_aid_to_decide(actor: Actor, pk: int) -> Aid:
    return one(
        aids_to_decide(actor).select_related(
            "budget_line__programme", "requested_by", "requested_by_structure", "youth"
        ),
        pk,
    )


def get_decided_receipt(actor: Actor, pk: int) -> Aid:
    """An aid the actor decides, whose receipt file the actor may open: only on a file the
    actor's structure sees (holder, or an active sharing consent). Elsewhere the approver
    reads the attestation of a structure that sees it (``do_attest_receipt``). Logged as
    read: the caller opens the file."""
    aid = one(aids_to_decide(actor).filter(visible_rows(actor)), pk)
    log_read(actor, "aid_receipt", aid)
    return aid


def get_receipt(actor: Actor, youth: Youth, pk: int) -> Aid:
    """An aid of a file the actor sees, whose receipt the caller opens: logged as read."""
    aid = get_aid(youth, pk)
    log_read(actor, "aid_receipt", aid)
    return aid


def read_aids_to_decide(actor: Actor, statuses: Iterable[str]) -> list[Aid]:
    """The aid in ``statuses`` the actor decides, oldest request first, logged as shown."""
    return shown(
        actor,
        "aid",
        aids_to_decide(actor).filter(status__in=statuses).order_by("requested_on", "pk"),
    )


@dataclass(frozen=True)
class BudgetAids:
    to_decide: list[Aid]
    paid: list[Aid]
    named: set[int]  # ids of the young people whose file the actor's structure sees


def read_budget_aids(actor: Actor, paid_shown: int) -> BudgetAids:
    """The budget page's aid: those waiting for a decision and the ``paid_shown`` latest
    paid, logged as shown with the young people named among those waiting."""
    to_decide = list(
        aids_to_decide(actor)
        .filter(status__in=[AidStatus.REQUESTED, AidStatus.APPROVED])
        .select_related("budget_line", "requested_by", "requested_by_structure", "youth")
        .order_by("requested_on", "pk")
    )
    # The latest paid aid and their receipts: the file itself where the file is shared with
    # the approver's structure, otherwise the attestation of a structure that sees it.
    paid = list(
        aids_to_decide(actor)
        .filter(status=AidStatus.PAID)
        .select_related("budget_line", "receipt_checked_by", "receipt_checked_by_structure")
        .order_by("-paid_on", "-pk")[:paid_shown]
    )
    named = set(
        youths_visible_to(actor)
        .filter(pk__in=[a.youth_id for a in to_decide + paid])
        .values_list("pk", flat=True)
    )
    log_list(actor, "aid", to_decide + paid)
    log_list(actor, "youth", [a.youth for a in to_decide if a.youth_id in named])
    return BudgetAids(to_decide=to_decide, paid=paid, named=named)


def lines_for(actor: Actor, youth: Youth) -> QuerySet[BudgetLine]:
    """This year's lines of the programmes the young person is enrolled in."""
    enrolled = youth.enrolments.exclude(phase="exited").values("programme_id")
    return (
        budget_lines_visible_to(actor)
        .filter(programme_id__in=enrolled, year=today().year)
        .select_related("programme")
    )


# --- state changes ---------------------------------------------------------------------


def _require_keeper(actor: Actor, aid: Aid) -> None:
    """Only the coordinators of the lead structure of the line's programme decide."""
    if not aids_to_decide(actor).filter(pk=aid.pk).exists():
        raise Http404


@transaction.atomic
def do_request_aid(actor: Actor, youth: Youth, data: dict[str, Any]) -> Aid:
    actor.require(Perm.EDIT_YOUTH)
    errors: dict[str, list[str]] = {}
    line: BudgetLine | None = data.get("budget_line")
    kind = data.get("kind")
    amount: Decimal | None = data.get("amount")
    if kind not in AidKind.values:
        errors["kind"] = [_("Choisissez le type d'aide.")]
    if amount is None or amount <= 0:
        errors["amount"] = [_("Indiquez un montant en euros, plus grand que zéro.")]
    if not text(data, "reason"):
        errors["reason"] = [_("Dites en une phrase à quoi sert l'aide.")]
    if line is None or not budget_lines_visible_to(actor).filter(pk=line.pk).exists():
        errors["budget_line"] = [_("Choisissez une ligne budgétaire du dispositif.")]
    else:
        enrolment = active_enrolment(youth, line.programme_id)
        if enrolment is None:
            errors["budget_line"] = [
                _("Ce jeune n'a pas de parcours en cours dans le dispositif de cette ligne.")
            ]
        elif line.year != today().year:
            errors["budget_line"] = [
                _("Cette ligne est celle de %(year)s : choisissez une ligne de cette année.")
                % {"year": line.year}
            ]
        elif kind in AidKind.values and line.kind not in (kind, AidKind.OTHER):
            errors["kind"] = [
                _("La ligne « %(line)s » finance « %(kind)s », pas ce type d'aide.")
                % {"line": line.label, "kind": line.get_kind_display()}
            ]
        elif amount is not None and amount > 0 and (problems := over_budget(line, amount)):
            errors["amount"] = problems
        data = {**data, "enrolment": enrolment}
    if errors:
        raise ValidationError(errors)
    assert line is not None
    assert amount is not None
    aid = Aid.objects.create(
        youth=youth,
        enrolment=data["enrolment"],
        budget_line=line,
        kind=data["kind"],
        amount=amount,
        reason=text(data, "reason"),
        requested_on=today(),
        requested_by=actor.user,
        requested_by_structure_id=actor.structure_id,
    )
    log_create(actor, OBJECT_TYPE, aid, ["kind", "amount", "reason", "budget_line"])
    return aid


@transaction.atomic
def do_approve_aid(actor: Actor, aid: Aid) -> Aid:
    """``aid`` from ``get_aid_to_decide``. Locks the budget line first (always in that
    order: line, then aid), then re-checks the envelope and the quota."""
    _require_keeper(actor, aid)
    line = BudgetLine.objects.select_for_update().get(pk=aid.budget_line_id)
    current = Aid.objects.select_for_update().get(pk=aid.pk)
    step = transition(TRANSITIONS, "approve", current.status)
    if problems := over_budget(line, current.amount, excluding=current.pk):
        raise ValidationError({"amount": problems})
    return _decide(actor, aid, step.target)


@transaction.atomic
def do_refuse_aid(actor: Actor, aid: Aid, reason: str) -> Aid:
    _require_keeper(actor, aid)
    current = Aid.objects.select_for_update().get(pk=aid.pk)
    step = transition(TRANSITIONS, "refuse", current.status)
    if not reason.strip():
        raise ValidationError({"refusal_reason": [_("Écrivez le motif du refus.")]})
    aid.refusal_reason = reason.strip()
    return _decide(actor, aid, step.target, ["refusal_reason"])


def _decide(actor: Actor, aid: Aid, status: str, extra: list[str] | None = None) -> Aid:
    aid.status = status
    aid.decided_by = actor.user
    aid.decided_at = timezone.now()
    fields = ["status", "decided_by", "decided_at", *(extra or [])]
    aid.save(update_fields=fields)
    log_update(actor, OBJECT_TYPE, aid, fields)
    return aid


@transaction.atomic
def do_cancel_aid(actor: Actor, aid: Aid) -> Aid:
    """The requester withdraws a request not decided yet (``aid`` from ``get_aid``)."""
    actor.require(Perm.EDIT_YOUTH)
    current = Aid.objects.select_for_update().get(pk=aid.pk)
    aid.status = transition(TRANSITIONS, "cancel", current.status).target
    aid.save(update_fields=["status"])
    log_update(actor, OBJECT_TYPE, aid, ["status"])
    return aid


@transaction.atomic
def do_pay_aid(actor: Actor, aid: Aid, paid_on: datetime.date | None = None) -> Aid:
    _require_keeper(actor, aid)
    current = Aid.objects.select_for_update().get(pk=aid.pk)
    step = transition(TRANSITIONS, "pay", current.status)
    paid_on = paid_on or today()
    if paid_on > today():
        raise ValidationError({"paid_on": [_("Cette date ne peut pas être dans le futur.")]})
    decided = current.decided_at and timezone.localtime(current.decided_at).date()
    if decided and paid_on < decided:
        raise ValidationError(
            {"paid_on": [_("Une aide ne peut pas être payée avant d'être accordée.")]}
        )
    aid.status = step.target
    aid.paid_on = paid_on
    aid.save(update_fields=["status", "paid_on"])
    log_update(actor, OBJECT_TYPE, aid, ["status", "paid_on"])
    return aid


def receipt_type(upload: File[bytes]) -> str | None:
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    return next((kind for magic, kind in RECEIPT_TYPES.items() if head.startswith(magic)), None)


@transaction.atomic
def do_attach_receipt(actor: Actor, aid: Aid, upload: UploadedFile | None) -> Aid:
    """A PDF, JPEG or PNG of 5 MB at most; a new file replaces the previous one."""
    actor.require(Perm.EDIT_YOUTH)
    current = Aid.objects.select_for_update().get(pk=aid.pk)
    transition(TRANSITIONS, "attach_receipt", current.status)
    if upload is None:
        raise ValidationError({"receipt": [_("Choisissez le fichier du justificatif.")]})
    if upload.size is None or upload.size > MAX_RECEIPT_BYTES:
        raise ValidationError(
            {"receipt": [_("Le fichier dépasse 5 Mo : réduisez-le ou photographiez-le.")]}
        )
    if receipt_type(upload) is None:
        raise ValidationError(
            {"receipt": [_("Le justificatif doit être un PDF, un JPEG ou un PNG.")]}
        )
    previous = current.receipt.name if current.receipt else ""
    aid.receipt.save(upload.name or "justificatif", upload, save=False)
    aid.receipt_added_at = timezone.now()
    # A new file has not been checked: its attestation starts again.
    aid.receipt_checked_at = aid.receipt_checked_by = aid.receipt_checked_by_structure = None
    aid.save(update_fields=["receipt", "receipt_added_at", *CHECK_FIELDS])
    if previous:
        # Removed once the new one is safely recorded.
        transaction.on_commit(lambda: aid.receipt.storage.delete(previous))
    log_update(actor, OBJECT_TYPE, aid, ["receipt"])
    return aid


@transaction.atomic
def do_attest_receipt(actor: Actor, aid: Aid) -> Aid:
    """A member of a structure that sees the file (``aid`` from ``get_aid``) attests the
    receipt was checked against the aid: the approver, who may not see the file, reads
    this attestation instead of the document."""
    actor.require(Perm.EDIT_YOUTH)
    current = Aid.objects.select_for_update().get(pk=aid.pk)
    if current.status != AidStatus.PAID or not current.receipt:
        raise ValidationError(
            {"receipt": [_("Joignez d'abord le justificatif de l'aide payée, puis attestez-le.")]}
        )
    aid.receipt_checked_at = timezone.now()
    aid.receipt_checked_by = actor.user
    aid.receipt_checked_by_structure_id = actor.structure_id
    aid.save(update_fields=CHECK_FIELDS)
    log_update(actor, OBJECT_TYPE, aid, CHECK_FIELDS)
    return aid
