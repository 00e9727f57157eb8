"""The demo's repérage: a year of outreach sessions on real places of the Métropole, with
a believable pattern (parks and the city stadium full in summer and empty in winter,
building halls busier in winter, the market on Saturday mornings), named contacts with
the demo's young people, and referrals in every state (a few late, a few from the public
form). Built with bulk inserts so that ``seed_demo`` stays fast."""

import datetime
import math
import random
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeVar

from django.utils import timezone

from accroche.accounts.models import User
from accroche.demo.consortium import DemoContext
from accroche.organisations.models import Membership, Structure
from accroche.outreach.enums import (
    AgeBand,
    Channel,
    CloseReason,
    ContactMode,
    ContactResult,
    CountGender,
    Modality,
    PlaceKind,
    ReferralSource,
    ReferralState,
    Weather,
)
from accroche.outreach.models import Contact, OutreachSession, Place, Referral, SessionCount
from accroche.outreach.referrals import covering_structures
from accroche.youth.models import Youth

K = PlaceKind
T = TypeVar("T")


@dataclass(frozen=True)
class PlaceSpec:
    name: str
    kind: str
    commune: str
    lat: float
    lng: float
    team: str  # the structure that mostly goes there
    base: float  # young people met in an hour, on an average day
    season: str  # "summer" (outdoors), "winter" (sheltered), "steady"


P, S, W, ST = PlaceSpec, "summer", "winter", "steady"
PLACES = [
    P("Hall de la tour Sorano", K.HALL, "76540", 49.4652, 1.1165, "csoc", 2.2, W),
    P("Halls de la rue Verte (Grand'Mare)", K.HALL, "76540", 49.4640, 1.1290, "csoc", 1.8, W),
    P("Square du Châtelet", K.PARK, "76540", 49.4621, 1.1218, "lead", 2.4, S),
    P("City stade des Sapins", K.SPORTS_GROUND, "76540", 49.4604, 1.1102, "lead", 3.4, S),
    P("Parking du centre Saint-Sever", K.CAR_PARK, "76540", 49.4326, 1.0855, "lead", 1.6, ST),
    P("Jardin de l'Hôtel de Ville", K.PARK, "76540", 49.4431, 1.0990, "lead", 1.4, S),
    P("Marché des Hauts de Rouen (samedi)", K.MARKET, "76540", 49.4633, 1.1247, "csoc", 2.6, ST),
    P("Arrêt du camion – place du Plateau", K.VAN_STOP, "76157", 49.4478, 1.0325, "lead", 2.8, ST),
    P("Parc du Plateau (Canteleu)", K.PARK, "76157", 49.4469, 1.0302, "lead", 2.0, S),
    P("Halls du Château Blanc", K.HALL, "76575", 49.3829, 1.1025, "prev", 2.4, W),
    P("City stade de la Houssière", K.SPORTS_GROUND, "76575", 49.3872, 1.0972, "prev", 3.0, S),
    P("Snack Le Madrillet", K.CAFE, "76575", 49.3808, 1.0920, "prev", 1.5, ST),
    P("Parc Gramsci (Sotteville)", K.PARK, "76681", 49.4068, 1.0880, "prev", 1.8, S),
    P("Parking de la gare (Sotteville)", K.CAR_PARK, "76681", 49.4123, 1.0901, "prev", 1.2, ST),
    P("Halls de la Piscine (Petit-Quevilly)", K.HALL, "76498", 49.4225, 1.0593, "prev", 1.6, W),
    P("Esplanade de la mairie d'Elbeuf", K.TOWN_HALL, "76231", 49.2877, 1.0081, "lead", 1.2, ST),
    P("Arrêt du camion – Puchot (Elbeuf)", K.VAN_STOP, "76231", 49.2905, 1.0140, "lead", 2.2, ST),
    P("Fête de quartier de Cléon (juin)", K.EVENT_VENUE, "76178", 49.3131, 1.0366, "lead", 5.0, S),
    P("Bords de Seine d'Oissel", K.PARK, "76484", 49.3414, 1.0913, "prev", 1.6, S),
    P("Instagram @capseinejeunes", K.ONLINE, "", 0.0, 0.0, "lead", 1.8, W),
]  # fmt: skip

AGE_WEIGHTS = [
    (AgeBand.UNDER_16, 6), (AgeBand.AGE_16_17, 17), (AgeBand.AGE_18_21, 36),
    (AgeBand.AGE_22_25, 26), (AgeBand.AGE_26_29, 10), (AgeBand.UNKNOWN, 5),
]  # fmt: skip
GENDER_WEIGHTS = [(CountGender.MAN, 60), (CountGender.WOMAN, 33), (CountGender.UNKNOWN, 7)]
CHANNEL_WEIGHTS = [
    (Channel.DIRECT, 80), (Channel.PEERS, 12), (Channel.FAMILY, 5), (Channel.PARTNER, 3)
]  # fmt: skip
# Tuesday → Saturday mostly; Saturday the busiest (0 = Monday).
WEEKDAY_WEIGHTS = [(0, 4), (1, 10), (2, 14), (3, 12), (4, 16), (5, 22), (6, 2)]


def _summer(day: datetime.date) -> float:
    """1 in mid-July, 0 in mid-January."""
    return 0.5 * (1 + math.cos(2 * math.pi * (day.timetuple().tm_yday - 196) / 365))


def season_factor(spec: PlaceSpec, day: datetime.date) -> float:
    summer = _summer(day)
    if spec.season == "summer":
        return 0.15 + 1.35 * summer
    if spec.season == "winter":
        return 1.3 - 0.7 * summer
    return 0.9 + 0.2 * summer


def _appeal(spec: PlaceSpec, day: datetime.date) -> float:
    if spec.kind == K.EVENT_VENUE:
        return 4.0 if day.month == 6 and day.weekday() == 5 else 0.0
    return spec.base * season_factor(spec, day)


def _weighted(rng: random.Random, pairs: Sequence[tuple[T, float]]) -> T:
    values, weights = [pair[0] for pair in pairs], [pair[1] for pair in pairs]
    return rng.choices(values, weights)[0]


def _modality(kind: str) -> str:
    modalities: dict[str, str] = {
        K.VAN_STOP: Modality.VAN,
        K.ONLINE: Modality.ONLINE,
        K.MARKET: Modality.DROP_IN,
        K.TOWN_HALL: Modality.DROP_IN,
        K.EVENT_VENUE: Modality.EVENT,
    }
    return modalities.get(kind, Modality.STREET_WALK)


def _weather(rng: random.Random, day: datetime.date) -> str:
    summer = _summer(day)
    if summer > 0.8 and rng.random() < 0.3:
        return Weather.HOT
    if summer < 0.25 and rng.random() < 0.35:
        return Weather.COLD
    return _weighted(rng, [(Weather.SUNNY, 2 + 4 * summer), (Weather.CLOUDY, 4), (Weather.RAIN, 3)])


def _at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def _members(ctx: DemoContext, structure_id: int) -> list[Membership]:
    return [
        m
        for members in ctx.memberships.values()
        for m in members
        if m.structure_id == structure_id and m.role in FIELD_ROLES
    ]


FIELD_ROLES = ("mediator", "case_worker", "coordinator")
REMOTE_MODES = [
    ContactMode.CALL,
    ContactMode.MESSAGE,
    ContactMode.SOCIAL_NETWORK,
    ContactMode.VISIT,
]


def build(ctx: DemoContext) -> None:
    places = _places(ctx)
    sessions = _sessions(ctx, places)
    _contacts(ctx, sessions)
    _referrals(ctx)


def _places(ctx: DemoContext) -> list[tuple[PlaceSpec, Place]]:
    created = []
    for spec in PLACES:
        commune = ctx.communes.get(spec.commune)
        qpvs = list(commune.qpvs.all()) if commune and spec.kind != K.EVENT_VENUE else []
        created.append(
            Place(
                programme=ctx.programme,
                name=spec.name,
                kind=spec.kind,
                commune=commune,
                qpv=qpvs[0] if qpvs and spec.kind in (K.HALL, K.SPORTS_GROUND, K.PARK) else None,
                latitude=spec.lat or None,
                longitude=spec.lng or None,
                created_by_structure=ctx.structures[spec.team],
            )
        )
    Place.objects.bulk_create(created)
    return list(
        zip(PLACES, Place.objects.filter(programme=ctx.programme).order_by("pk"), strict=True)
    )


def _hours(rng: random.Random, spec: PlaceSpec, day: datetime.date) -> tuple[int, int]:
    """Start hour and duration in minutes: evenings, Saturday afternoons, market mornings."""
    saturday = day.weekday() == 5
    if spec.kind == K.MARKET:
        return 9, 150
    if spec.kind == K.ONLINE:
        return rng.choice([18, 20, 21]), 60
    if spec.kind == K.TOWN_HALL:
        return 14, 120
    if saturday:
        return rng.choice([14, 15, 16]), rng.choice([120, 150, 180])
    return rng.choice([16, 17, 18, 18, 19, 20]), rng.choice([90, 120, 120, 150])


def _sessions(
    ctx: DemoContext, places: list[tuple[PlaceSpec, Place]]
) -> list[tuple[OutreachSession, Structure]]:
    rng, today = ctx.rng, ctx.today
    field = {
        key: [m for m in ctx.memberships[key] if m.role in FIELD_ROLES]
        for key in ("lead", "prev", "csoc")
    }
    sessions: list[OutreachSession] = []
    picked: list[list[Place]] = []
    counts: list[Counter[tuple[str, str, str]]] = []
    teams: list[list[User]] = []
    start = today - datetime.timedelta(days=364)
    monday = start - datetime.timedelta(days=start.weekday())
    week = monday
    while week <= today:
        for _ in range(rng.randint(2, 5)):
            day = week + datetime.timedelta(days=_weighted(rng, WEEKDAY_WEIGHTS))
            if not start <= day <= today:
                continue
            # Teams go where the young people are at that time of year.
            spec, place = _weighted(rng, [((s, p), _appeal(s, day)) for s, p in places])
            hour, minutes = _hours(rng, spec, day)
            started = _at(day, hour, rng.choice([0, 0, 15, 30]))
            ended = started + datetime.timedelta(minutes=minutes)
            if ended > timezone.now():
                continue
            second = [p for s, p in places if s.commune == spec.commune and p.pk != place.pk]
            chosen = [place] + ([rng.choice(second)] if second and rng.random() < 0.3 else [])
            expected = spec.base * season_factor(spec, day) * minutes / 60
            if day.weekday() == 5:
                expected *= 1.25
            people = max(0, round(rng.gauss(expected, math.sqrt(expected + 0.5))))
            cells: Counter[tuple[str, str, str]] = Counter()
            for _person in range(people):
                cells[
                    (
                        _weighted(rng, CHANNEL_WEIGHTS),
                        _weighted(rng, AGE_WEIGHTS),
                        _weighted(rng, GENDER_WEIGHTS),
                    )
                ] += 1
            members = field[spec.team]
            team = [m.user for m in rng.sample(members, min(len(members), rng.randint(1, 2)))]
            sessions.append(
                OutreachSession(
                    programme=ctx.programme,
                    structure=ctx.structures[spec.team],
                    modality=_modality(spec.kind),
                    started_at=started,
                    ended_at=ended,
                    weather="" if spec.kind == K.ONLINE else _weather(rng, day),
                    created_by=team[0],
                    created_at=ended,
                )
            )
            picked.append(chosen)
            counts.append(cells)
            teams.append(team)
        week += datetime.timedelta(days=7)
    OutreachSession.objects.bulk_create(sessions)
    saved = list(OutreachSession.objects.filter(programme=ctx.programme).order_by("pk"))
    through_places = OutreachSession.places.through
    through_team = OutreachSession.team.through
    through_places.objects.bulk_create(
        through_places(outreachsession_id=s.pk, place_id=p.pk)
        for s, chosen in zip(saved, picked, strict=True)
        for p in chosen
    )
    through_team.objects.bulk_create(
        through_team(outreachsession_id=s.pk, user_id=u.pk)
        for s, team in zip(saved, teams, strict=True)
        for u in team
    )
    SessionCount.objects.bulk_create(
        SessionCount(session=s, channel=ch, age_band=band, gender=gender, count=n)
        for s, cells in zip(saved, counts, strict=True)
        for (ch, band, gender), n in cells.items()
    )
    return [(s, s.structure) for s in saved]


def _contacts(ctx: DemoContext, sessions: list[tuple[OutreachSession, Structure]]) -> None:
    """Named contacts with the demo's young people, in their structure's sessions or by
    phone and message; their ``last_contact_at`` follows."""
    rng = ctx.rng
    by_structure: dict[int, list[OutreachSession]] = {}
    for outing, structure in sessions:
        by_structure.setdefault(structure.pk, []).append(outing)
    contacts: list[Contact] = []
    latest: dict[int, datetime.datetime] = {}
    for youth in ctx.youths:
        own = by_structure.get(youth.holder_structure_id, [])
        authors = [m.user for m in _members(ctx, youth.holder_structure_id)]
        for _ in range(rng.randint(1, 4)):
            result = _weighted(rng, [
                (ContactResult.INFORMAL_TALK, 5), (ContactResult.INFORMATION, 3),
                (ContactResult.APPOINTMENT, 3), (ContactResult.ACCOMPANIED, 1),
                (ContactResult.DECLINED, 1),
            ])  # fmt: skip
            session: OutreachSession | None = None
            if own and rng.random() < 0.6:
                session = rng.choice(own)
                assert session.ended_at is not None
                at = session.started_at + (session.ended_at - session.started_at) * rng.random()
                mode, channel = ContactMode.FACE_TO_FACE, _weighted(rng, CHANNEL_WEIGHTS)
            else:
                at = _at(
                    ctx.today - datetime.timedelta(days=rng.randint(1, 200)), rng.randint(9, 19)
                )
                mode = rng.choice(REMOTE_MODES)
                channel = Channel.DIRECT
            contacts.append(
                Contact(
                    session=session,
                    programme=ctx.programme,
                    structure_id=youth.holder_structure_id,
                    recorded_by=rng.choice(authors) if authors else None,
                    youth=youth,
                    happened_at=at,
                    mode=mode,
                    channel=channel,
                    result=result,
                    created_at=at,
                )
            )
            latest[youth.pk] = max(latest.get(youth.pk, at), at)
    Contact.objects.bulk_create(contacts)
    for youth in ctx.youths:
        if youth.pk in latest:
            youth.last_contact_at = max(filter(None, [youth.last_contact_at, latest[youth.pk]]))
    Youth.objects.bulk_update(ctx.youths, ["last_contact_at"])


REFERRAL_NAMES = ["Sofiane", "Maëlys", "Kylian", "Inès", "Nathan", "Aïcha", "Lenny", "Mélissa",
                  "Yanis", "Lou", "Adam", "Chaïma", "Noah", "Emma", "Ryan", "Sirine"]  # fmt: skip
NEEDS = [
    "Cherche du travail rapidement, même de l'intérim.",
    "A arrêté le lycée en février, ne sait pas quoi faire.",
    "Besoin d'un logement, dort chez des amis.",
    "Voudrait passer le permis.",
    "Sa mère s'inquiète : il ne sort plus de sa chambre.",
    "Aimerait une formation dans l'animation.",
    "",
]


def _referrals(ctx: DemoContext) -> None:
    rng, now = ctx.rng, timezone.now()
    hours = ctx.programme.referral_deadline_hours
    communes = list(ctx.communes.values())
    partner = ctx.memberships["ville"][0] if ctx.memberships.get("ville") else None
    sources = [(ReferralSource.PARTNER, 10), (ReferralSource.FAMILY, 8), (ReferralSource.PEER, 6),
               (ReferralSource.SCHOOL, 5), (ReferralSource.SELF, 6)]  # fmt: skip
    referrals: list[Referral] = []
    routes: list[list[Structure]] = []
    for index in range(40):
        source = _weighted(rng, sources)
        # The newest few are the ones still waiting; some of those are late.
        age_hours = rng.randint(1, 60 * 24) if index >= 10 else rng.randint(1, 7 * 24)
        created = now - datetime.timedelta(hours=age_hours)
        commune = rng.choice(communes)
        qpvs = list(commune.qpvs.all())
        qpv = rng.choice(qpvs) if qpvs and rng.random() < 0.6 else None
        routed = covering_structures(ctx.programme, commune, qpv)
        referral = Referral(
            programme=ctx.programme,
            source=source,
            name=rng.choice(REFERRAL_NAMES),
            phone=f"07 {rng.randint(10, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)} "
            f"{rng.randint(10, 99)}"
            if rng.random() < 0.8
            else "",
            social_handle="" if rng.random() < 0.7 else f"@{rng.choice(REFERRAL_NAMES).lower()}76",
            reach_when=rng.choice(["", "le soir après 18 h", "plutôt le samedi", "en semaine"]),
            commune=commune,
            qpv=qpv,
            need=rng.choice(NEEDS),
            created_at=created,
            updated_at=created,
            due_at=created + datetime.timedelta(hours=hours),
        )
        if source == ReferralSource.PARTNER and partner is not None:
            referral.sender_structure, referral.sender_user = partner.structure, partner.user
            referral.sender_name = partner.user.get_full_name()
        elif source != ReferralSource.SELF:
            author = ctx.memberships["lead"][1]
            referral.sender_structure, referral.sender_user = author.structure, author.user
            referral.sender_name = {
                ReferralSource.FAMILY: rng.choice(["sa mère", "son père", "sa grande sœur"]),
                ReferralSource.PEER: "un ami rencontré au city stade",
                ReferralSource.SCHOOL: "la CPE du lycée professionnel",
            }[source]
            referral.sender_contact = "06 00 00 00 00"
        _advance(ctx, referral, routed, age_hours)
        referrals.append(referral)
        routes.append(routed)
    Referral.objects.bulk_create(referrals)
    through = Referral.routed_to.through
    through.objects.bulk_create(
        through(referral_id=r.pk, structure_id=s.pk)
        for r, routed in zip(referrals, routes, strict=True)
        for s in routed
    )


def _advance(ctx: DemoContext, referral: Referral, routed: list[Structure], age: int) -> None:
    """Move a referral along its states as a believable team would have."""
    rng = ctx.rng
    hours = ctx.programme.referral_deadline_hours
    roll = rng.random()
    if age < 24 or (age < 7 * 24 and roll < 0.35):
        return  # still new (late if older than the deadline)
    taker = rng.choice(routed)
    takers = _members(ctx, taker.pk)
    referral.state = ReferralState.TAKEN
    referral.taken_by_structure = taker
    referral.taken_by = takers[0].user if takers else None
    referral.taken_at = referral.created_at + datetime.timedelta(hours=rng.randint(2, hours))
    referral.updated_at = referral.taken_at
    if age < 4 * 24 and roll < 0.6:
        return
    referral.state = ReferralState.CONTACT_MADE
    referral.contact_made_at = referral.taken_at + datetime.timedelta(hours=rng.randint(1, 48))
    referral.updated_at = referral.contact_made_at
    own = [y for y in ctx.youths if y.holder_structure_id == taker.pk]
    if own and rng.random() < 0.5:
        referral.youth = rng.choice(own)
    if age < 10 * 24:
        return
    referral.state = ReferralState.CLOSED
    referral.closed_at = referral.contact_made_at + datetime.timedelta(days=rng.randint(1, 10))
    referral.updated_at = referral.closed_at
    referral.close_reason = _weighted(rng, [
        (CloseReason.FOLLOWED, 8), (CloseReason.REDIRECTED, 3), (CloseReason.UNREACHABLE, 3),
        (CloseReason.DECLINED, 2), (CloseReason.ALREADY_FOLLOWED, 2),
    ])  # fmt: skip
