"""Consents of a young person, per purpose. Recording and withdrawing are atomic and
audited; a withdrawal takes effect at once (the access layer reads only active consents)."""

import datetime
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from accroche.access import audit
from accroche.access.actor import Actor
from accroche.access.models import AuditEvent
from accroche.access.permissions import Perm
from accroche.organisations.models import Participation, Structure
from accroche.youth.eligibility import age_range
from accroche.youth.models import Consent, Phase, Youth

OBJECT_TYPE = "consent"


def is_minor_on(youth: Youth, day: datetime.date) -> bool | None:
    """True / False when the age on that day is known for sure, None otherwise."""
    ages = age_range(day, youth.birth_date, youth.birth_year)
    if ages is None:
        return None
    low, high = ages
    if high < 18:
        return True
    if low >= 18:
        return False
    return None


def sharing_candidates(youth: Youth) -> QuerySet[Structure]:
    """The structures of the file's consortium, with which it may be shared on consent
    alone: the partners of the programmes it is enrolled in, and the structures whose zones
    (non exclusive) cover its residence commune or QPV. Evaluators read pseudonymised
    aggregates only, and the holder sees the file already. Any other structure is a
    transfer (``transfer_reason``)."""
    enrolled = youth.enrolments.exclude(phase=Phase.EXITED).values("programme_id")
    covering = Q(programme_id__in=enrolled)
    if youth.residence_commune_id is not None:
        covering |= Q(zone_communes=youth.residence_commune_id)
    if youth.residence_qpv_id is not None:
        covering |= Q(zone_qpvs=youth.residence_qpv_id)
    participations = Participation.objects.filter(covering).exclude(
        kind=Participation.Kind.EVALUATOR
    )
    return (
        Structure.objects.filter(is_active=True, pk__in=participations.values("structure_id"))
        .exclude(pk=youth.holder_structure_id)
        .distinct()
    )


def transfer_candidates(youth: Youth) -> QuerySet[Structure]:
    """The other active structures of the instance: sharing with one is a transfer."""
    return (
        Structure.objects.filter(is_active=True)
        .exclude(pk=youth.holder_structure_id)
        .exclude(pk__in=sharing_candidates(youth).values("pk"))
    )


def _sharing_errors(youth: Youth, data: dict[str, Any]) -> dict[str, list[str]]:
    """The structures chosen, and the transfer out of the consortium with its reason."""
    purpose = data.get("purpose")
    shared_with: list[Structure] = list(data.get("shared_with") or [])
    reason = (data.get("transfer_reason") or "").strip()
    if purpose != Consent.Purpose.SHARING:
        if shared_with:
            return {
                "shared_with": [
                    _("Les structures ne se choisissent que pour un consentement au partage.")
                ]
            }
        if reason:
            return {"transfer_reason": [_("Un motif de transfert ne va qu'avec un partage.")]}
        return {}
    if not shared_with:
        return {"shared_with": [_("Choisissez au moins une structure avec qui partager.")]}
    if any(s.pk == youth.holder_structure_id for s in shared_with):
        return {
            "shared_with": [
                _("La structure qui détient la fiche la voit déjà : retirez-la de la liste.")
            ]
        }
    if any(not s.is_active for s in shared_with):
        return {"shared_with": [_("Une des structures choisies n'est plus active.")]}
    outside = transfers_in(youth, shared_with)
    if outside and not reason:
        return {
            "transfer_reason": [
                _(
                    "%(names)s ne participe(nt) à aucun dispositif du jeune et ne couvre(nt) "
                    "pas sa commune : ce partage est un transfert hors du consortium. "
                    "Écrivez-en le motif (il sera lu par le ou la délégué·e à la protection "
                    "des données)."
                )
                % {"names": ", ".join(s.name for s in outside)}
            ]
        }
    if reason and not outside:
        return {
            "transfer_reason": [
                _(
                    "Toutes les structures choisies sont partenaires du jeune : ce n'est pas "
                    "un transfert, laissez le motif vide."
                )
            ]
        }
    return {}


def transfers_in(youth: Youth, structures: Iterable[Structure]) -> list[Structure]:
    """Those of ``structures`` outside the file's consortium."""
    structures = list(structures)
    allowed = set(
        sharing_candidates(youth)
        .filter(pk__in=[s.pk for s in structures])
        .values_list("pk", flat=True)
    )
    return [s for s in structures if s.pk not in allowed]


def validate_consent(youth: Youth, data: dict[str, Any]) -> None:
    errors: dict[str, list[str]] = {}
    today = timezone.localdate()
    purpose = data.get("purpose")
    if purpose not in Consent.Purpose.values:
        errors["purpose"] = [_("Choisissez la finalité du consentement.")]
    if data.get("method") not in Consent.Method.values:
        errors["method"] = [_("Indiquez comment le consentement a été donné.")]
    given_on = data.get("given_on")
    if given_on is None:
        errors["given_on"] = [_("Indiquez la date du consentement.")]
    elif given_on > today:
        errors["given_on"] = [_("La date du consentement ne peut pas être dans le futur.")]
    elif youth.birth_date is not None and given_on < youth.birth_date:
        errors["given_on"] = [
            _("La date du consentement ne peut pas précéder la naissance du jeune (%(day)s).")
            % {"day": youth.birth_date.strftime("%d/%m/%Y")}
        ]
    errors.update(_sharing_errors(youth, data))
    if (
        given_on is not None
        and "given_on" not in errors
        and is_minor_on(youth, given_on)
        and data.get("guardian_informed") is None
    ):
        errors["guardian_informed"] = [
            _(
                "Pour un·e jeune de moins de 18 ans, indiquez si son représentant légal "
                "a été informé."
            )
        ]
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def do_record_consent(actor: Actor, youth: Youth, data: dict[str, Any]) -> Consent:
    """``youth`` must come from the access layer (``get_youth(..., edit=True)``)."""
    actor.require(Perm.EDIT_YOUTH)
    validate_consent(youth, data)
    shared_with = list(data.get("shared_with") or [])
    outside = transfers_in(youth, shared_with)
    consent = Consent.objects.create(
        youth=youth,
        purpose=data["purpose"],
        method=data["method"],
        given_on=data["given_on"],
        guardian_informed=data.get("guardian_informed"),
        transfer_reason=(data.get("transfer_reason") or "").strip() if outside else "",
        recorded_by=actor.user,
        recorded_by_structure_id=actor.structure_id,
    )
    fields = ["purpose", "method", "given_on", "guardian_informed"]
    if shared_with:
        consent.shared_with.set(shared_with)
        fields.append("shared_with")
    if outside:
        consent.transferred_to.set(outside)
        fields += ["transferred_to", "transfer_reason"]
    audit.log(actor, AuditEvent.Action.CREATE, OBJECT_TYPE, consent.pk, fields=fields)
    return consent


@transaction.atomic
def do_withdraw_consent(actor: Actor, consent: Consent, on: datetime.date | None = None) -> Consent:
    """Withdrawal closes what the consent opened at once, whatever the date noted."""
    actor.require(Perm.EDIT_YOUTH)
    # Lock the row: two people withdrawing at once record one withdrawal.
    locked = Consent.objects.select_for_update().get(pk=consent.pk)
    today = timezone.localdate()
    on = on or today
    if locked.withdrawn_on is not None:
        raise ValidationError({"withdrawn_on": [_("Ce consentement est déjà retiré.")]})
    if on > today:
        raise ValidationError(
            {"withdrawn_on": [_("La date du retrait ne peut pas être dans le futur.")]}
        )
    if on < locked.given_on:
        raise ValidationError(
            {"withdrawn_on": [_("Le retrait ne peut pas précéder le consentement.")]}
        )
    locked.withdrawn_on = on
    locked.save(update_fields=["withdrawn_on"])
    consent.withdrawn_on = on
    audit.log(actor, AuditEvent.Action.UPDATE, OBJECT_TYPE, consent.pk, fields=["withdrawn_on"])
    return consent


def consents_of(youth: Youth) -> QuerySet[Consent]:
    """``youth`` must come from the access layer."""
    return youth.consents.select_related("recorded_by_structure").prefetch_related("shared_with")


def get_consent(youth: Youth, pk: int) -> Consent:
    """A consent of a file obtained through the access layer; anything else is a 404."""
    consent = consents_of(youth).filter(pk=pk).first()
    if consent is None:
        raise Http404
    return consent


def log_consents_read(actor: Actor, consents: Iterable[Consent]) -> None:
    ids = [c.pk for c in consents]
    if ids:
        audit.log(actor, AuditEvent.Action.LIST, OBJECT_TYPE, object_ids=ids)


def transfers_visible_to(actor: Actor) -> QuerySet[Consent]:
    """Sharing consents that transfer a file outside its consortium, newest first: the DPO
    reads them all (identifiers, structures and reasons; no name of a young person)."""
    if not actor.can(Perm.VIEW_TRANSFERS):
        return Consent.objects.none()
    return (
        Consent.objects.exclude(transfer_reason="")
        .select_related("recorded_by_structure", "recorded_by")
        .prefetch_related("transferred_to")
        .order_by("-created_at", "-pk")
    )
