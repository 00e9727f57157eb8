"""The demo young people's paths: enrolments in Cap Seine Jeunes with a referent, the
situation and eligibility at entry, phases, referent changes, coordinator decisions, and
diagnostics at several dates (progression, a few immediate needs still waiting)."""

import datetime
import random
from collections.abc import Sequence
from typing import Any, TypeVar

from django.utils import timezone

from accroche.access.roles import Role
from accroche.demo.consortium import DemoContext
from accroche.organisations.models import Membership
from accroche.territory.models import DiplomaLevel
from accroche.youth.diagnostics import barrier_categories
from accroche.youth.eligibility import evaluate, facts_of, rules_of
from accroche.youth.models import (
    Activity,
    Barrier,
    Consent,
    Diagnostic,
    Eligibility,
    EligibilityOverride,
    Enrolment,
    Housing,
    Phase,
    PhaseChange,
    ReferentChange,
    Resources,
    SpeContact,
)

T = TypeVar("T")

NEEDS = [
    "Trouver un hébergement stable.",
    "Passer le permis B ; besoin d'aide pour le financer.",
    "Refaire sa carte d'identité et sa carte Vitale.",
    "Reprendre un rythme, sortir de chez soi.",
    "Ouvrir ses droits CAF et santé.",
    "Trouver une formation courte dans le bâtiment.",
    "Faire garder son enfant pour pouvoir chercher du travail.",
    "Avoir un téléphone qui marche et une adresse e-mail.",
    "Régler des dettes (amende, forfait transport).",
    "Voir un médecin, dort mal.",
]
WISHES = [
    "Travailler dans la logistique, cariste.",
    "Devenir aide-soignante.",
    "Faire un CAP cuisine.",
    "Entrer à l'armée.",
    "Travailler avec des enfants (animation, BAFA).",
    "Mécanique auto, a déjà fait un stage.",
    "Ne sait pas encore ; veut découvrir des métiers.",
    "Coiffure ou esthétique.",
    "Reprendre l'école pour avoir le bac.",
    "Commerce, vendeur en magasin de sport.",
]
IMMEDIATE_NEEDS = [
    "Hébergement d'urgence ce soir (115 saturé)",
    "Colis alimentaire",
    "Rendez-vous médical, douleur dentaire",
    "Ticket de bus pour l'entretien de demain",
    "Garde d'enfant pour une journée de travail",
    "Mission de travail payée à la journée",
]
NOTES = {
    "mobilite": ["Pas de permis, dépend du bus.", "A un scooter en panne."],
    "logement-hebergement": ["Hébergé·e chez un ami, doit partir.", "Conflit avec les parents."],
    "sante": ["Pas de médecin traitant.", "Suivi psy interrompu."],
    "difficultes-administratives-ou-juridiques": [
        "Titre de séjour à renouveler.",
        "Pas de carte Vitale.",
    ],
    "famille": ["Un enfant de 2 ans, pas de mode de garde.", "S'occupe de sa petite sœur."],
    "difficultes-financieres": ["Aucune ressource.", "Dettes de téléphone."],
    "numerique": ["Pas d'adresse e-mail.", "Téléphone sans forfait."],
    "lecture-ecriture-calcul": ["Difficultés à l'écrit.", "Lit peu, à l'aise à l'oral."],
    "remobilisation": ["Ne sort plus depuis des mois.", "Peu confiance en lui·elle."],
}
OVERRIDE_REASONS = [
    "Jeune de 26 ans repéré dans le quartier avant son anniversaire ; accord du comité de suivi.",
    "Date du dernier contact Mission Locale incertaine ; le jeune n'est plus suivi depuis "
    "longtemps d'après sa conseillère.",
    "Diplôme obtenu à l'étranger, non reconnu : équivalent infra 3.",
]


def weighted(rng: random.Random, pairs: Sequence[tuple[T, int]]) -> T:
    values, weights = [pair[0] for pair in pairs], [pair[1] for pair in pairs]
    return rng.choices(values, weights=weights)[0]


def at(day: datetime.date, hour: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def _referent_options(ctx: DemoContext) -> dict[int, list[Membership]]:
    by_structure: dict[int, list[Membership]] = {}
    for members in ctx.memberships.values():
        for m in members:
            if m.role in (Role.CASE_WORKER, Role.COORDINATOR):
                by_structure.setdefault(m.structure_id, []).append(m)
    return by_structure


def _seeing(ctx: DemoContext) -> dict[int, set[int]]:
    """Structures that see each file (holder and active sharing consents)."""
    seeing = {y.pk: {y.holder_structure_id} for y in ctx.youths}
    rows = Consent.objects.filter(
        youth__in=ctx.youths, purpose=Consent.Purpose.SHARING, withdrawn_on__isnull=True
    ).values_list("youth_id", "shared_with")
    for youth_id, structure_id in rows:
        if structure_id is not None:
            seeing[youth_id].add(structure_id)
    return seeing


def _situation(
    rng: random.Random, entry: datetime.date, levels: dict[str, DiplomaLevel]
) -> dict[str, Any]:
    source = weighted(
        rng,
        [
            (SpeContact.NEVER, 35),
            (SpeContact.MISSION_LOCALE, 42),
            (SpeContact.FRANCE_TRAVAIL, 11),
            ("", 12),
        ],
    )
    last = None
    if source in (SpeContact.MISSION_LOCALE, SpeContact.FRANCE_TRAVAIL):
        months_ago = rng.choice([3, 6, 7, 8, 10, 12, 14, 15, 18, 24, 30])
        last = entry - datetime.timedelta(days=months_ago * 30 + rng.randint(0, 20))
    level_code = weighted(rng, [("infra3", 45), ("3", 30), ("4", 17), ("5", 4), ("", 4)])
    return {
        "entry_activity": weighted(
            rng,
            [
                (Activity.NEET, 86),
                (Activity.EMPLOYED, 4),
                (Activity.TRAINING, 3),
                (Activity.STUDENT, 2),
                ("", 5),
            ],
        ),
        "entry_last_spe_contact_source": source,
        "entry_last_spe_contact_on": last,
        "entry_diploma_level": levels.get(level_code),
        "entry_housing": weighted(
            rng,
            [
                (Housing.FAMILY, 50),
                (Housing.FRIENDS, 14),
                (Housing.OWN, 9),
                (Housing.YOUTH_HOME, 8),
                (Housing.EMERGENCY, 7),
                (Housing.HOMELESS, 4),
                (Housing.SQUAT, 3),
                ("", 5),
            ],
        ),
        "entry_resources": weighted(
            rng,
            [
                (Resources.NONE, 45),
                (Resources.FAMILY, 24),
                (Resources.WORK, 12),
                (Resources.BENEFITS, 10),
                (Resources.UNEMPLOYMENT, 3),
                (Resources.OTHER, 6),
            ],
        ),
    }


def enrolments(ctx: DemoContext, first_contact: dict[int, datetime.date]) -> list[Enrolment]:
    rng, today, programme = ctx.rng, ctx.today, ctx.programme
    rules = rules_of(programme)
    levels = {level.code: level for level in DiplomaLevel.objects.all()}
    options = _referent_options(ctx)
    seeing = _seeing(ctx)
    coordinator = ctx.memberships["lead"][0]
    enrolments: list[Enrolment] = []
    steps: dict[int, list[tuple[str, datetime.date]]] = {}
    for youth in ctx.youths:
        if rng.random() < 0.18:  # not (yet) enrolled: just met
            continue
        candidates = [m for pk in sorted(seeing[youth.pk]) for m in options.get(pk, [])]
        if not candidates:
            continue
        case_workers = [m for m in candidates if m.role == Role.CASE_WORKER]
        referent = rng.choice(case_workers or candidates)
        entry = min(first_contact[youth.pk] + datetime.timedelta(days=rng.randint(0, 30)), today)
        situation = _situation(rng, entry, levels)
        result = evaluate(rules, facts_of(youth, situation, entry))
        enrolment = Enrolment(
            youth=youth,
            programme=programme,
            referent=referent,
            entry_date=entry,
            eligibility=result.as_json(),
            eligibility_status=result.overall,
            created_by=referent.user,
            created_by_structure_id=referent.structure_id,
            **situation,
        )
        enrolment.created_at = at(entry, 10)
        steps[id(enrolment)] = _phase_path(rng, entry, today)
        enrolment.phase = steps[id(enrolment)][-1][0]
        if enrolment.phase == Phase.EXITED:
            enrolment.exited_on = steps[id(enrolment)][-1][1]
        if result.overall != Eligibility.ELIGIBLE and rng.random() < 0.3:
            enrolment.eligibility_override = Eligibility.ELIGIBLE
        enrolments.append(enrolment)
    Enrolment.objects.bulk_create(enrolments)
    phase_rows, referent_rows, overrides = [], [], []
    for e in enrolments:
        previous = ""
        for phase, day in steps[id(e)]:
            phase_rows.append(
                PhaseChange(
                    enrolment=e,
                    from_phase=previous,
                    to_phase=phase,
                    on=day,
                    by=e.referent.user,
                    by_structure_id=e.referent.structure_id,
                )
            )
            previous = phase
        referent_rows.append(
            ReferentChange(
                enrolment=e,
                to_referent=e.referent,
                by=e.referent.user,
                by_structure_id=e.referent.structure_id,
            )
        )
        if e.eligibility_override:
            overrides.append(
                EligibilityOverride(
                    enrolment=e,
                    decision=e.eligibility_override,
                    reason=rng.choice(OVERRIDE_REASONS),
                    by=coordinator.user,
                    by_structure_id=coordinator.structure_id,
                )
            )
    PhaseChange.objects.bulk_create(phase_rows)
    ReferentChange.objects.bulk_create(referent_rows)
    EligibilityOverride.objects.bulk_create(overrides)
    # Recorded when they happened, not when the demo was built.
    for phase_row in phase_rows:
        phase_row.at = at(phase_row.on, rng.randint(9, 18))
    for referent_row in referent_rows:
        referent_row.at = at(referent_row.enrolment.entry_date, 10)
    for row in overrides:
        row.at = at(
            min(row.enrolment.entry_date + datetime.timedelta(days=rng.randint(1, 20)), today), 17
        )
    PhaseChange.objects.bulk_update(phase_rows, ["at"])
    ReferentChange.objects.bulk_update(referent_rows, ["at"])
    EligibilityOverride.objects.bulk_update(overrides, ["at"])
    _referent_changes(ctx, enrolments, options, seeing)
    return enrolments


def _phase_path(
    rng: random.Random, entry: datetime.date, today: datetime.date
) -> list[tuple[str, datetime.date]]:
    """The phases an enrolment went through, with their dates: longer paths for older
    entries, a few exits."""
    path: list[tuple[str, datetime.date]] = [
        (rng.choice([Phase.CONTACT, Phase.CONTACT, Phase.MOBILISATION]), entry)
    ]
    day = entry
    for phase in (Phase.MOBILISATION, Phase.FOLLOW_UP, Phase.HAND_OFF, Phase.EXITED):
        step = datetime.timedelta(days=rng.randint(15, 60))
        if day + step > today or rng.random() < (0.55 if phase == Phase.EXITED else 0.2):
            break
        if phase == Phase.MOBILISATION and path[-1][0] == Phase.MOBILISATION:
            continue
        day += step
        path.append((phase, day))
    return path


def _referent_changes(
    ctx: DemoContext,
    enrolments: list[Enrolment],
    options: dict[int, list[Membership]],
    seeing: dict[int, set[int]],
) -> None:
    """About one enrolment in twelve changed referent once (hand-over to a colleague or
    to the Mission Locale when the young person agreed to share their file with it)."""
    rng = ctx.rng
    changed, rows, dates = [], [], []
    for e in enrolments:
        if e.phase == Phase.EXITED or rng.random() > 0.08:
            continue
        others = [
            m
            for pk in sorted(seeing[e.youth_id])
            for m in options.get(pk, [])
            if m.pk != e.referent_id
        ]
        if not others:
            continue
        new = rng.choice(others)
        reason = (
            "Relais vers la Mission Locale, accord du jeune."
            if new.structure_id == ctx.structures["ml"].pk
            else "Départ de la collègue en congé maternité."
        )
        day = min(e.entry_date + datetime.timedelta(days=rng.randint(20, 120)), ctx.today)
        rows.append(
            ReferentChange(
                enrolment=e,
                from_referent=e.referent,
                to_referent=new,
                reason=reason,
                by=new.user,
                by_structure_id=new.structure_id,
            )
        )
        dates.append(at(day, 11))
        e.referent = new
        changed.append(e)
    ReferentChange.objects.bulk_create(rows)
    for row, moment in zip(rows, dates, strict=True):
        row.at = moment
    ReferentChange.objects.bulk_update(rows, ["at"])
    Enrolment.objects.bulk_update(changed, ["referent"])


def _initial_severity(rng: random.Random, value: str, e: Enrolment) -> int:
    base = {
        "logement-hebergement": 3
        if e.entry_housing in (Housing.HOMELESS, Housing.EMERGENCY, Housing.SQUAT)
        else 1,
        "difficultes-financieres": 2 if e.entry_resources == Resources.NONE else 1,
        "mobilite": 2 if not e.youth.driving_licence else 0,
        "famille": 2 if e.youth.has_children else 0,
        "remobilisation": 2,
    }.get(value, 1)
    return max(0, min(3, base + rng.choice([-1, 0, 0, 1])))


def diagnostics(ctx: DemoContext, enrolments: list[Enrolment]) -> None:
    rng, today = ctx.rng, ctx.today
    categories = barrier_categories()
    diagnostics: list[Diagnostic] = []
    barriers: list[tuple[Diagnostic, Any, int, str]] = []
    for e in enrolments:
        if rng.random() < 0.2:  # "Aucun diagnostic : faire le premier diagnostic"
            continue
        assessed = rng.sample(categories, min(len(categories), rng.randint(4, 8)))
        severity = {c.pk: _initial_severity(rng, c.value, e) for c in assessed}
        day = min(e.entry_date + datetime.timedelta(days=rng.randint(0, 14)), today)
        own: list[Diagnostic] = []
        for index in range(rng.choice([1, 2, 2, 3, 3])):
            if index:
                day += datetime.timedelta(days=rng.randint(40, 90))
                if day > today:
                    break
                for pk, value in severity.items():  # barriers mostly ease over time
                    severity[pk] = max(0, min(3, value + weighted(rng, [(-1, 5), (0, 4), (1, 1)])))
            need = rng.random() < 0.07
            diagnostic = Diagnostic(
                youth=e.youth,
                enrolment=e,
                done_on=day,
                needs=" ".join(rng.sample(NEEDS, 2)),
                wishes=rng.choice(WISHES),
                immediate_need=rng.choice(IMMEDIATE_NEEDS) if need else "",
                immediate_need_on=day if need else None,
                immediate_need_met_on=(
                    min(day + datetime.timedelta(days=rng.randint(1, 10)), today)
                    if need and rng.random() < 0.5
                    else None
                ),
                author=e.referent.user,
                author_structure_id=e.referent.structure_id,
            )
            if index and own[-1].immediate_need and own[-1].immediate_need_met_on is None:
                own[-1].immediate_need_met_on = day  # met by the next diagnostic at the latest
            own.append(diagnostic)
            for category in assessed:
                notes = NOTES.get(category.value, [])
                note = rng.choice(notes) if notes and rng.random() < 0.3 else ""
                barriers.append((diagnostic, category, severity[category.pk], note))
        diagnostics += own
    Diagnostic.objects.bulk_create(diagnostics)
    Barrier.objects.bulk_create(
        Barrier(diagnostic=d, category=c, severity=s, note=n) for d, c, s, n in barriers
    )
