"""The demo consortium: fictional structures and people on real communes and QPV of the
Métropole Rouen Normandie. Later capabilities extend ``build_demo`` so the demo always
shows everything Accroche does."""

import datetime
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from accroche.access.roles import Role
from accroche.accounts.models import User
from accroche.organisations.models import (
    EligibilityRules,
    Funding,
    Membership,
    Participation,
    Programme,
    Structure,
    StructureKind,
    Target,
)
from accroche.territory.models import Commune, DiplomaLevel, Qpv
from accroche.text import fold
from accroche.youth.models import Consent, Gender, Nationality, Youth
from accroche.youth.search import refresh_search_fields
from accroche.youth.services import name_completeness

PROGRAMME_SLUG = "cap-seine-jeunes"
EMAIL_DOMAIN = "demo.accroche.fr"

COMMUNES = {
    "76540": "Rouen",
    "76095": "Bihorel",
    "76157": "Canteleu",
    "76212": "Darnétal",
    "76410": "Maromme",
    "76474": "Notre-Dame-de-Bondeville",
    "76498": "Le Petit-Quevilly",
    "76575": "Saint-Étienne-du-Rouvray",
    "76681": "Sotteville-lès-Rouen",
    "76319": "Grand-Couronne",
    "76484": "Oissel",
    "76231": "Elbeuf",
    "76178": "Cléon",
    "76561": "Saint-Aubin-lès-Elbeuf",
}
NORTH = ["76540", "76095", "76157", "76212", "76410", "76474"]
SOUTH = ["76498", "76575", "76681", "76319", "76484", "76540"]
ELBEUF = ["76231", "76178", "76561"]


@dataclass(frozen=True)
class StructureSpec:
    key: str
    name: str
    kind: str
    network: str
    commune: str
    participation: str
    zone: list[str]


STRUCTURES = [
    StructureSpec(
        "lead", "Trait d'Union Seine", StructureKind.COOPERATIVE, "", "76540",
        Participation.Kind.LEAD, list(COMMUNES),
    ),
    StructureSpec(
        "prev", "Prévention Rive Gauche", StructureKind.STREET_EDUCATION, "", "76575",
        Participation.Kind.PARTNER, SOUTH,
    ),
    StructureSpec(
        "csoc", "Centre social Les Hauts", StructureKind.SOCIAL_CENTRE, "", "76540",
        Participation.Kind.PARTNER, NORTH,
    ),
    StructureSpec(
        "ml", "Mission Locale Rouen Seine", StructureKind.MISSION_LOCALE, "mission-locale",
        "76540", Participation.Kind.PARTNER, list(COMMUNES),
    ),
    StructureSpec(
        "ville", "Ville d'Elbeuf – service jeunesse", StructureKind.MUNICIPALITY, "communes",
        "76231", Participation.Kind.UPSTREAM, ELBEUF,
    ),
    StructureSpec(
        "labo", "Laboratoire Territoires & Jeunesses (université)", StructureKind.UNIVERSITY, "",
        "76540", Participation.Kind.EVALUATOR, [],
    ),
]  # fmt: skip

# (first name, last name, [(structure key, role)])
PEOPLE = [
    ("Nadia", "Benali", [("lead", Role.COORDINATOR)]),
    ("Karim", "Haddad", [("lead", Role.MEDIATOR)]),
    ("Léa", "Morel", [("lead", Role.MEDIATOR), ("prev", Role.MEDIATOR)]),
    ("Thomas", "Girard", [("lead", Role.ADMIN)]),
    ("Hélène", "Marchand", [("lead", Role.DPO)]),
    ("Yanis", "Traoré", [("prev", Role.MEDIATOR)]),
    ("Sophie", "Lambert", [("prev", Role.CASE_WORKER)]),
    ("Inès", "Caron", [("csoc", Role.CASE_WORKER)]),
    ("Julien", "Petit", [("csoc", Role.COORDINATOR)]),
    ("Claire", "Dubois", [("ml", Role.CASE_WORKER)]),
    ("Mehdi", "Rahmani", [("ml", Role.CASE_WORKER)]),
    ("Patrick", "Lefèvre", [("ville", Role.PARTNER)]),
    ("Élise", "Fournier", [("labo", Role.EVALUATOR)]),
]

FIRST_NAMES = {
    Gender.WOMAN: ["Sarah", "Inaya", "Chloé", "Aya", "Manon", "Lina", "Océane", "Fatoumata",
                   "Jade", "Yasmine", "Laura", "Kenza", "Émilie", "Naïla"],
    Gender.MAN: ["Mohamed", "Lucas", "Enzo", "Rayan", "Kevin", "Bilal", "Dylan", "Moussa",
                 "Théo", "Ilyes", "Jordan", "Samir", "Anthony", "Mamadou"],
}  # fmt: skip
LAST_NAMES = ["Durand", "Diallo", "Leroy", "Benhamou", "Moreau", "Camara", "Fontaine",
              "Rousseau", "Bouzid", "Lemoine", "Kaya", "Lefebvre", "Mendy", "Roux"]  # fmt: skip
NICKNAMES = ["Titi", "Nono", "Le Grand", "Mimi", "Zizou", "Bébé", "La Fouine", "Doudou"]


class MissingReferenceData(Exception):
    pass


def demo_exists() -> bool:
    return Programme.objects.filter(slug=PROGRAMME_SLUG).exists()


def demo_logins() -> list[tuple[str, str]]:
    """(e-mail, what they do) for every demo professional."""
    rows = []
    for first, last, roles in PEOPLE:
        what = ", ".join(f"{Role(role).label} – {_spec(key).name}" for key, role in roles)
        rows.append((_email(first, last), what))
    return rows


def _spec(key: str) -> StructureSpec:
    return next(s for s in STRUCTURES if s.key == key)


def _email(first: str, last: str) -> str:
    return f"{fold(first).replace(' ', '-')}.{fold(last).replace(' ', '-')}@{EMAIL_DOMAIN}"


@dataclass
class DemoContext:
    """What each part of the demo builds on. Later capabilities add a ``build(ctx)``
    function in their own ``accroche/demo/<domain>.py`` and list it in ``EXTENSIONS``."""

    rng: random.Random
    today: datetime.date
    communes: dict[str, Commune]
    structures: dict[str, Structure]
    memberships: dict[str, list[Membership]]
    programme: Programme
    youths: list[Youth] = field(default_factory=list)


def _extensions() -> list[Callable[[DemoContext], None]]:
    from accroche.demo import followup, linkage, outreach, privacy, territory, youth

    # Young people first: later extensions see all of them.
    return [youth.build, outreach.build, territory.build, linkage.build, followup.build,
            privacy.build]  # fmt: skip


@transaction.atomic
def build_demo(seed: int = 2026, today: datetime.date | None = None) -> Programme:
    communes = {c.code: c for c in Commune.objects.filter(code__in=COMMUNES)}
    if len(communes) != len(COMMUNES) or not DiplomaLevel.objects.exists():
        raise MissingReferenceData(
            "Reference data missing: run `python manage.py load_reference` first."
        )
    structures = _structures(communes)
    memberships = _people(structures)
    ctx = DemoContext(
        rng=random.Random(seed),
        today=today or timezone.localdate(),
        communes=communes,
        structures=structures,
        memberships=memberships,
        programme=_programme(structures, communes),
    )
    ctx.youths = _youths(ctx)
    for extend in _extensions():
        extend(ctx)
    return ctx.programme


def _structures(communes: dict[str, Commune]) -> dict[str, Structure]:
    structures = {}
    for spec in STRUCTURES:
        slug = spec.name.lower().replace(" ", "").replace("'", "")[:12]
        structures[spec.key] = Structure.objects.create(
            name=spec.name,
            kind=spec.kind,
            network=spec.network,
            email=f"contact@{slug}.{EMAIL_DOMAIN}",
            phone="02 35 00 00 00",
            commune=communes[spec.commune],
        )
    return structures


def _people(structures: dict[str, Structure]) -> dict[str, list[Membership]]:
    by_structure: dict[str, list[Membership]] = {key: [] for key in structures}
    # Argon2 is slow on purpose: hash the shared demo password once.
    password = make_password(settings.ACCROCHE_DEMO_PASSWORD)
    for first, last, roles in PEOPLE:
        user = User.objects.create(
            email=_email(first, last), password=password, first_name=first, last_name=last
        )
        for key, role in roles:
            by_structure[key].append(
                Membership.objects.create(user=user, structure=structures[key], role=role)
            )
    return by_structure


def _programme(structures: dict[str, Structure], communes: dict[str, Commune]) -> Programme:
    programme = Programme.objects.create(
        name="Cap Seine Jeunes",
        slug=PROGRAMME_SLUG,
        description=(
            "Repérer et remobiliser les jeunes de 16 à 25 ans qui ne sont ni en emploi, ni en "
            "formation, ni suivis par le service public de l'emploi, sur 14 communes de la "
            "Métropole : maraudes du soir et du samedi, camion itinérant, ateliers collectifs, "
            "puis passage de relais vers la Mission Locale et le Contrat d'Engagement Jeune."
        ),
        start_date=datetime.date(2026, 1, 1),
        end_date=datetime.date(2027, 12, 31),
        lead_structure=structures["lead"],
        total_budget=Decimal("486700.00"),
    )
    programme.communes.set(communes.values())
    programme.qpvs.set(Qpv.objects.filter(communes__code__in=COMMUNES).distinct())
    kinds = Funding.FunderKind
    fundings = [
        ("État – Plan d'investissement dans les compétences", kinds.STATE_PIC, "292020", "60"),
        ("Union européenne – FSE+ (programme régional)", kinds.FSE_PLUS, "121675", "25"),
        ("Métropole Rouen Normandie", kinds.METROPOLE, "73005", "15"),
    ]
    for funder, kind, amount, share in fundings:
        Funding.objects.create(
            programme=programme, funder=funder, kind=kind,
            amount=Decimal(amount), share=Decimal(share),
        )  # fmt: skip
    targets = [
        (Target.Indicator.SPOTTED, 600, None),
        (Target.Indicator.ENROLLED, 200, 250),
        (Target.Indicator.HANDED_OFF, 120, None),
        (Target.Indicator.CEJ, 60, None),
        (Target.Indicator.POSITIVE_EXIT, 80, None),
    ]
    for indicator, minimum, maximum in targets:
        Target.objects.create(
            programme=programme, indicator=indicator, minimum=minimum, maximum=maximum
        )
    EligibilityRules.objects.create(
        programme=programme,
        min_age=16,
        max_age=25,
        max_age_with_rqth=29,
        max_diploma_level=DiplomaLevel.objects.get(code="4"),
        months_without_spe_contact=5,
        neet_required=True,
        territory_required=True,
    )
    for spec in STRUCTURES:
        participation = Participation.objects.create(
            programme=programme, structure=structures[spec.key], kind=spec.participation
        )
        participation.zone_communes.set([communes[code] for code in spec.zone])
        participation.zone_qpvs.set(Qpv.objects.filter(communes__code__in=spec.zone).distinct())
    return programme


def _youths(ctx: DemoContext) -> list[Youth]:
    rng, structures, memberships, communes, today = (
        ctx.rng,
        ctx.structures,
        ctx.memberships,
        ctx.communes,
        ctx.today,
    )
    created = []
    holders = [("lead", 14), ("prev", 10), ("csoc", 10), ("ml", 6)]
    for key, count in holders:
        author = memberships[key][0]
        zone = _spec(key).zone
        for _ in range(count):
            gender = rng.choice([Gender.WOMAN, Gender.MAN, Gender.MAN, Gender.NOT_STATED])
            pool = FIRST_NAMES.get(gender) or FIRST_NAMES[rng.choice([Gender.WOMAN, Gender.MAN])]
            first = rng.choice(pool) if rng.random() > 0.15 else ""
            nickname = rng.choice(NICKNAMES) if not first or rng.random() < 0.2 else ""
            last = rng.choice(LAST_NAMES) if first and rng.random() < 0.55 else ""
            commune = communes[rng.choice(zone)]
            qpvs = list(commune.qpvs.all())
            age = rng.randint(16, 27)
            known_birth = rng.random() < 0.6
            youth = Youth(
                first_name=first,
                nickname=nickname,
                last_name=last,
                name_completeness=name_completeness(first, last),
                birth_date=(
                    datetime.date(today.year - age, rng.randint(1, 12), rng.randint(1, 28))
                    if known_birth
                    else None
                ),
                birth_year=None if known_birth else today.year - age,
                gender=gender,
                phone=f"06 {rng.randint(10, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)} "
                f"{rng.randint(10, 99)}"
                if rng.random() < 0.6
                else "",
                social_handle=f"@{(first or nickname).lower().replace(' ', '')}{rng.randint(1, 99)}"
                if rng.random() < 0.3
                else "",
                residence_commune=commune,
                residence_qpv=rng.choice(qpvs) if qpvs and rng.random() < 0.7 else None,
                nationality=rng.choice(
                    [Nationality.FRENCH] * 6 + [Nationality.EU, Nationality.NON_EU, ""]
                ),
                holder_structure=structures[key],
                created_by=author.user,
            )
            refresh_search_fields(youth)
            youth.save()
            created.append(youth)
            given = today - datetime.timedelta(days=rng.randint(10, 300))
            Consent.objects.create(
                youth=youth,
                purpose=Consent.Purpose.FOLLOW_UP,
                method=Consent.Method.ORAL,
                given_on=given,
                guardian_informed=True if age < 18 else None,
                recorded_by=author.user,
                recorded_by_structure=structures[key],
            )
            if rng.random() < 0.5:
                sharing = Consent.objects.create(
                    youth=youth,
                    purpose=Consent.Purpose.SHARING,
                    method=rng.choice([Consent.Method.ORAL, Consent.Method.WRITTEN]),
                    given_on=given,
                    withdrawn_on=min(given + datetime.timedelta(days=60), today)
                    if rng.random() < 0.1
                    else None,
                    recorded_by=author.user,
                    recorded_by_structure=structures[key],
                )
                partners = [k for k in ("lead", "ml", "csoc", "prev") if k != key]
                sharing.shared_with.set([structures[k] for k in rng.sample(partners, 2)])
    return created
