"""The exit (sortie) of an enrolment, which funders count: where the young person went,
when, and a follow-up six months later. Recording it closes the enrolment."""

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from accroche.access.actor import Actor
from accroche.access.permissions import Perm
from accroche.followup.common import add_months, day, log_create, log_update, shown, text, today
from accroche.followup.models import (
    FollowUpSituation,
    Outcome,
    OutcomeKind,
    Reminder,
    ReminderKind,
)
from accroche.youth.enrolments import do_change_phase, editable_programme_ids
from accroche.youth.models import Enrolment, Phase, Youth

OBJECT_TYPE = "outcome"
FOLLOWUP_MONTHS = 6


def followup_due_on(outcome: Outcome) -> datetime.date:
    return add_months(outcome.exited_on, FOLLOWUP_MONTHS)


@transaction.atomic
def do_record_exit(
    actor: Actor, youth: Youth, enrolment: Enrolment, data: dict[str, Any]
) -> Outcome:
    """``enrolment`` is one of ``youth``'s; a structure taking part in its programme
    records the exit. An enrolment still open is closed on the exit date."""
    actor.require(Perm.EDIT_YOUTH)
    if enrolment.youth_id != youth.pk or enrolment.programme_id not in editable_programme_ids(
        actor
    ):
        raise Http404
    errors: dict[str, list[str]] = {}
    locked = Enrolment.objects.select_for_update().get(pk=enrolment.pk)
    if Outcome.objects.filter(enrolment=locked).exists():
        errors["kind"] = [_("La sortie de ce parcours est déjà notée.")]
    if data.get("kind") not in OutcomeKind.values:
        errors["kind"] = [_("Choisissez vers quoi le jeune est sorti.")]
    exited_on = data.get("exited_on") or locked.exited_on or today()
    if exited_on > today():
        errors["exited_on"] = [_("Une sortie se note une fois qu'elle a eu lieu.")]
    elif exited_on < locked.entry_date:
        errors["exited_on"] = [_("La sortie ne peut pas précéder l'entrée dans le dispositif.")]
    if errors:
        raise ValidationError(errors)
    kind = OutcomeKind(data["kind"])
    if locked.phase != Phase.EXITED:
        do_change_phase(actor, enrolment, "exit", on=exited_on, note=str(kind.label))
    try:
        with transaction.atomic():
            outcome = Outcome.objects.create(
                enrolment=enrolment,
                youth=youth,
                kind=kind,
                exited_on=exited_on,
                note=text(data, "note"),
                recorded_by=actor.user,
                recorded_by_structure_id=actor.structure_id,
            )
    except IntegrityError as exc:  # recorded at the same moment elsewhere
        raise ValidationError({"kind": [_("La sortie de ce parcours est déjà notée.")]}) from exc
    log_create(actor, OBJECT_TYPE, outcome, ["kind", "exited_on", "note"])
    return outcome


@transaction.atomic
def do_record_followup(
    actor: Actor,
    outcome: Outcome,
    situation: str,
    note: str = "",
    on: datetime.date | None = None,
) -> Outcome:
    """Where the young person stands six months after the exit."""
    actor.require(Perm.EDIT_YOUTH)
    current = Outcome.objects.select_for_update().get(pk=outcome.pk)
    on = on or today()
    if current.followup_on is not None:
        raise ValidationError({"situation": [_("Le suivi à 6 mois est déjà noté.")]})
    if situation not in FollowUpSituation.values:
        raise ValidationError({"situation": [_("Choisissez la situation du jeune.")]})
    if on > today():
        raise ValidationError({"on": [_("Cette date ne peut pas être dans le futur.")]})
    due = followup_due_on(current)
    if on < due:
        raise ValidationError(
            {"situation": [_("Le suivi à 6 mois se fait à partir du %(d)s.") % {"d": day(due)}]}
        )
    outcome.followup_on = on
    outcome.followup_situation = situation
    outcome.followup_note = note.strip()
    fields = ["followup_on", "followup_situation", "followup_note"]
    outcome.save(update_fields=fields)
    Reminder.objects.filter(
        outcome=outcome, kind=ReminderKind.EXIT_FOLLOWUP_6M, done_at__isnull=True
    ).update(done_at=timezone.now())
    log_update(actor, OBJECT_TYPE, outcome, fields)
    return outcome


def read_outcomes(actor: Actor, youth: Youth) -> list[Outcome]:
    """The young person's exit outcomes, logged as shown."""
    return shown(actor, "outcome", Outcome.objects.filter(youth=youth))
