"""Contacts (rencontres): one exchange with a young person, known or not."""

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
from accroche.contact_dates import is_before_earliest
from accroche.outreach.access import CONTACT, outreach_programmes
from accroche.outreach.enums import (
    AgeBand,
    Channel,
    ContactMode,
    ContactResult,
    CountGender,
    age_band_for_age,
)
from accroche.outreach.idempotency import create_once
from accroche.outreach.models import Contact, OutreachSession
from accroche.youth.access import youths_visible_to
from accroche.youth.models import Youth
from accroche.youth.services import do_create_youth

CONTACT_FIELDS = ("happened_at", "mode", "channel", "result", "age_band", "gender", "note")
FUTURE_TOLERANCE = datetime.timedelta(minutes=10)


def youth_age_band(youth: Youth, on: datetime.date | None = None) -> str:
    on = on or timezone.localdate()
    if youth.birth_date:
        born = youth.birth_date
        age = on.year - born.year - ((on.month, on.day) < (born.month, born.day))
    elif youth.birth_year:
        age = on.year - youth.birth_year
    else:
        age = None
    return age_band_for_age(age)


def default_contact_time(
    session: OutreachSession | None, now: datetime.datetime
) -> datetime.datetime:
    """When a contact with no time given happened: now, unless now is outside its session
    (a session recorded afterwards); then the session's start, a time the team was out
    for sure, whereas its end may be a guess or an automatic close."""
    if session is None or session.started_at <= now <= (session.ended_at or now):
        return now
    return session.started_at


def validate_contact(data: dict[str, Any]) -> None:
    errors: dict[str, list[str]] = {}
    choices = {
        "mode": ContactMode.values,
        "channel": Channel.values,
        "result": ContactResult.values,
        "age_band": ["", *AgeBand.values],
        "gender": ["", *CountGender.values],
    }
    for field, allowed in choices.items():
        if field in data and data[field] not in allowed:
            errors[field] = [_("Valeur non prévue.")]
    happened = data.get("happened_at")
    if happened is not None and happened > timezone.now() + FUTURE_TOLERANCE:
        errors["happened_at"] = [_("Une rencontre ne peut pas être dans le futur.")]
    elif happened is not None and is_before_earliest(happened):
        errors["happened_at"] = [
            _("Une rencontre ne peut pas dater d'avant le 1er janvier 2000 : vérifiez l'année.")
        ]
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def do_record_contact(
    actor: Actor,
    data: dict[str, Any],
    *,
    session: OutreachSession | None = None,
    youth: Youth | None = None,
    new_youth: dict[str, Any] | None = None,
    idempotency_key: uuid.UUID | None = None,
) -> tuple[Contact, bool]:
    """Record a contact, in ``session`` (from ``get_session(..., edit=True)``) or on its
    own (``data["programme"]``). Link it to a visible ``youth``, or create the young
    person's file from ``new_youth`` (a first name or a nickname is enough)."""
    actor.require(Perm.RECORD_OUTREACH)
    if youth is not None and new_youth is not None:
        raise ValidationError(
            {"youth": [_("Choisissez un jeune existant ou créez une fiche, pas les deux.")]}
        )
    programme = session.programme if session is not None else data.get("programme")
    if programme is None or not outreach_programmes(actor).filter(pk=programme.pk).exists():
        raise ValidationError({"programme": [_("Choisissez un dispositif de votre structure.")]})
    if youth is not None and not youths_visible_to(actor).filter(pk=youth.pk).exists():
        raise ValidationError({"youth": [_("Jeune introuvable.")]})
    values = {f: data[f] for f in CONTACT_FIELDS if f in data and data[f] is not None}
    values.setdefault("happened_at", default_contact_time(session, timezone.now()))
    validate_contact(values)

    def create() -> Contact:
        linked = youth
        if new_youth is not None:
            linked = do_create_youth(actor, new_youth)
        if linked is not None and not values.get("age_band"):
            values["age_band"] = youth_age_band(linked, values["happened_at"].date())
        contact = Contact.objects.create(
            session=session,
            programme=programme,
            structure_id=actor.structure_id,
            recorded_by=actor.user,
            youth=linked,
            idempotency_key=idempotency_key,
            **values,
        )
        if linked is not None:
            touch_last_contact(linked, contact.happened_at)
        audit.log(
            actor, AuditEvent.Action.CREATE, CONTACT, contact.pk,
            fields=[*values, *(["youth"] if linked else [])],
        )  # fmt: skip
        return contact

    return create_once(
        Contact, idempotency_key, create, owned=lambda c: c.structure_id == actor.structure_id
    )


def touch_last_contact(youth: Youth, at: datetime.datetime) -> None:
    """``last_contact_at`` = the latest of what it was and ``at`` (race-free)."""
    Youth.objects.filter(pk=youth.pk).filter(
        Q(last_contact_at__isnull=True) | Q(last_contact_at__lt=at)
    ).update(last_contact_at=at)
    if youth.last_contact_at is None or youth.last_contact_at < at:
        youth.last_contact_at = at
