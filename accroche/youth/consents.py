"""Consents of a young person, per purpose. Recording and withdrawing are atomic and
audited; a withdrawal takes effect at once (the access layer reads only active consents)."""

import datetime
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from accroche.access import audit
from accroche.access.actor import Actor
from accroche.access.models import AuditEvent
from accroche.access.permissions import Perm
from accroche.organisations.models import Structure
from accroche.youth.eligibility import age_range
from accroche.youth.models import Consent, Youth

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
    """The structures a file may be shared with: the active ones but its holder."""
    return Structure.objects.filter(is_active=True).exclude(pk=youth.holder_structure_id)


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
    shared_with: list[Structure] = list(data.get("shared_with") or [])
    if purpose == Consent.Purpose.SHARING:
        if not shared_with:
            errors["shared_with"] = [_("Choisissez au moins une structure avec qui partager.")]
        elif any(s.pk == youth.holder_structure_id for s in shared_with):
            errors["shared_with"] = [
                _("La structure qui détient la fiche la voit déjà : retirez-la de la liste.")
            ]
        elif any(not s.is_active for s in shared_with):
            errors["shared_with"] = [_("Une des structures choisies n'est plus active.")]
    elif shared_with:
        errors["shared_with"] = [
            _("Les structures ne se choisissent que pour un consentement au partage.")
        ]
    if (
        given_on is not None
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
    consent = Consent.objects.create(
        youth=youth,
        purpose=data["purpose"],
        method=data["method"],
        given_on=data["given_on"],
        guardian_informed=data.get("guardian_informed"),
        recorded_by=actor.user,
        recorded_by_structure_id=actor.structure_id,
    )
    shared_with = list(data.get("shared_with") or [])
    if shared_with:
        consent.shared_with.set(shared_with)
    fields = ["purpose", "method", "given_on", "guardian_informed"]
    audit.log(
        actor,
        AuditEvent.Action.CREATE,
        OBJECT_TYPE,
        consent.pk,
        fields=[*fields, "shared_with"] if shared_with else fields,
    )
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
