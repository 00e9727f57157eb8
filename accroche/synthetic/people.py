"""One young person and what surrounds them: contacts, enrolment, interviews, consents, a
referral, audit rows (used by ``generate.py``)."""

import datetime
import math
import random
from dataclasses import dataclass, field
from typing import Any

from django.db import models

from accroche.access.models import AuditEvent
from accroche.access.roles import Role
from accroche.followup.models import Interaction, InteractionKind
from accroche.outreach.enums import (
    AgeBand,
    Channel,
    ContactMode,
    ContactResult,
    ReferralSource,
    ReferralState,
)
from accroche.outreach.models import Contact, Referral
from accroche.synthetic.writer import Writer
from accroche.text import digits, fold, phonetic_text
from accroche.youth.models import Consent, Enrolment, Youth
from accroche.youth.models.enrolments import Eligibility, Phase, PhaseChange, ReferentChange
from accroche.youth.services import name_completeness

PHASES = [
    Phase.CONTACT,
    Phase.MOBILISATION,
    Phase.FOLLOW_UP,
    Phase.FOLLOW_UP,
    Phase.HAND_OFF,
    Phase.EXITED,
]


@dataclass
class Staff:
    structure_id: int
    programme_id: int
    communes: list[int]
    coordinator: tuple[int, int]  # (user id, membership id)
    case_workers: list[tuple[int, int]] = field(default_factory=list)
    mediators: list[tuple[int, int]] = field(default_factory=list)
    sessions: list[tuple[int, datetime.datetime]] = field(default_factory=list)
    partners: list[int] = field(default_factory=list)  # other structures of the programme


def take(ids: dict[type[models.Model], int], model: type[models.Model]) -> int:
    ids[model] += 1
    return ids[model] - 1


def youth(
    w: Writer,
    rng: random.Random,
    ids: dict[type[models.Model], int],
    staff: list[Staff],
    record: dict[str, Any],
    now: datetime.datetime,
) -> None:
    one = rng.choice(staff)
    youth_id = take(ids, Youth)
    first, nickname, last = record["first_name"], record["nickname"], record["last_name"]
    if not first and not nickname:
        nickname = "?"
    creator = rng.choice(one.mediators + one.case_workers)
    first_seen = now - datetime.timedelta(days=rng.randint(5, 400), minutes=rng.randint(0, 600))
    # Contacts and interviews come first: the file's last contact is the latest of them.
    events: list[datetime.datetime] = []
    for _ in range(poisson(rng, 2.5)):
        session_id, start = rng.choice(one.sessions)
        at = max(start, first_seen)
        events.append(at)
        w.add(
            Contact,
            {
                "session_id": session_id,
                "programme_id": one.programme_id,
                "structure_id": one.structure_id,
                "recorded_by_id": creator[0],
                "youth_id": youth_id,
                "happened_at": at,
                "created_at": at,
                "mode": rng.choice(ContactMode.values),
                "channel": Channel.DIRECT,
                "result": rng.choice(ContactResult.values),
            },
        )
    enrolled = rng.random() < 0.6
    if enrolled:
        enrolment_id, referent = _enrol(w, rng, ids, one, youth_id, first_seen, now)
        for _ in range(poisson(rng, 6.1)):
            at = first_seen + datetime.timedelta(
                minutes=rng.randint(60, max(61, int((now - first_seen).total_seconds() // 60)))
            )
            events.append(at)
            w.add(
                Interaction,
                {
                    "youth_id": youth_id,
                    "enrolment_id": enrolment_id,
                    "kind": rng.choice(InteractionKind.values),
                    "happened_at": at,
                    "duration_minutes": rng.choice((15, 30, 45, 60)),
                    "note": "",
                    "note_restricted": rng.random() < 0.1,
                    "author_id": referent[0],
                    "author_structure_id": one.structure_id,
                    "created_at": at,
                },
            )
    names = " ".join(p for p in (first, nickname, last) if p)
    w.add(
        Youth,
        {
            "id": youth_id,
            "first_name": first[:100],
            "nickname": nickname[:100],
            "last_name": last[:100],
            "name_completeness": name_completeness(first, last),
            "birth_date": record["birth_date"],
            "birth_year": record["birth_year"],
            "gender": record["gender"],
            "phone": record["phone"],
            "email": record["email"],
            "residence_commune_id": rng.choice(one.communes)
            if record["residence_commune"]
            else None,
            "holder_structure_id": one.structure_id,
            "created_by_id": creator[0],
            "created_at": first_seen,
            "updated_at": max([first_seen, *events]),
            "last_contact_at": max(events) if events else None,
            "search_text": fold(names)[:400],
            "search_phonetic": phonetic_text(names)[:400],
            "phone_digits": digits(record["phone"])[-30:],
        },
    )
    _consents(w, rng, ids, one, youth_id, creator, first_seen)
    if rng.random() < 0.05:
        _referral(w, rng, ids, one, youth_id, record, first_seen)
    _audit(w, rng, one, youth_id, creator, first_seen, now)


def _enrol(
    w: Writer,
    rng: random.Random,
    ids: dict[type[models.Model], int],
    one: Staff,
    youth_id: int,
    first_seen: datetime.datetime,
    now: datetime.datetime,
) -> tuple[int, tuple[int, int]]:
    enrolment_id = take(ids, Enrolment)
    referent = rng.choice(one.case_workers)
    entry = (first_seen + datetime.timedelta(days=rng.randint(0, 20))).date()
    phase = rng.choice(PHASES)
    w.add(
        Enrolment,
        {
            "id": enrolment_id,
            "youth_id": youth_id,
            "programme_id": one.programme_id,
            "referent_id": referent[1],
            "phase": phase,
            "entry_date": entry,
            "exited_on": now.date() if phase == Phase.EXITED else None,
            "entry_activity": "neet",
            "eligibility": {},
            "eligibility_status": rng.choice(Eligibility.values),
            "created_by_id": referent[0],
            "created_by_structure_id": one.structure_id,
            "created_at": first_seen,
        },
    )
    w.add(
        PhaseChange,
        {
            "enrolment_id": enrolment_id,
            "from_phase": "",
            "to_phase": phase,
            "on": entry,
            "by_id": referent[0],
            "by_structure_id": one.structure_id,
            "at": first_seen,
        },
    )
    w.add(
        ReferentChange,
        {
            "enrolment_id": enrolment_id,
            "to_referent_id": referent[1],
            "by_id": referent[0],
            "by_structure_id": one.structure_id,
            "at": first_seen,
        },
    )
    return enrolment_id, referent


def _consents(
    w: Writer,
    rng: random.Random,
    ids: dict[type[models.Model], int],
    one: Staff,
    youth_id: int,
    creator: tuple[int, int],
    first_seen: datetime.datetime,
) -> None:
    common = {
        "youth_id": youth_id,
        "method": Consent.Method.ORAL,
        "given_on": first_seen.date(),
        "recorded_by_id": creator[0],
        "recorded_by_structure_id": one.structure_id,
        "created_at": first_seen,
    }
    if rng.random() < 0.85:
        w.add(Consent, {**common, "id": take(ids, Consent), "purpose": Consent.Purpose.FOLLOW_UP})
    if one.partners and rng.random() < 0.25:
        consent_id = take(ids, Consent)
        withdrawn = first_seen.date() + datetime.timedelta(days=30) if rng.random() < 0.03 else None
        w.add(
            Consent,
            {
                **common,
                "id": consent_id,
                "purpose": Consent.Purpose.SHARING,
                "withdrawn_on": withdrawn,
            },
        )
        for structure_id in rng.sample(one.partners, min(len(one.partners), rng.choice((1, 1, 2)))):
            w.add(
                Consent.shared_with.through,
                {"consent_id": consent_id, "structure_id": structure_id},
            )


def _referral(
    w: Writer,
    rng: random.Random,
    ids: dict[type[models.Model], int],
    one: Staff,
    youth_id: int,
    record: dict[str, Any],
    first_seen: datetime.datetime,
) -> None:
    referral_id = take(ids, Referral)
    at = first_seen - datetime.timedelta(days=rng.randint(1, 10))
    taker = rng.choice(one.case_workers)
    w.add(
        Referral,
        {
            "id": referral_id,
            "programme_id": one.programme_id,
            "source": rng.choice(ReferralSource.values),
            "name": (record["first_name"] or record["nickname"] or "?")[:100],
            "age_band": rng.choice(AgeBand.values),
            "commune_id": one.communes[0],
            "state": ReferralState.CONTACT_MADE,
            "due_at": at + datetime.timedelta(hours=72),
            "taken_by_structure_id": one.structure_id,
            "taken_by_id": taker[0],
            "taken_at": at + datetime.timedelta(hours=5),
            "contact_made_at": first_seen,
            "youth_id": youth_id,
            "created_at": at,
            "updated_at": first_seen,
        },
    )
    w.add(
        Referral.routed_to.through, {"referral_id": referral_id, "structure_id": one.structure_id}
    )


def _audit(
    w: Writer,
    rng: random.Random,
    one: Staff,
    youth_id: int,
    creator: tuple[int, int],
    first_seen: datetime.datetime,
    now: datetime.datetime,
) -> None:
    """What reading and writing the file would have left: ~13 rows per young person."""
    base = {
        "structure_id": one.structure_id,
        "via": AuditEvent.Via.WEB,
        "object_type": "youth",
        "object_id": youth_id,
        "object_ids": [],
        "fields": [],
    }
    w.add(
        AuditEvent,
        {
            **base,
            "at": first_seen,
            "user_id": creator[0],
            "role": Role.MEDIATOR,
            "action": AuditEvent.Action.CREATE,
        },
    )
    span = max(1, int((now - first_seen).total_seconds()))
    for _ in range(poisson(rng, 12.3)):
        reader = rng.choice(one.case_workers)
        at = first_seen + datetime.timedelta(seconds=rng.randrange(span))
        w.add(
            AuditEvent,
            {
                **base,
                "at": at,
                "user_id": reader[0],
                "role": Role.CASE_WORKER,
                "action": AuditEvent.Action.READ,
            },
        )


def poisson(rng: random.Random, mean: float) -> int:
    # Knuth's method: fine for the small means used here.
    limit, k, p = math.exp(-mean), 0, 1.0
    while True:
        p *= rng.random()
        if p <= limit:
            return k
        k += 1
