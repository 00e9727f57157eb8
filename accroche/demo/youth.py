"""The demo's young people: about 250 files with believable situations, lived
neighbourhoods, consents (some shared, a few withdrawn), enrolments in Cap Seine Jeunes with
a referent, the situation and eligibility at entry, and diagnostics at several dates
showing progression, with a few immediate needs still waiting.

Runs first among the extensions, so that later ones see every young person."""

import datetime

from accroche.demo.consortium import FIRST_NAMES, LAST_NAMES, NICKNAMES, DemoContext
from accroche.demo.youth_paths import at, diagnostics, enrolments, weighted
from accroche.text import fold
from accroche.youth.models import Consent, Gender, Nationality, Youth
from accroche.youth.search import refresh_search_fields
from accroche.youth.services import name_completeness

# New files per holding structure, on top of the consortium's 40: 250 in all.
NEW_FILES = [("lead", 66), ("prev", 60), ("csoc", 50), ("ml", 34)]
MORE_FIRST_NAMES = {
    Gender.WOMAN: ["Maëlys", "Inès", "Anaïs", "Sirine", "Clara", "Aminata", "Mélissa", "Léna",
                   "Noémie", "Samia", "Justine", "Awa", "Zoé", "Camélia"],
    Gender.MAN: ["Nathan", "Sofiane", "Kylian", "Adam", "Hugo", "Yacine", "Ibrahima", "Maxime",
                 "Nassim", "Loïc", "Souleymane", "Killian", "Mathis", "Walid"],
}  # fmt: skip
MORE_LAST_NAMES = ["Martin", "Traoré", "Petit", "Haddad", "Lefort", "Cissé", "Marchand",
                   "Belkacem", "Lucas", "N'Diaye", "Morin", "Guérin", "Dupont"]  # fmt: skip
AGES = [(16, 4), (17, 6), (18, 9), (19, 10), (20, 10), (21, 10), (22, 9), (23, 8), (24, 7),
        (25, 5), (26, 3), (27, 2)]  # fmt: skip
PLACES = ["city stade", "hall de la tour", "snack près de la gare", "parc", "médiathèque",
          "arrêt du TEOR", "centre commercial", "terrain de foot", "salle de boxe",
          "bas de l'immeuble", "quais de Seine", "skatepark"]  # fmt: skip


def build(ctx: DemoContext) -> None:
    rng = ctx.rng
    new = _new_youths(ctx)
    Youth.objects.bulk_create(new)
    ctx.youths.extend(new)
    _lived_neighbourhood(ctx)
    first_contact = {
        y.pk: ctx.today - datetime.timedelta(days=rng.randint(20, 330)) for y in ctx.youths
    }
    _consents(ctx, new, first_contact)
    diagnostics(ctx, enrolments(ctx, first_contact))


def _new_youths(ctx: DemoContext) -> list[Youth]:
    rng, today = ctx.rng, ctx.today
    pools = {g: FIRST_NAMES[g] + MORE_FIRST_NAMES[g] for g in (Gender.WOMAN, Gender.MAN)}
    last_names = LAST_NAMES + MORE_LAST_NAMES
    zones = {
        key: [
            c.code
            for c in ctx.structures[key]
            .participations.get(programme=ctx.programme)
            .zone_communes.all()
        ]
        for key, _n in NEW_FILES
    }
    youths = []
    for key, count in NEW_FILES:
        author = ctx.memberships[key][0].user
        for _ in range(count):
            gender = weighted(
                rng,
                [
                    (Gender.WOMAN, 40),
                    (Gender.MAN, 52),
                    (Gender.NON_BINARY, 1),
                    (Gender.NOT_STATED, 7),
                ],
            )
            pool = pools.get(gender) or pools[rng.choice([Gender.WOMAN, Gender.MAN])]
            first = rng.choice(pool) if rng.random() > 0.12 else ""
            nickname = rng.choice(NICKNAMES) if not first or rng.random() < 0.15 else ""
            last = rng.choice(last_names) if first and rng.random() < 0.6 else ""
            commune = ctx.communes[rng.choice(zones[key])]
            qpvs = list(commune.qpvs.all())
            age = weighted(rng, AGES)
            born = today - datetime.timedelta(days=age * 365 + rng.randint(0, 364))
            exact = rng.random() < 0.7
            youth = Youth(
                first_name=first,
                nickname=nickname,
                last_name=last,
                name_completeness=name_completeness(first, last),
                birth_date=born if exact else None,
                birth_year=None if exact else born.year,
                gender=gender,
                phone=f"0{rng.choice('67')} {rng.randint(10, 99)} {rng.randint(10, 99)} "
                f"{rng.randint(10, 99)} {rng.randint(10, 99)}"
                if rng.random() < 0.75
                else "",
                social_handle=f"@{fold(first or nickname).replace(' ', '_')}{rng.randint(1, 99)}"
                if rng.random() < 0.35
                else "",
                residence_commune=commune if rng.random() < 0.95 else None,
                residence_qpv=rng.choice(qpvs) if qpvs and rng.random() < 0.65 else None,
                nationality=weighted(
                    rng,
                    [
                        (Nationality.FRENCH, 70),
                        (Nationality.EU, 4),
                        (Nationality.NON_EU, 12),
                        ("", 14),
                    ],
                ),
                rqth=True if rng.random() < 0.07 else (None if rng.random() < 0.4 else False),
                has_children=rng.random() < (0.18 if gender == Gender.WOMAN else 0.05) or None,
                driving_licence=rng.random() < 0.12 if age >= 18 else False,
                holder_structure=ctx.structures[key],
                created_by=author,
            )
            if youth.residence_commune is None:
                youth.residence_qpv = None
            refresh_search_fields(youth)
            youths.append(youth)
    return youths


def _lived_neighbourhood(ctx: DemoContext) -> None:
    rng = ctx.rng
    codes = list(ctx.communes)
    communes_through = Youth.frequented_communes.through
    qpvs_through = Youth.frequented_qpvs.through
    commune_rows, qpv_rows = [], []
    for youth in ctx.youths:
        youth.last_contact_at = (
            at(ctx.today - datetime.timedelta(days=rng.randint(0, 75)), rng.randint(9, 20))
            if rng.random() < 0.93
            else None
        )
        if rng.random() < 0.4:
            continue
        chosen = {youth.residence_commune_id} if youth.residence_commune_id else set()
        chosen |= {ctx.communes[c].pk for c in rng.sample(codes, rng.randint(0, 2))}
        commune_rows += [communes_through(youth_id=youth.pk, commune_id=pk) for pk in chosen]
        if youth.residence_qpv_id and rng.random() < 0.7:
            qpv_rows.append(qpvs_through(youth_id=youth.pk, qpv_id=youth.residence_qpv_id))
        youth.frequented_places = ", ".join(rng.sample(PLACES, rng.randint(1, 3)))
    communes_through.objects.bulk_create(commune_rows)
    qpvs_through.objects.bulk_create(qpv_rows)
    Youth.objects.bulk_update(ctx.youths, ["last_contact_at", "frequented_places"])


def _consents(ctx: DemoContext, new: list[Youth], first_contact: dict[int, datetime.date]) -> None:
    """The consortium gave its 40 files a follow-up and maybe a sharing consent; the new
    files get theirs here, and everyone may add SMS contact and evaluation."""
    rng = ctx.rng
    new_ids = {y.pk for y in new}
    key_of = {s.pk: key for key, s in ctx.structures.items()}
    consents, shares = [], []
    for youth in ctx.youths:
        given = first_contact[youth.pk]
        author = ctx.memberships[key_of[youth.holder_structure_id]][0].user
        minor = youth.birth_date is not None and (given - youth.birth_date).days < 18 * 365
        common = {
            "youth": youth,
            "recorded_by": author,
            "recorded_by_structure_id": youth.holder_structure_id,
        }
        if youth.pk in new_ids:
            consents.append(
                Consent(
                    purpose=Consent.Purpose.FOLLOW_UP,
                    method=Consent.Method.ORAL,
                    given_on=given,
                    guardian_informed=True if minor else None,
                    **common,
                )
            )
            if rng.random() < 0.55:
                withdrawn = rng.random() < 0.07
                sharing = Consent(
                    purpose=Consent.Purpose.SHARING,
                    method=rng.choice([Consent.Method.ORAL, Consent.Method.WRITTEN]),
                    given_on=given,
                    withdrawn_on=min(
                        given + datetime.timedelta(days=rng.randint(20, 90)), ctx.today
                    )
                    if withdrawn
                    else None,
                    guardian_informed=True if minor else None,
                    **common,
                )
                consents.append(sharing)
                partners = [
                    k
                    for k in ("lead", "ml", "csoc", "prev")
                    if k != key_of[youth.holder_structure_id]
                ]
                shares.append((sharing, rng.sample(partners, rng.randint(1, 2))))
        if rng.random() < 0.45:
            consents.append(
                Consent(
                    purpose=Consent.Purpose.CONTACT,
                    method=Consent.Method.ORAL,
                    given_on=given,
                    guardian_informed=True if minor else None,
                    **common,
                )
            )
        if rng.random() < 0.6:
            consents.append(
                Consent(
                    purpose=Consent.Purpose.EVALUATION,
                    method=Consent.Method.WRITTEN,
                    given_on=given,
                    guardian_informed=True if minor else None,
                    **common,
                )
            )
    Consent.objects.bulk_create(consents)
    through = Consent.shared_with.through
    through.objects.bulk_create(
        through(consent_id=consent.pk, structure_id=ctx.structures[key].pk)
        for consent, keys in shares
        for key in keys
    )
