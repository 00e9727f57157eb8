"""A synthetic consortium at any size, reproducible from a seed (``manage.py generate_data``).

Names, dates and phones come from the record-linkage benchmark's French-style generator
(``bench/synthetic.py``: Zipf-distributed names, and the errors field workers make —
typos, nicknames, phonetic spellings, swapped day and month, duplicates of one person in
two structures). Around them: structures grouped in programmes with overlapping zones,
memberships of every role, consents (some shared, a few withdrawn), enrolments with a
referent, outreach sessions with named and anonymous contacts, interviews, referrals and
the audit rows their reading would have left.

Everything is written in bulk (``writer.py``): model code and signals are bypassed, so
linkage keys are built afterwards by ``manage.py refresh_linkage``."""

import datetime
import math
import random
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from django.db import models, transaction

from accroche.access.models import AuditEvent
from accroche.access.roles import Role
from accroche.accounts.models import User
from accroche.followup.models import Interaction
from accroche.organisations.models import (
    EligibilityRules,
    Membership,
    Participation,
    Programme,
    Structure,
    StructureKind,
)
from accroche.outreach.enums import (
    AgeBand,
    Channel,
    CountGender,
    Modality,
    PlaceKind,
)
from accroche.outreach.models import Contact, OutreachSession, Place, Referral
from accroche.synthetic.people import Staff, take, youth
from accroche.synthetic.writer import Writer, reset_sequences
from accroche.territory.models import Commune
from accroche.youth.models import Consent, Enrolment, Youth
from accroche.youth.models.enrolments import PhaseChange, ReferentChange

SIZES = {"small": 1_000, "metro": 10_000, "national": 1_500_000}
# Per young person, from the national target (10 M contacts and interactions, 20 M audit
# rows, 2,000 structures for 1.5 M young people).
YOUTHS_PER_STRUCTURE = 750
STRUCTURES_PER_PROGRAMME = 10
COMMUNES_PER_PROGRAMME = 20
STAFF = [
    Role.COORDINATOR,
    Role.CASE_WORKER,
    Role.CASE_WORKER,
    Role.CASE_WORKER,
    Role.MEDIATOR,
    Role.MEDIATOR,
]
CHUNK = 5_000  # young people generated, then written, at a time
KINDS = [
    StructureKind.ASSOCIATION,
    StructureKind.STREET_EDUCATION,
    StructureKind.SOCIAL_CENTRE,
    StructureKind.MISSION_LOCALE,
    StructureKind.MUNICIPALITY,
    StructureKind.COOPERATIVE,
]


@dataclass
class Result:
    youths: int
    counts: dict[str, int]
    digest: str
    structures: list[Staff]


def generate(
    size: int,
    seed: int,
    *,
    today: datetime.date,
    dry_run: bool = False,
    progress: Callable[[str], None] = lambda _: None,
) -> Result:
    """Writes about ``size`` young people and everything around them. The same seed,
    ``today`` and database state give the same rows (``Result.digest``)."""
    from bench.synthetic import Generator  # the shared error model (needs Faker: dev only)

    rng = random.Random(seed)  # noqa: S311 - synthetic data, not secrets
    now = datetime.datetime.combine(today, datetime.time(18), tzinfo=datetime.UTC)
    writer = Writer(now, dry_run=dry_run)
    communes = list(Commune.objects.order_by("code").values_list("pk", flat=True))
    if not communes:
        raise ValueError("No commune: run `manage.py load_reference` first.")
    ids: dict[type[models.Model], int] = {
        m: Writer.next_id(m)
        for m in (
            User,
            Structure,
            Membership,
            Programme,
            Youth,
            Enrolment,
            OutreachSession,
            Place,
            Referral,
            Consent,
            Participation,
        )
    }
    # One transaction: a failure leaves nothing half-written.
    with transaction.atomic():
        n_structures = max(6, round(size / YOUTHS_PER_STRUCTURE))
        staff = _organisations(writer, rng, ids, communes, n_structures, now)
        _sessions(writer, rng, ids, staff, size, now)
        writer.flush()
        progress(f"{len(staff)} structures, {len({s.programme_id for s in staff})} programmes")
        names = Generator(seed).records(size + 10)
        made = 0
        while made < size:
            for _ in range(min(CHUNK, size - made)):
                youth(writer, rng, ids, staff, next(names), now)
                made += 1
            writer.flush()
            progress(f"{made} young people")
        _anonymous_contacts(writer, rng, staff, size)
        writer.flush()
    if not dry_run:
        reset_sequences(
            [
                User,
                Structure,
                Membership,
                Programme,
                Participation,
                EligibilityRules,
                Youth,
                Consent,
                Enrolment,
                PhaseChange,
                ReferentChange,
                OutreachSession,
                Place,
                Contact,
                Interaction,
                Referral,
                AuditEvent,
            ]
        )
    return Result(made, writer.counts, writer.hexdigest(), staff)


def _organisations(
    w: Writer,
    rng: random.Random,
    ids: dict[type[models.Model], int],
    communes: list[int],
    n_structures: int,
    now: datetime.datetime,
) -> list[Staff]:
    staff: list[Staff] = []
    n_programmes = math.ceil(n_structures / STRUCTURES_PER_PROGRAMME)
    for p in range(n_programmes):
        programme_id = take(ids, Programme)
        window = [
            communes[(p * COMMUNES_PER_PROGRAMME + i) % len(communes)]
            for i in range(COMMUNES_PER_PROGRAMME)
        ]
        members = range(
            p * STRUCTURES_PER_PROGRAMME, min(n_structures, (p + 1) * STRUCTURES_PER_PROGRAMME)
        )
        structure_ids = [ids[Structure] + i for i in range(len(members))]
        for n, structure_id in zip(members, structure_ids, strict=True):
            take(ids, Structure)
            w.add(
                Structure,
                {
                    "id": structure_id,
                    "name": f"Structure synthétique {structure_id:04d}",
                    "kind": KINDS[n % len(KINDS)],
                    "is_active": True,
                    "commune_id": rng.choice(window),
                    "created_at": now,
                },
            )
        w.add(
            Programme,
            {
                "id": programme_id,
                "name": f"Dispositif synthétique {programme_id:03d}",
                "slug": f"synthetique-{programme_id:03d}",
                "lead_structure_id": structure_ids[0],
                "start_date": now.date() - datetime.timedelta(days=730),
                "end_date": now.date() + datetime.timedelta(days=365),
                "total_budget": Decimal("400000.00"),
                "created_at": now,
            },
        )
        w.add(
            EligibilityRules,
            {
                "programme_id": programme_id,
                "min_age": 16,
                "max_age": 25,
                "max_age_with_rqth": 29,
                "months_without_spe_contact": 5,
                "neet_required": True,
                "territory_required": True,
            },
        )
        for structure_id in structure_ids:
            zone = rng.sample(window, 6)
            kind = (
                Participation.Kind.LEAD
                if structure_id == structure_ids[0]
                else Participation.Kind.PARTNER
            )
            participation_id = take(ids, Participation)
            participation = {
                "id": participation_id,
                "programme_id": programme_id,
                "structure_id": structure_id,
                "kind": kind,
            }
            w.add(Participation, participation)
            for commune_id in zone:
                w.add(
                    Participation.zone_communes.through,
                    {"participation_id": participation_id, "commune_id": commune_id},
                )
            staff.append(_staff(w, rng, ids, structure_id, programme_id, zone, now))
        for one in staff[-len(structure_ids) :]:
            one.partners = [s for s in structure_ids if s != one.structure_id]
    return staff


def _staff(
    w: Writer,
    rng: random.Random,
    ids: dict[type[models.Model], int],
    structure_id: int,
    programme_id: int,
    zone: list[int],
    now: datetime.datetime,
) -> Staff:
    made: list[tuple[str, int, int]] = []
    for role in STAFF:
        user_id, membership_id = take(ids, User), take(ids, Membership)
        w.add(
            User,
            {
                "id": user_id,
                "email": f"{role}.{user_id}@synthetique.accroche.test",
                "first_name": rng.choice(("Nadia", "Karim", "Léa", "Claire", "Omar", "Julie")),
                "last_name": f"Pro{user_id}",
                "password": "!synthetic",
                "is_active": True,
                "is_staff": False,
                "is_superuser": False,
                "date_joined": now,
            },
        )
        w.add(
            Membership,
            {
                "id": membership_id,
                "user_id": user_id,
                "structure_id": structure_id,
                "role": role,
                "is_active": True,
                "created_at": now,
            },
        )
        made.append((role, user_id, membership_id))
    one = Staff(structure_id, programme_id, zone, coordinator=made[0][1:])
    one.case_workers = [(u, m) for role, u, m in made if role == Role.CASE_WORKER]
    one.mediators = [(u, m) for role, u, m in made if role == Role.MEDIATOR]
    return one


def _sessions(
    w: Writer,
    rng: random.Random,
    ids: dict[type[models.Model], int],
    staff: list[Staff],
    size: int,
    now: datetime.datetime,
) -> None:
    per_structure = max(4, round(size / len(staff) * 0.3))
    for one in staff:
        place_ids = []
        for n in range(4):
            place_id = take(ids, Place)
            place_ids.append(place_id)
            w.add(
                Place,
                {
                    "id": place_id,
                    "programme_id": one.programme_id,
                    "name": f"Lieu {n + 1} ({one.structure_id})",
                    "kind": rng.choice(PlaceKind.values),
                    "commune_id": one.communes[n],
                    "created_by_structure_id": one.structure_id,
                    "created_at": now,
                },
            )
        for _ in range(per_structure):
            session_id = take(ids, OutreachSession)
            start = now - datetime.timedelta(days=rng.randint(1, 360), hours=rng.randint(0, 6))
            user_id = rng.choice(one.mediators)[0]
            w.add(
                OutreachSession,
                {
                    "id": session_id,
                    "programme_id": one.programme_id,
                    "structure_id": one.structure_id,
                    "modality": rng.choice(Modality.values),
                    "started_at": start,
                    "ended_at": start + datetime.timedelta(hours=2),
                    "created_by_id": user_id,
                    "created_at": start,
                },
            )
            w.add(
                OutreachSession.team.through, {"outreachsession_id": session_id, "user_id": user_id}
            )
            w.add(
                OutreachSession.places.through,
                {"outreachsession_id": session_id, "place_id": rng.choice(place_ids)},
            )
            one.sessions.append((session_id, start))


def _anonymous_contacts(w: Writer, rng: random.Random, staff: list[Staff], size: int) -> None:
    """Contacts nobody was named for: counted by age band and gender (~0.4 per young person)."""
    per_structure = max(1, round(size * 0.4 / len(staff)))
    for one in staff:
        for _ in range(per_structure):
            session_id, start = rng.choice(one.sessions)
            w.add(
                Contact,
                {
                    "session_id": session_id,
                    "programme_id": one.programme_id,
                    "structure_id": one.structure_id,
                    "recorded_by_id": one.mediators[0][0],
                    "happened_at": start,
                    "created_at": start,
                    "channel": rng.choice(Channel.values),
                    "age_band": rng.choice(AgeBand.values),
                    "gender": rng.choice(CountGender.values),
                },
            )
