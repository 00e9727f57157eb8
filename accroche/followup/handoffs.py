"""Hand-offs (passages de relais) that must really happen: proposed → sent → acknowledged
or refused (with a reason) → started; checked again 3 and 6 months after they were sent.

The referent's side (whoever may change the file) records every step, often from what the
partner said on the phone; the receiving structure, when it uses Accroche, records its
answer itself from its "relais reçus" page, where a young person's name shows only if the
file is shared with it."""

import datetime
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accroche.access.actor import Actor
from accroche.access.permissions import Perm
from accroche.followup.common import (
    Transition,
    add_months,
    day,
    enrolment_errors,
    log_create,
    log_list,
    log_update,
    one,
    shown,
    text,
    today,
    transition,
)
from accroche.followup.models import (
    UNDER_WAY,
    CheckSituation,
    HandOff,
    HandOffCheck,
    HandOffStatus,
    HandOffTarget,
    Reminder,
    ReminderKind,
)
from accroche.organisations.models import Structure, StructureKind
from accroche.youth.access import structures_seeing, youths_visible_to
from accroche.youth.enrolments import TRANSITIONS as PHASE_TRANSITIONS
from accroche.youth.enrolments import do_change_phase
from accroche.youth.models import Phase, Youth

OBJECT_TYPE = "handoff"
ACK_DAYS = 10  # a sent hand-off still without an answer 10 days later is late
MILESTONES = (3, 6)
CHECK_EARLY_DAYS = 14  # a check may be done up to two weeks before its date
S = HandOffStatus
HAND_OFF_SOURCES = PHASE_TRANSITIONS["hand_off"].sources
_REFUSED_CANNOT_START = gettext_lazy(
    "Ce relais a été refusé : il ne peut pas démarrer. Proposez un autre relais si besoin."
)
TRANSITIONS = {
    "send": Transition(
        gettext_lazy("Envoyer"),
        frozenset({S.PROPOSED}),
        S.SENT,
        gettext_lazy("Ce relais a déjà été envoyé, ou il est clos."),
    ),
    "acknowledge": Transition(
        gettext_lazy("Reçu par le partenaire"),
        frozenset({S.SENT}),
        S.ACKNOWLEDGED,
        gettext_lazy("Seul un relais envoyé et encore sans réponse peut être noté comme reçu."),
        {S.PROPOSED: gettext_lazy("Ce relais n'a pas encore été envoyé.")},
    ),
    "refuse": Transition(
        gettext_lazy("Refusé par le partenaire"),
        frozenset({S.SENT, S.ACKNOWLEDGED}),
        S.REFUSED,
        gettext_lazy("Seul un relais envoyé, pas encore démarré, peut être refusé."),
    ),
    "start": Transition(
        gettext_lazy("A démarré"),
        frozenset({S.ACKNOWLEDGED}),
        S.STARTED,
        gettext_lazy("Le partenaire doit d'abord avoir reçu le relais pour qu'il démarre."),
        {
            S.REFUSED: _REFUSED_CANNOT_START,
            S.CANCELLED: gettext_lazy("Ce relais a été abandonné : il ne peut pas démarrer."),
            S.STARTED: gettext_lazy("Ce relais a déjà démarré."),
        },
    ),
    "cancel": Transition(
        gettext_lazy("Abandonner"),
        frozenset({S.PROPOSED, S.SENT, S.ACKNOWLEDGED}),
        S.CANCELLED,
        gettext_lazy("Ce relais est déjà clos."),
    ),
}
# What the receiving structure may record itself, as it says it.
RECEIVER_ACTS = {
    "acknowledge": gettext_lazy("Accuser réception"),
    "refuse": gettext_lazy("Refuser"),
    "start": gettext_lazy("Le jeune a commencé"),
}
# Targets that name a kind of structure: such a hand-off goes to a structure of that kind,
# and a structure of such a kind receives only hand-offs naming it (reports count by target).
TARGET_KINDS: dict[str, frozenset[str]] = {
    HandOffTarget.MISSION_LOCALE: frozenset({StructureKind.MISSION_LOCALE}),
    HandOffTarget.FRANCE_TRAVAIL: frozenset({StructureKind.FRANCE_TRAVAIL}),
    HandOffTarget.CEJ: frozenset({StructureKind.MISSION_LOCALE, StructureKind.FRANCE_TRAVAIL}),
    HandOffTarget.SIAE: frozenset({StructureKind.SIAE}),
}
# The date each status is reached on, in order.
DATE_OF: dict[str, str] = {
    S.PROPOSED: "proposed_on",
    S.SENT: "sent_on",
    S.ACKNOWLEDGED: "acknowledged_on",
    S.REFUSED: "refused_on",
    S.STARTED: "started_on",
    S.CANCELLED: "cancelled_on",
}


# --- reading ---------------------------------------------------------------------------


def handoffs_of(youth: Youth) -> QuerySet[HandOff]:
    return (
        HandOff.objects.filter(youth=youth)
        .select_related(
            "target_structure", "enrolment__programme", "created_by", "created_by_structure"
        )
        .prefetch_related("checks")
    )


def read_handoffs(actor: Actor, youth: Youth) -> list[HandOff]:
    """The young person's handoff rows, logged as shown."""
    return shown(actor, "handoff", handoffs_of(youth))


def get_handoff(youth: Youth, pk: int) -> HandOff:
    return one(handoffs_of(youth), pk)


def received_handoffs(actor: Actor) -> QuerySet[HandOff]:
    """Hand-offs sent to the actor's structure (a mere proposal is not sent yet)."""
    if not actor.can(Perm.RECEIVE_HANDOFFS):
        return HandOff.objects.none()
    return HandOff.objects.filter(target_structure_id=actor.structure_id).exclude(status=S.PROPOSED)


def read_received(
    actor: Actor, handoffs: Iterable[HandOff], *, log_youths: bool
) -> tuple[list[HandOff], set[int]]:
    """``handoffs`` (a slice of ``received_handoffs``) read to be shown and logged, with
    the ids of the young people whose file the actor's structure sees (named; the others
    stay anonymous). ``log_youths``: the page names them, so they are logged too."""
    found = list(handoffs)
    named = set(
        youths_visible_to(actor)
        .filter(pk__in=[h.youth_id for h in found])
        .values_list("pk", flat=True)
    )
    log_list(actor, "handoff", found)
    if log_youths:
        log_list(actor, "youth", [h.youth for h in found if h.youth_id in named])
    return found, named


def get_received_handoff(actor: Actor, pk: int) -> HandOff:
    return one(
        received_handoffs(actor).select_related("youth", "created_by_structure", "enrolment"), pk
    )


def is_late(handoff: HandOff, on: datetime.date | None = None) -> bool:
    on = on or today()
    return (
        handoff.status == S.SENT
        and handoff.sent_on is not None
        and (on - handoff.sent_on).days >= ACK_DAYS
    )


def targets_for(kind: str) -> list[HandOffTarget]:
    """What a structure of ``kind`` may receive a hand-off as."""
    named = [HandOffTarget(t) for t, kinds in TARGET_KINDS.items() if kind in kinds]
    return named or [t for t in HandOffTarget if t not in TARGET_KINDS]


def _target_error(target: str, structure: Structure) -> str | None:
    allowed = targets_for(structure.kind)
    if target in allowed:
        return None
    return _(
        "%(name)s est une structure de type %(kind)s : un relais « %(target)s » ne peut pas "
        "lui être adressé. Choisissez « Vers » parmi : %(allowed)s."
    ) % {
        "name": structure.name,
        "kind": structure.get_kind_display(),
        "target": HandOffTarget(target).label,
        "allowed": ", ".join(f"« {t.label} »" for t in allowed),
    }


def check_due_on(handoff: HandOff, milestone: int) -> datetime.date | None:
    if handoff.sent_on is None:
        return None
    return add_months(handoff.sent_on, milestone)


# --- state changes ---------------------------------------------------------------------


@transaction.atomic
def do_propose_handoff(actor: Actor, youth: Youth, data: dict[str, Any]) -> HandOff:
    actor.require(Perm.EDIT_YOUTH)
    errors: dict[str, list[str]] = {}
    enrolment = data.get("enrolment")
    if enrolment is None:
        errors["enrolment"] = [_("Choisissez le parcours dans lequel se fait ce relais.")]
    elif problems := enrolment_errors(youth, enrolment):
        errors["enrolment"] = problems
    elif enrolment.phase == Phase.EXITED:
        errors["enrolment"] = [_("Ce parcours est clos.")]
    if data.get("target") not in HandOffTarget.values:
        errors["target"] = [_("Choisissez vers quoi se fait le relais.")]
    structure = data.get("target_structure")
    if structure is not None and not structure.is_active:
        errors["target_structure"] = [_("Cette structure n'est plus active.")]
    elif (
        structure is not None
        and "target" not in errors
        and (mismatch := _target_error(data["target"], structure))
    ):
        errors["target"] = [mismatch]
    if errors:
        raise ValidationError(errors)
    handoff = HandOff.objects.create(
        youth=youth,
        enrolment=data["enrolment"],
        target=data["target"],
        target_structure=structure,
        target_name="" if structure else text(data, "target_name"),
        reason=text(data, "reason"),
        proposed_on=today(),
        created_by=actor.user,
        created_by_structure_id=actor.structure_id,
    )
    log_create(actor, OBJECT_TYPE, handoff, ["target", "target_structure", "target_name", "reason"])
    return handoff


@transaction.atomic
def do_move_handoff(
    actor: Actor,
    handoff: HandOff,
    act: str,
    *,
    on: datetime.date | None = None,
    reason: str = "",
) -> HandOff:
    """``send``, ``acknowledge``, ``refuse`` (with a reason), ``start`` or ``cancel``.
    ``handoff`` comes from ``get_handoff`` (sender side, every act) or from
    ``get_received_handoff`` (receiving structure: acknowledge, refuse, start)."""
    receiving = handoff.target_structure_id == actor.structure_id and actor.can(
        Perm.RECEIVE_HANDOFFS
    )
    sending = actor.can(Perm.EDIT_YOUTH) and actor.structure_id in structures_seeing(handoff.youth)
    if not sending and not (receiving and act in RECEIVER_ACTS):
        raise ValidationError({"act": [_("Votre rôle ne permet pas de noter cette étape.")]})
    current = HandOff.objects.select_for_update().get(pk=handoff.pk)
    step = transition(TRANSITIONS, act, current.status)
    on = on or today()
    if on > today():
        raise ValidationError({"on": [_("Cette date ne peut pas être dans le futur.")]})
    previous = getattr(current, DATE_OF[current.status])
    if previous is not None and on < previous:
        raise ValidationError(
            {
                "on": [
                    _("Cette étape ne peut pas précéder la précédente (%(d)s).")
                    % {"d": day(previous)}
                ]
            }
        )
    fields = ["status", DATE_OF[step.target]]
    if step.target == S.REFUSED:
        if not reason.strip():
            raise ValidationError({"reason": [_("Écrivez le motif du refus.")]})
        handoff.refusal_reason = reason.strip()
        fields.append("refusal_reason")
    handoff.status = step.target
    setattr(handoff, DATE_OF[step.target], on)
    handoff.save(update_fields=[*fields, "updated_at"])
    # An answer ends the wait; a refusal or an abandon ends every reminder.
    closing = (
        [ReminderKind.HANDOFF_UNACKNOWLEDGED]
        if step.target in (S.ACKNOWLEDGED, S.STARTED)
        else list(ReminderKind)
        if step.target in (S.REFUSED, S.CANCELLED)
        else []
    )
    if closing:
        Reminder.objects.filter(handoff=handoff, kind__in=closing, done_at__isnull=True).update(
            done_at=timezone.now()
        )
    log_update(actor, OBJECT_TYPE, handoff, fields)
    if step.target == S.SENT:
        _enter_hand_off_phase(actor, handoff, on)
    return handoff


def _enter_hand_off_phase(actor: Actor, handoff: HandOff, on: datetime.date) -> None:
    """Sending a hand-off is what the "passage de relais" phase means: the enrolment enters
    it, unless it is already there (or further, or was still at first contact)."""
    enrolment = handoff.enrolment
    if enrolment.phase in HAND_OFF_SOURCES and on >= enrolment.entry_date:
        do_change_phase(actor, enrolment, "hand_off", on=on, note=handoff.get_target_display())


@transaction.atomic
def do_record_check(
    actor: Actor,
    handoff: HandOff,
    milestone: int,
    situation: str,
    note: str = "",
    on: datetime.date | None = None,
) -> HandOffCheck:
    """Where the hand-off stands 3 or 6 months after it was sent."""
    actor.require(Perm.EDIT_YOUTH)
    on = on or today()
    errors: dict[str, list[str]] = {}
    if milestone not in MILESTONES:
        errors["milestone"] = [_("Le point se fait à 3 ou à 6 mois.")]
    if situation not in CheckSituation.values:
        errors["situation"] = [_("Choisissez où en est le relais.")]
    if handoff.status not in UNDER_WAY:
        errors["milestone"] = [_("Ce relais n'est pas en cours : il n'y a pas de point à faire.")]
    elif milestone in MILESTONES:
        due = check_due_on(handoff, milestone)
        assert due is not None
        if on > today():
            errors["on"] = [_("Cette date ne peut pas être dans le futur.")]
        elif on < due - datetime.timedelta(days=CHECK_EARLY_DAYS):
            errors["milestone"] = [
                _("Le point à %(m)s mois se fait à partir du %(d)s.")
                % {"m": milestone, "d": day(due - datetime.timedelta(days=CHECK_EARLY_DAYS))}
            ]
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic():
            check = HandOffCheck.objects.create(
                handoff=handoff,
                milestone=milestone,
                checked_on=on,
                situation=situation,
                note=note.strip(),
                by=actor.user,
                by_structure_id=actor.structure_id,
            )
    except IntegrityError as exc:
        raise ValidationError({"milestone": [_("Ce point a déjà été fait.")]}) from exc
    kind = ReminderKind.HANDOFF_CHECK_3M if milestone == 3 else ReminderKind.HANDOFF_CHECK_6M
    Reminder.objects.filter(handoff=handoff, kind=kind, done_at__isnull=True).update(
        done_at=timezone.now()
    )
    log_create(actor, "handoff_check", check, ["milestone", "situation", "note"])
    return check
