"""Enrolment of a young person in a programme (parcours): one referent at a time, a phase
that moves by named acts, the situation and eligibility at entry, a coordinator's override.

Every function takes a ``youth`` obtained through the access layer. A structure changes an
enrolment only if it takes part in the programme; anyone who sees the file reads it.
"""

import datetime
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accroche.access import audit
from accroche.access.actor import Actor
from accroche.access.models import AuditEvent
from accroche.access.permissions import Perm, role_can, roles_with
from accroche.organisations.models import Membership, Participation, Programme
from accroche.youth.access import structures_seeing
from accroche.youth.eligibility import evaluate_for
from accroche.youth.models import (
    Activity,
    Consent,
    Eligibility,
    EligibilityOverride,
    Enrolment,
    Housing,
    LegalBasis,
    Phase,
    PhaseChange,
    ReferentChange,
    Resources,
    SpeContact,
    Youth,
)

OBJECT_TYPE = "enrolment"
ENTRY_FIELDS = (
    "entry_activity",
    "entry_last_spe_contact_on",
    "entry_last_spe_contact_source",
    "entry_diploma_level",
    "entry_housing",
    "entry_resources",
)
_CHOICES = {
    "entry_activity": Activity.values,
    "entry_last_spe_contact_source": SpeContact.values,
    "entry_housing": Housing.values,
    "entry_resources": Resources.values,
}


@dataclass(frozen=True)
class Transition:
    label: str | Promise
    sources: frozenset[str]
    target: str


_ACTIVE = frozenset({Phase.CONTACT, Phase.MOBILISATION, Phase.FOLLOW_UP, Phase.HAND_OFF})
TRANSITIONS: dict[str, Transition] = {
    "mobilise": Transition(
        gettext_lazy("Passer en mobilisation"),
        frozenset({Phase.CONTACT, Phase.FOLLOW_UP}),
        Phase.MOBILISATION,
    ),
    "follow": Transition(
        gettext_lazy("Commencer l'accompagnement"),
        frozenset({Phase.CONTACT, Phase.MOBILISATION, Phase.HAND_OFF}),
        Phase.FOLLOW_UP,
    ),
    "hand_off": Transition(
        gettext_lazy("Préparer le passage de relais"),
        frozenset({Phase.MOBILISATION, Phase.FOLLOW_UP}),
        Phase.HAND_OFF,
    ),
    "exit": Transition(gettext_lazy("Clore le parcours (sortie)"), _ACTIVE, Phase.EXITED),
}


def transitions_from(phase: str) -> list[tuple[str, str]]:
    return [(act, str(t.label)) for act, t in TRANSITIONS.items() if phase in t.sources]


# --- reading --------------------------------------------------------------------------


def enrolment_programmes(actor: Actor) -> QuerySet[Programme]:
    """Programmes in which the actor's structure works with young people."""
    taking_part = Participation.objects.filter(structure_id=actor.structure_id).exclude(
        kind=Participation.Kind.EVALUATOR
    )
    return Programme.objects.filter(pk__in=taking_part.values("programme_id")).order_by("name")


def editable_programme_ids(actor: Actor) -> set[int]:
    if not actor.can(Perm.EDIT_YOUTH):
        return set()
    return set(enrolment_programmes(actor).values_list("pk", flat=True))


def enrolments_of(youth: Youth, *, history: bool = True) -> QuerySet[Enrolment]:
    """The enrolments with what shows them, in a fixed number of queries; ``history``: with
    their phase changes, referent changes and eligibility decisions (the API's enrolment).
    The file page goes without: those are in its timeline."""
    enrolments = youth.enrolments.select_related(
        "programme", "referent__user", "referent__structure", "entry_diploma_level"
    )
    if not history:
        return enrolments
    return enrolments.prefetch_related(
        Prefetch(
            "referent_changes",
            queryset=ReferentChange.objects.select_related(
                "from_referent__user", "to_referent__user", "to_referent__structure", "by"
            ),
        ),
        Prefetch("phase_changes", queryset=PhaseChange.objects.select_related("by")),
        Prefetch("overrides", queryset=EligibilityOverride.objects.select_related("by")),
    )


def read_enrolments(actor: Actor, youth: Youth) -> list[Enrolment]:
    """The young person's enrolments with their history, logged as shown."""
    enrolments = list(enrolments_of(youth))
    if enrolments:
        audit.log(actor, AuditEvent.Action.LIST, OBJECT_TYPE, object_ids=[e.pk for e in enrolments])
    return enrolments


def get_enrolment(actor: Actor, youth: Youth, pk: int, *, edit: bool = False) -> Enrolment:
    enrolment = enrolments_of(youth).filter(pk=pk).first()
    if enrolment is None:
        raise Http404
    if edit and enrolment.programme_id not in editable_programme_ids(actor):
        raise Http404
    return enrolment


def referent_candidates(youth: Youth, programme: Programme | None = None) -> QuerySet[Membership]:
    """Case workers and coordinators of the structures that see the file (and take part
    in the programme, when one is given)."""
    qs = Membership.objects.filter(
        is_active=True,
        structure__is_active=True,
        role__in=roles_with(Perm.BE_REFERENT),
        structure_id__in=structures_seeing(youth),
    )
    if programme is not None:
        qs = qs.filter(structure__participations__programme=programme)
    return qs.select_related("user", "structure").order_by(
        "structure__name", "user__last_name", "user__first_name"
    )


# --- rules ----------------------------------------------------------------------------


def referent_errors(youth: Youth, programme: Programme, referent: Membership | None) -> list[str]:
    if referent is None:
        return [_("Choisissez le ou la référent·e du parcours.")]
    if not role_can(referent.role, Perm.BE_REFERENT):
        return [
            _("Le référent doit être un·e référent·e / conseiller·ère ou un·e coordinateur·rice.")
        ]
    if not referent.is_active or not referent.structure.is_active:
        return [_("Ce professionnel n'a plus accès à sa structure.")]
    if referent.structure_id not in structures_seeing(youth):
        return [
            _(
                "Le jeune n'a pas accepté que sa fiche soit partagée avec %(structure)s : "
                "notez d'abord son consentement au partage avec cette structure."
            )
            % {"structure": referent.structure.name}
        ]
    if not Participation.objects.filter(
        programme=programme, structure_id=referent.structure_id
    ).exists():
        return [
            _("%(structure)s ne participe pas à ce dispositif.")
            % {"structure": referent.structure.name}
        ]
    return []


def entry_errors(data: dict[str, Any]) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    today = timezone.localdate()
    entry_date = data.get("entry_date")
    if entry_date is None:
        errors["entry_date"] = [_("Indiquez la date d'entrée dans le dispositif.")]
    elif entry_date > today:
        errors["entry_date"] = [_("La date d'entrée ne peut pas être dans le futur.")]
    for field, allowed in _CHOICES.items():
        if data.get(field) and data[field] not in allowed:
            errors[field] = [_("Valeur non prévue.")]
    last = data.get("entry_last_spe_contact_on")
    if last is not None:
        if data.get("entry_last_spe_contact_source") == SpeContact.NEVER:
            errors["entry_last_spe_contact_on"] = [
                _("Vous avez indiqué « jamais en contact » : laissez la date vide.")
            ]
        elif last > today or (entry_date is not None and last > entry_date):
            errors["entry_last_spe_contact_on"] = [
                _("Le dernier contact ne peut pas être après la date d'entrée.")
            ]
    return errors


def has_follow_up_consent(youth: Youth) -> bool:
    return Consent.objects.filter(
        youth=youth, purpose=Consent.Purpose.FOLLOW_UP, withdrawn_on__isnull=True
    ).exists()


def legal_basis_errors(youth: Youth, legal_basis: str) -> list[str]:
    """An enrolment rests on the young person's active consent to follow-up, or on another
    legal basis chosen from the list (GDPR art. 6.1), recorded on the enrolment."""
    if legal_basis:
        if legal_basis not in LegalBasis.values:
            return [_("Choisissez une base légale de la liste.")]
        return []
    if has_follow_up_consent(youth):
        return []
    return [
        _(
            "Le jeune n'a pas (ou plus) de consentement à l'accompagnement noté sur sa fiche : "
            "notez-le d'abord, ou choisissez la base légale qui permet ce parcours."
        )
    ]


def entry_situation(data: dict[str, Any]) -> dict[str, Any]:
    """The entry fields of ``data``, "not stated" being an empty value."""
    situation = {field: data.get(field) or "" for field in ENTRY_FIELDS}
    situation["entry_last_spe_contact_on"] = data.get("entry_last_spe_contact_on")
    situation["entry_diploma_level"] = data.get("entry_diploma_level")
    return situation


# --- state changes --------------------------------------------------------------------


@transaction.atomic
def do_enrol(actor: Actor, youth: Youth, data: dict[str, Any]) -> Enrolment:
    """Enrol a young person; the rules are evaluated on the entry date and kept."""
    actor.require(Perm.EDIT_YOUTH)
    errors = entry_errors(data)
    programme = data.get("programme")
    if programme is None or programme.pk not in editable_programme_ids(actor):
        errors["programme"] = [_("Choisissez un dispositif auquel votre structure participe.")]
    else:
        if (
            Enrolment.objects.filter(youth=youth, programme=programme)
            .exclude(phase=Phase.EXITED)
            .exists()
        ):
            errors["programme"] = [_("Ce jeune a déjà un parcours en cours dans ce dispositif.")]
        if problems := referent_errors(youth, programme, data.get("referent")):
            errors["referent"] = problems
    legal_basis = data.get("legal_basis") or ""
    if problems := legal_basis_errors(youth, legal_basis):
        errors["legal_basis"] = problems
    phase = data.get("phase") or Phase.CONTACT
    if phase not in _ACTIVE:
        errors["phase"] = [_("Un parcours commence en contact, mobilisation ou accompagnement.")]
    if errors:
        raise ValidationError(errors)
    assert programme is not None
    situation = entry_situation(data)
    result = evaluate_for(youth, programme, situation, data["entry_date"])
    enrolment = Enrolment(
        youth=youth,
        programme=programme,
        referent=data["referent"],
        phase=phase,
        entry_date=data["entry_date"],
        eligibility=result.as_json(),
        eligibility_status=result.overall,
        legal_basis=legal_basis,
        created_by=actor.user,
        created_by_structure_id=actor.structure_id,
        **situation,
    )
    try:
        with transaction.atomic():
            enrolment.save()
    except IntegrityError as exc:  # the same enrolment made at the same moment elsewhere
        raise ValidationError(
            {"programme": [_("Ce jeune a déjà un parcours en cours dans ce dispositif.")]}
        ) from exc
    PhaseChange.objects.create(
        enrolment=enrolment,
        to_phase=phase,
        on=enrolment.entry_date,
        by=actor.user,
        by_structure_id=actor.structure_id,
    )
    ReferentChange.objects.create(
        enrolment=enrolment,
        to_referent=enrolment.referent,
        by=actor.user,
        by_structure_id=actor.structure_id,
    )
    audit.log(
        actor,
        AuditEvent.Action.CREATE,
        OBJECT_TYPE,
        enrolment.pk,
        fields=[
            "programme",
            "referent",
            "phase",
            "entry_date",
            *ENTRY_FIELDS,
            "eligibility",
            "legal_basis",
        ],
    )
    return enrolment


def _locked(enrolment: Enrolment) -> Enrolment:
    return Enrolment.objects.select_for_update().get(pk=enrolment.pk)


@transaction.atomic
def do_change_referent(
    actor: Actor, enrolment: Enrolment, referent: Membership | None, reason: str = ""
) -> Enrolment:
    """``enrolment`` must come from ``get_enrolment(..., edit=True)``."""
    actor.require(Perm.EDIT_YOUTH)
    current = _locked(enrolment)
    if current.phase == Phase.EXITED:
        raise ValidationError(
            {"referent": [_("Ce parcours est clos : le référent ne change plus.")]}
        )
    if referent is not None and referent.pk == current.referent_id:
        raise ValidationError({"referent": [_("C'est déjà le référent de ce parcours.")]})
    if problems := referent_errors(enrolment.youth, enrolment.programme, referent):
        raise ValidationError({"referent": problems})
    assert referent is not None
    ReferentChange.objects.create(
        enrolment=enrolment,
        from_referent_id=current.referent_id,
        to_referent=referent,
        reason=reason.strip(),
        by=actor.user,
        by_structure_id=actor.structure_id,
    )
    enrolment.referent = referent
    enrolment.save(update_fields=["referent"])
    audit.log(actor, AuditEvent.Action.UPDATE, OBJECT_TYPE, enrolment.pk, fields=["referent"])
    return enrolment


@transaction.atomic
def do_change_phase(
    actor: Actor,
    enrolment: Enrolment,
    act: str,
    on: datetime.date | None = None,
    note: str = "",
) -> Enrolment:
    """Move the enrolment by a named act (``mobilise``, ``follow``, ``hand_off``, ``exit``);
    an act that does not apply to the current phase changes nothing."""
    actor.require(Perm.EDIT_YOUTH)
    transition = TRANSITIONS.get(act)
    if transition is None:
        raise ValidationError({"act": [_("Action inconnue.")]})
    current = _locked(enrolment)
    if current.phase not in transition.sources:
        raise ValidationError(
            {
                "act": [
                    _("Ce parcours est en phase « %(phase)s » : « %(act)s » n'est pas possible.")
                    % {"phase": Phase(current.phase).label, "act": transition.label}
                ]
            }
        )
    today = timezone.localdate()
    on = on or today
    if on > today:
        raise ValidationError({"on": [_("La date ne peut pas être dans le futur.")]})
    if on < current.entry_date:
        raise ValidationError(
            {"on": [_("La date ne peut pas précéder l'entrée dans le dispositif.")]}
        )
    PhaseChange.objects.create(
        enrolment=enrolment,
        from_phase=current.phase,
        to_phase=transition.target,
        on=on,
        note=note.strip(),
        by=actor.user,
        by_structure_id=actor.structure_id,
    )
    enrolment.phase = transition.target
    fields = ["phase"]
    if transition.target == Phase.EXITED:
        enrolment.exited_on = on
        fields.append("exited_on")
    enrolment.save(update_fields=fields)
    audit.log(actor, AuditEvent.Action.UPDATE, OBJECT_TYPE, enrolment.pk, fields=fields)
    return enrolment


@transaction.atomic
def do_override_eligibility(
    actor: Actor, enrolment: Enrolment, decision: str, reason: str
) -> Enrolment:
    """A coordinator's written decision on eligibility; the evaluation stays as it was."""
    actor.require(Perm.OVERRIDE_ELIGIBILITY)
    errors: dict[str, list[str]] = {}
    if decision not in (Eligibility.ELIGIBLE, Eligibility.NOT_ELIGIBLE):
        errors["decision"] = [_("Choisissez « éligible » ou « non éligible ».")]
    if not reason.strip():
        errors["reason"] = [_("Écrivez le motif de votre décision.")]
    if errors:
        raise ValidationError(errors)
    _locked(enrolment)
    EligibilityOverride.objects.create(
        enrolment=enrolment,
        decision=decision,
        reason=reason.strip(),
        by=actor.user,
        by_structure_id=actor.structure_id,
    )
    enrolment.eligibility_override = decision
    enrolment.save(update_fields=["eligibility_override"])
    audit.log(
        actor, AuditEvent.Action.UPDATE, OBJECT_TYPE, enrolment.pk, fields=["eligibility_override"]
    )
    return enrolment
