"""Referrals (signalements): created by a partner, a professional or the young person
(public form), routed by zone, then taken, contacted and closed. Each transition is a
named act; an invalid one raises a French ValidationError and changes nothing."""

import datetime
import uuid
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from accroche.access import audit
from accroche.access.actor import Actor
from accroche.access.models import AuditEvent
from accroche.access.permissions import Perm
from accroche.organisations.models import Participation, Programme, Structure
from accroche.outreach.access import REFERRAL, outreach_programmes
from accroche.outreach.contacts import touch_last_contact
from accroche.outreach.enums import AgeBand, CloseReason, ReferralSource, ReferralState
from accroche.outreach.idempotency import create_once
from accroche.outreach.models import Referral
from accroche.outreach.validation import check_email
from accroche.phones import normalise_phone
from accroche.youth.access import youths_visible_to
from accroche.youth.models import Youth
from accroche.youth.services import do_create_youth

REFERRAL_FIELDS = (
    "source",
    "sender_name",
    "sender_contact",
    "name",
    "age_band",
    "phone",
    "email",
    "social_handle",
    "reach_when",
    "commune",
    "qpv",
    "need",
)
SELF_FIELDS = ("name", "phone", "email", "social_handle", "reach_when", "commune", "need")
# Structures that follow young people take referrals; upstream partners and evaluators don't.
TAKING_KINDS = (Participation.Kind.LEAD, Participation.Kind.PARTNER)


def covering_structures(programme: Programme, commune: Any, qpv: Any = None) -> list[Structure]:
    """Every structure of the programme whose zone covers the commune or the QPV (zones
    overlap: all of them). When none does, the lead structure, so nothing is lost."""
    where = Q(zone_communes=commune)
    if qpv is not None:
        where |= Q(zone_qpvs=qpv)
    ids = (
        Participation.objects.filter(programme=programme, kind__in=TAKING_KINDS)
        .filter(structure__is_active=True)
        .filter(where)
        .values("structure_id")
    )
    structures = list(Structure.objects.filter(pk__in=ids).order_by("name"))
    return structures or [programme.lead_structure]


def clean_referral(data: dict[str, Any], *, public: bool = False) -> dict[str, Any]:
    """Validate and normalise (phone as '06 12 34 56 78'). Raises French messages."""
    errors: dict[str, list[str]] = {}
    values = {k: v for k, v in data.items() if k in REFERRAL_FIELDS and v is not None}
    for key, value in values.items():
        if isinstance(value, str):
            values[key] = value.strip()
    if not values.get("name"):
        errors["name"] = [_("Indiquez un prénom ou un surnom.")]
    if not public and values.get("source") not in ReferralSource.values:
        errors["source"] = [_("Dites qui fait le signalement.")]
    if values.get("age_band") and values["age_band"] not in AgeBand.values:
        errors["age_band"] = [_("Tranche d'âge inconnue.")]
    if values.get("phone"):
        try:
            values["phone"] = normalise_phone(values["phone"])
        except ValidationError as exc:
            errors["phone"] = exc.messages
    if values.get("email"):
        try:
            values["email"] = check_email(values["email"])
        except ValidationError as exc:
            errors["email"] = exc.messages
    ways = ("phone", "email", "social_handle") if public else (
        "phone", "email", "social_handle", "sender_contact"
    )  # fmt: skip
    if not any(values.get(w) or w in errors for w in ways):
        errors["phone"] = [
            _("Laissez au moins un moyen de vous joindre : téléphone, e-mail ou réseau social.")
            if public
            else _("Indiquez au moins un moyen de joindre le jeune ou la personne qui signale.")
        ]
    commune, qpv = values.get("commune"), values.get("qpv")
    if commune is None:
        errors["commune"] = [_("Indiquez la commune.")]
    elif qpv is not None and not qpv.communes.filter(pk=commune.pk).exists():
        errors["qpv"] = [_("Ce quartier prioritaire n'est pas dans la commune choisie.")]
    if errors:
        raise ValidationError(errors)
    return values


def due_at(programme: Programme, created_at: datetime.datetime) -> datetime.datetime:
    return created_at + datetime.timedelta(hours=programme.referral_deadline_hours)


def _create(programme: Programme, values: dict[str, Any], **extra: Any) -> Referral:
    now = timezone.now()
    referral = Referral.objects.create(
        programme=programme,
        created_at=now,
        updated_at=now,
        due_at=due_at(programme, now),
        **values,
        **extra,
    )
    # A new referral is routed nowhere yet: add() inserts without reading what set() reads.
    referral.routed_to.add(*covering_structures(programme, values["commune"], values.get("qpv")))
    return referral


@transaction.atomic
def do_create_referral(
    actor: Actor,
    programme: Programme | None,
    data: dict[str, Any],
    *,
    idempotency_key: uuid.UUID | None = None,
) -> tuple[Referral, bool]:
    """A professional or a partner signals a young person. A partner signals as a
    structure; a professional notes who called (family, peer, school…)."""
    actor.require(Perm.SEND_REFERRALS)
    if programme is None or not outreach_programmes(actor).filter(pk=programme.pk).exists():
        raise ValidationError({"programme": [_("Choisissez un dispositif de votre structure.")]})
    if not actor.can(Perm.NOTE_REFERRAL_SOURCE):
        data = data | {"source": ReferralSource.PARTNER}
    values = clean_referral(data)

    def create() -> Referral:
        referral = _create(
            programme, values,
            sender_structure_id=actor.structure_id, sender_user=actor.user,
            idempotency_key=idempotency_key,
        )  # fmt: skip
        audit.log(actor, AuditEvent.Action.CREATE, REFERRAL, referral.pk, fields=values)
        return referral

    return create_once(
        Referral,
        idempotency_key,
        create,
        owned=lambda r: r.sender_structure_id == actor.structure_id,
    )


@transaction.atomic
def do_create_self_referral(
    programme: Programme, data: dict[str, Any], *, idempotency_key: uuid.UUID | None = None
) -> tuple[Referral, bool]:
    """The public form: a young person asks to be contacted. No account, no actor."""
    values = clean_referral({k: v for k, v in data.items() if k in SELF_FIELDS}, public=True)
    values["source"] = ReferralSource.SELF

    def create() -> Referral:
        referral = _create(programme, values, idempotency_key=idempotency_key)
        audit.log_system(AuditEvent.Action.CREATE, REFERRAL, referral.pk)
        return referral

    return create_once(
        Referral,
        idempotency_key,
        create,
        owned=lambda r: r.source == ReferralSource.SELF and r.programme_id == programme.pk,
    )


# --- transitions ---------------------------------------------------------------------


def _refused(message: str) -> ValidationError:
    return ValidationError({"state": [message]})


def _taken_elsewhere(referral: Referral) -> ValidationError:
    taker = (
        Structure.objects.filter(taken_referrals=referral.pk).values_list("name", flat=True).first()
    )
    if taker:
        return _refused(
            _("Ce signalement vient d'être pris en charge par %(structure)s.")
            % {"structure": taker}
        )
    return _refused(_("Ce signalement n'est plus à prendre."))


def _transition(actor: Actor, referral: Referral, fields: list[str], when: Q, **values: Any) -> int:
    now = timezone.now()
    values["updated_at"] = now
    updated = Referral.objects.filter(when, pk=referral.pk).update(**values)
    if updated:
        referral.refresh_from_db()
        audit.log(actor, AuditEvent.Action.UPDATE, REFERRAL, referral.pk, fields=fields)
    return updated


def _is_routed_to(actor: Actor, referral: Referral) -> bool:
    return referral.routed_to.filter(pk=actor.structure_id).exists()


@transaction.atomic
def take(actor: Actor, referral: Referral) -> Referral:
    """The actor's structure takes the referral. Zones overlap: the first to take it owns
    it, decided by a conditional UPDATE, so two structures can never both win."""
    actor.require(Perm.HANDLE_REFERRALS)
    if referral.state != ReferralState.NEW and referral.taken_by_structure_id == actor.structure_id:
        raise _refused(_("Votre structure a déjà pris en charge ce signalement."))
    if not _is_routed_to(actor, referral):
        raise _refused(_("Ce signalement n'est pas adressé à votre structure."))
    now = timezone.now()
    if not _transition(
        actor, referral, ["state", "taken_by_structure"], Q(state=ReferralState.NEW),
        state=ReferralState.TAKEN, taken_by_structure_id=actor.structure_id,
        taken_by=actor.user, taken_at=now,
    ):  # fmt: skip
        raise _taken_elsewhere(referral)
    return referral


@transaction.atomic
def mark_contact_made(
    actor: Actor,
    referral: Referral,
    *,
    youth: Youth | None = None,
    create_youth: bool = False,
    at: datetime.datetime | None = None,
) -> Referral:
    """The young person has been reached. Optionally link their file, or create it from
    what the referral says (through the youth domain, audited)."""
    actor.require(Perm.HANDLE_REFERRALS)
    if referral.taken_by_structure_id != actor.structure_id:
        raise _refused(_("Prenez d'abord ce signalement en charge."))
    if referral.state != ReferralState.TAKEN:
        raise _refused(
            _("Impossible : ce signalement est « %(state)s ».")
            % {"state": referral.get_state_display()}
        )
    at = at or timezone.now()
    if at > timezone.now() + datetime.timedelta(minutes=10):
        raise ValidationError({"at": [_("La date du contact ne peut pas être dans le futur.")]})
    if youth is not None and not youths_visible_to(actor).filter(pk=youth.pk).exists():
        raise ValidationError({"youth": [_("Jeune introuvable.")]})
    if create_youth and youth is None:
        youth = do_create_youth(actor, youth_data_from(referral))
    fields = ["state", "contact_made_at", *(["youth"] if youth else [])]
    extra = {"youth": youth} if youth is not None else {}
    if not _transition(
        actor, referral, fields,
        Q(state=ReferralState.TAKEN, taken_by_structure_id=actor.structure_id),
        state=ReferralState.CONTACT_MADE, contact_made_at=at, **extra,
    ):  # fmt: skip
        raise _refused(_("Ce signalement a changé entre-temps : rechargez la page."))
    if youth is not None:
        touch_last_contact(youth, at)
    return referral


@transaction.atomic
def close(actor: Actor, referral: Referral, reason: str, note: str = "") -> Referral:
    """Close with a reason. A structure the referral was routed to may close it while
    new (a duplicate, an abusive request): it then becomes the one that handled it."""
    actor.require(Perm.HANDLE_REFERRALS)
    if reason not in CloseReason.values:
        raise ValidationError({"close_reason": [_("Choisissez le motif de clôture.")]})
    if referral.state == ReferralState.CLOSED:
        raise _refused(_("Ce signalement est déjà clôturé."))
    values: dict[str, Any] = {
        "state": ReferralState.CLOSED,
        "closed_at": timezone.now(),
        "close_reason": reason,
        "close_note": note.strip()[:300],
    }
    if referral.state == ReferralState.NEW:
        if not _is_routed_to(actor, referral):
            raise _refused(_("Ce signalement n'est pas adressé à votre structure."))
        when = Q(state=ReferralState.NEW)
        values |= {"taken_by_structure_id": actor.structure_id, "taken_by": actor.user}
    else:
        if referral.taken_by_structure_id != actor.structure_id:
            raise _refused(_("Seule la structure qui l'a pris en charge peut le clôturer."))
        when = Q(state=referral.state, taken_by_structure_id=actor.structure_id)
    if not _transition(actor, referral, ["state", "close_reason"], when, **values):
        raise _taken_elsewhere(referral)
    return referral


def youth_data_from(referral: Referral) -> dict[str, Any]:
    return {
        "first_name": referral.name,
        "phone": referral.phone,
        "email": referral.email,
        "social_handle": referral.social_handle,
        "residence_commune": referral.commune,
        "residence_qpv": referral.qpv,
    }


def late_filter(now: datetime.datetime | None = None) -> Q:
    """Referrals whose young person nobody has reached in time."""
    return Q(state__in=[ReferralState.NEW, ReferralState.TAKEN], due_at__lt=now or timezone.now())
