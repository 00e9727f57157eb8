"""Outreach sessions (sorties): start, count, change, end. Atomic and audited."""

import datetime
import uuid
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from accroche.access import audit
from accroche.access.actor import Actor
from accroche.access.models import AuditEvent
from accroche.access.permissions import Perm
from accroche.accounts.models import User
from accroche.organisations.models import Membership, Programme, Structure
from accroche.outreach.access import outreach_programmes
from accroche.outreach.enums import AgeBand, Channel, CountGender, Modality, Weather
from accroche.outreach.idempotency import create_once
from accroche.outreach.models import OutreachSession, Place, SessionCount

SESSION_FIELDS = ("programme", "modality", "started_at", "ended_at", "weather", "note")
SESSION_LINKS = ("places", "partner_structures", "team")
# A session is recorded live, or typed in afterwards: never for the future.
FUTURE_TOLERANCE = datetime.timedelta(minutes=10)


def default_programme(actor: Actor) -> Programme | None:
    """The programme a new session belongs to when nobody says otherwise."""
    last = (
        OutreachSession.objects.filter(
            structure_id=actor.structure_id, programme__in=outreach_programmes(actor)
        )
        .order_by("-started_at")
        .values_list("programme_id", flat=True)
        .first()
    )
    programmes = outreach_programmes(actor).order_by("-start_date", "name")
    return programmes.filter(pk=last).first() if last else programmes.first()


def last_places(actor: Actor, programme: Programme | None) -> list[Place]:
    """The places of the actor's structure's latest session in that programme."""
    if programme is None:
        return []
    last = (
        OutreachSession.objects.filter(structure_id=actor.structure_id, programme=programme)
        .order_by("-started_at")
        .first()
    )
    return list(last.places.filter(is_active=True)) if last else []


def validate_session(actor: Actor, data: dict[str, Any]) -> None:
    errors: dict[str, list[str]] = {}
    programme = data.get("programme")
    if programme is None:
        errors["programme"] = [_("Choisissez le dispositif.")]
    elif not outreach_programmes(actor).filter(pk=programme.pk).exists():
        errors["programme"] = [_("Votre structure ne participe pas à ce dispositif.")]
    if data.get("modality", Modality.STREET_WALK) not in Modality.values:
        errors["modality"] = [_("Modalité inconnue.")]
    if data.get("weather") and data["weather"] not in Weather.values:
        errors["weather"] = [_("Météo inconnue.")]
    now = timezone.now()
    started, ended = data.get("started_at"), data.get("ended_at")
    if started is None:
        errors["started_at"] = [_("Indiquez l'heure de début.")]
    elif started > now + FUTURE_TOLERANCE:
        errors["started_at"] = [_("Le début ne peut pas être dans le futur.")]
    if ended is not None:
        if ended > now + FUTURE_TOLERANCE:
            errors["ended_at"] = [_("La fin ne peut pas être dans le futur.")]
        elif started is not None and ended < started:
            errors["ended_at"] = [_("La fin doit venir après le début.")]
    if programme is not None and "programme" not in errors:
        wrong = [p for p in data.get("places") or [] if p.programme_id != programme.pk]
        if wrong:
            errors["places"] = [_("Ces lieux ne sont pas ceux du dispositif choisi.")]
        structures = list(data.get("partner_structures") or [])
        taking_part = set(programme.participations.values_list("structure_id", flat=True))
        if any(s.pk not in taking_part for s in structures):
            errors["partner_structures"] = [
                _("Seules les structures du dispositif peuvent être associées à une sortie.")
            ]
        team = list(data.get("team") or [])
        if team:
            allowed = {actor.structure_id, *(s.pk for s in structures)}
            members = set(
                Membership.objects.filter(
                    user__in=team, structure_id__in=allowed, is_active=True
                ).values_list("user_id", flat=True)
            )
            if any(u.pk not in members for u in team):
                errors["team"] = [_("L'équipe ne compte que des membres des structures présentes.")]
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def do_start_session(
    actor: Actor, data: dict[str, Any], *, idempotency_key: uuid.UUID | None = None
) -> tuple[OutreachSession, bool]:
    """Start (or record afterwards) a session. Defaults: now, the actor in the team."""
    actor.require(Perm.RECORD_OUTREACH)
    defaults: dict[str, Any] = {"started_at": timezone.now(), "modality": Modality.STREET_WALK}
    data = defaults | {k: v for k, v in data.items() if v is not None or k == "ended_at"}
    validate_session(actor, data)

    def create() -> OutreachSession:
        values = {f: data[f] for f in SESSION_FIELDS if f in data}
        session = OutreachSession.objects.create(
            structure_id=actor.structure_id,
            created_by=actor.user,
            idempotency_key=idempotency_key,
            **values,
        )
        # A new session links nothing yet: add() inserts without reading what set() reads.
        session.places.add(*(data.get("places") or []))
        session.partner_structures.add(*(data.get("partner_structures") or []))
        session.team.add(*(data.get("team") or [actor.user]))
        audit.log(
            actor, AuditEvent.Action.CREATE, "outreach_session", session.pk,
            fields=[*values, *(f for f in SESSION_LINKS if data.get(f))],
        )  # fmt: skip
        return session

    return create_once(
        OutreachSession,
        idempotency_key,
        create,
        owned=lambda s: s.structure_id == actor.structure_id,
    )


@transaction.atomic
def do_update_session(actor: Actor, session: OutreachSession, data: dict[str, Any]) -> list[str]:
    """``session`` comes from ``get_session(..., edit=True)``."""
    actor.require(Perm.RECORD_OUTREACH)
    current: dict[str, Any] = {f: getattr(session, f) for f in SESSION_FIELDS}
    current |= {
        "places": list(session.places.all()),
        "partner_structures": list(session.partner_structures.all()),
        "team": list(session.team.all()),
    }
    merged = current | {k: v for k, v in data.items() if k in (*SESSION_FIELDS, *SESSION_LINKS)}
    validate_session(actor, merged)
    changed = [f for f in SESSION_FIELDS if f in data and current[f] != data[f]]
    for field in changed:
        setattr(session, field, data[field])
    if changed:
        session.save(update_fields=changed)
    for link in SESSION_LINKS:
        if link in data and {o.pk for o in current[link]} != {o.pk for o in data[link]}:
            getattr(session, link).set(data[link])
            changed.append(link)
    if changed:
        audit.log(actor, AuditEvent.Action.UPDATE, "outreach_session", session.pk, fields=changed)
    return changed


@transaction.atomic
def do_end_session(
    actor: Actor, session: OutreachSession, ended_at: datetime.datetime | None = None
) -> OutreachSession:
    actor.require(Perm.RECORD_OUTREACH)
    if session.ended_at is not None:
        raise ValidationError({"ended_at": [_("Cette sortie est déjà terminée.")]})
    ended_at = ended_at or timezone.now()
    if ended_at < session.started_at:
        raise ValidationError({"ended_at": [_("La fin doit venir après le début.")]})
    # Conditional: ending twice at once (two phones, a replayed request) ends once.
    done = OutreachSession.objects.filter(pk=session.pk, ended_at__isnull=True).update(
        ended_at=ended_at
    )
    if not done:
        raise ValidationError({"ended_at": [_("Cette sortie est déjà terminée.")]})
    session.ended_at = ended_at
    audit.log(actor, AuditEvent.Action.UPDATE, "outreach_session", session.pk, fields=["ended_at"])
    return session


@transaction.atomic
def do_count(
    actor: Actor,
    session: OutreachSession,
    *,
    age_band: str,
    gender: str,
    channel: str = Channel.DIRECT,
    delta: int = 1,
) -> int:
    """One tap on the counter grid: +1 or −1 in one cell (never below 0). Returns the
    cell's new count. Anonymous: no audit row per tap."""
    actor.require(Perm.RECORD_OUTREACH)
    errors = {}
    if age_band not in AgeBand.values:
        errors["age_band"] = [_("Tranche d'âge inconnue.")]
    if gender not in CountGender.values:
        errors["gender"] = [_("Genre inconnu.")]
    if channel not in Channel.values:
        errors["channel"] = [_("Canal inconnu.")]
    if delta not in (1, -1):
        errors["delta"] = [_("On ajoute ou on retire une personne à la fois.")]
    if errors:
        raise ValidationError(errors)
    cell, _created = SessionCount.objects.get_or_create(
        session=session, channel=channel, age_band=age_band, gender=gender
    )
    cells = SessionCount.objects.filter(pk=cell.pk)
    if delta > 0:
        cells.update(count=F("count") + 1)
    else:
        cells.filter(count__gt=0).update(count=F("count") - 1)
    return cells.values_list("count", flat=True).get()


def count_grid(session: OutreachSession, channel: str) -> dict[tuple[str, str], int]:
    """{(age band, gender): count} for one channel (one query)."""
    rows = SessionCount.objects.filter(session=session, channel=channel).values_list(
        "age_band", "gender", "count"
    )
    return {(band, gender): count for band, gender, count in rows}


def count_totals(session: OutreachSession) -> dict[str, int]:
    """{channel: anonymous people counted} (one query)."""
    rows = (
        SessionCount.objects.filter(session=session)
        .values("channel")
        .annotate(total=Sum("count"))
        .values_list("channel", "total")
    )
    return {channel: total or 0 for channel, total in rows}


def structure_members(structures: list[Structure]) -> QuerySet[User]:
    """Who may be in a session's team: active members of the structures present."""
    members = Membership.objects.filter(structure__in=structures, is_active=True)
    return User.objects.filter(pk__in=members.values("user_id"), is_active=True).order_by(
        "first_name", "last_name"
    )
