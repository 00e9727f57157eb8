"""The demo's follow-up, on the enrolments the youth demo made: exchanges and
appointments with the referents, action plans drawn from the diagnostics, then
(``followup_extras``) workshops with attendance, company immersions, aid in every state
under budget envelopes, hand-offs to the Mission Locale and the CEJ in every state (a few
late), exits with their six-month news, and the reminders the scheduled job would make.

Dates follow each path (entry, phases, exit); everything is bulk-created."""

import datetime
from collections import defaultdict

from accroche.demo import followup_collective, followup_outcomes
from accroche.demo.consortium import DemoContext
from accroche.demo.youth_paths import at, weighted
from accroche.followup.models import (
    ACTIVITY_KINDS,
    Action,
    ActionStatus,
    Appointment,
    AppointmentOutcome,
    Interaction,
    InteractionKind,
    Reminder,
)
from accroche.followup.reminders import due_reminders
from accroche.territory.models import Service
from accroche.youth.models import Barrier, Enrolment, Phase, Youth

K = InteractionKind
NOTES = [
    "Point sur la semaine, a tenu ses rendez-vous.",
    "Parle de son projet : cariste ou préparateur de commandes.",
    "Pas très en forme, dort mal ; on reparle du médecin.",
    "A apporté ses papiers pour le dossier CSS.",
    "Accompagné à la Mission Locale pour l'inscription.",
    "Relance par SMS pour l'atelier de jeudi.",
    "Veut passer le permis AM pour l'intérim en zone industrielle.",
    "Rencontre avec la mère, inquiète mais soutenante.",
]
RESTRICTED = [
    "Évoque des tensions violentes à la maison ; orientation vers l'écoute du CIDFF proposée.",
    "Dettes importantes auprès d'un proche ; ne souhaite pas que ce soit su.",
    "Consommation de cannabis quotidienne, en parle pour la première fois.",
]
ACTION_TITLES = {
    "mobilite": ["Inscription au code de la route", "Demande de carte Atoumod solidaire"],
    "logement-hebergement": ["Demande de logement FJT", "Appel au SIAO avec le jeune"],
    "sante": ["Rendez-vous chez un médecin traitant", "Ouvrir la Complémentaire santé solidaire"],
    "difficultes-administratives-ou-juridiques": ["Refaire la carte d'identité", "Carte Vitale"],
    "famille": ["Place en crèche à temps partiel", "Rencontre avec la famille"],
    "difficultes-financieres": [
        "Dossier FAJ (fonds d'aide aux jeunes)",
        "Ouvrir un compte bancaire",
    ],
    "numerique": ["Créer une adresse e-mail", "Atelier numérique à la médiathèque"],
    "lecture-ecriture-calcul": ["Évaluation des savoirs de base", "Atelier d'écriture"],
    "remobilisation": [
        "Participer à l'atelier boxe",
        "Reprendre un rythme : 3 sorties par semaine",
    ],
    "equipement-et-alimentation": ["Colis alimentaire", "Tenue pour les entretiens"],
}
APPOINTMENT_OUTCOMES = [
    (AppointmentOutcome.SEEN, 70),
    (AppointmentOutcome.EXCUSED, 12),
    (AppointmentOutcome.NO_SHOW, 18),
]
ACTION_STATUSES = [
    (ActionStatus.PLANNED, 30),
    (ActionStatus.IN_PROGRESS, 30),
    (ActionStatus.DONE, 32),
    (ActionStatus.DROPPED, 8),
]
PLACES = ["Local de Trait d'Union, rue du Renard", "Centre social Les Hauts", "Au snack, place"
          " du marché", "Mission Locale, rue de la République", "En visio"]  # fmt: skip


def build(ctx: DemoContext) -> None:
    enrolments = list(
        Enrolment.objects.filter(programme=ctx.programme)
        .select_related("youth", "referent__user", "referent__structure")
        .order_by("pk")
    )
    followup_outcomes.older_exits(ctx, enrolments)  # first: every date below follows the exit
    contacts: dict[int, datetime.datetime] = {}
    # Some young people drift away: nothing with them in the last weeks (home alerts).
    quiet = {e.youth_id for e in enrolments if e.is_active and ctx.rng.random() < 0.12}
    _interactions(ctx, enrolments, contacts, quiet)
    _appointments(ctx, enrolments, contacts, quiet)
    _actions(ctx, enrolments)
    followup_collective.workshops(ctx, enrolments, contacts, quiet)
    followup_collective.immersions(ctx, enrolments)
    followup_outcomes.aid(ctx, enrolments)
    followup_outcomes.handoffs(ctx, enrolments)
    followup_outcomes.exits(ctx, enrolments)
    Reminder.objects.bulk_create(due_reminders(ctx.today), ignore_conflicts=True)
    youths = Youth.objects.filter(pk__in=contacts)
    for youth in youths:
        youth.last_contact_at = max(filter(None, [youth.last_contact_at, contacts[youth.pk]]))
    Youth.objects.bulk_update(youths, ["last_contact_at"])


def last_day(ctx: DemoContext, enrolment: Enrolment) -> datetime.date:
    return enrolment.exited_on or ctx.today


def _interactions(
    ctx: DemoContext,
    enrolments: list[Enrolment],
    contacts: dict[int, datetime.datetime],
    quiet: set[int],
) -> None:
    rng, rows = ctx.rng, []
    for e in enrolments:
        end = last_day(ctx, e)
        span = (end - e.entry_date).days
        for _ in range(min(rng.randint(1, 4) + span // 45, 9)):
            day = e.entry_date + datetime.timedelta(days=rng.randint(0, max(span, 0)))
            if e.youth_id in quiet:
                day = min(day, ctx.today - datetime.timedelta(days=rng.randint(25, 60)))
                if day < e.entry_date:
                    continue
            kind = weighted(rng, [(K.INTERVIEW, 45), (K.CALL, 25), (K.MESSAGE, 15),
                                  (K.HOME_VISIT, 5), (K.ACCOMPANYING, 10)])  # fmt: skip
            restricted = rng.random() < 0.06
            note = (
                rng.choice(RESTRICTED)
                if restricted
                else (rng.choice(NOTES) if rng.random() < 0.6 else "")
            )
            moment = at(day, rng.randint(9, 18))
            rows.append(
                Interaction(
                    youth=e.youth,
                    enrolment=e,
                    kind=kind,
                    happened_at=moment,
                    duration_minutes=rng.choice([30, 45, 60, 90])
                    if kind in ACTIVITY_KINDS
                    else None,
                    note=note,
                    note_restricted=restricted,
                    author=e.referent.user,
                    author_structure_id=e.referent.structure_id,
                )
            )
            contacts[e.youth_id] = max(contacts.get(e.youth_id, moment), moment)
    Interaction.objects.bulk_create(rows)


def _appointments(
    ctx: DemoContext,
    enrolments: list[Enrolment],
    contacts: dict[int, datetime.datetime],
    quiet: set[int],
) -> None:
    rng, rows = ctx.rng, []
    for e in enrolments:
        if rng.random() < 0.45:
            continue
        common = {
            "youth": e.youth,
            "enrolment": e,
            "with_whom": e.referent.user.get_full_name(),
            "created_by": e.referent.user,
            "created_by_structure_id": e.referent.structure_id,
        }
        for _ in range(rng.randint(1, 3)):
            day = e.entry_date + datetime.timedelta(days=rng.randint(3, 120))
            if day >= ctx.today or day > last_day(ctx, e):
                break
            if e.youth_id in quiet and (ctx.today - day).days < 25:
                break
            outcome = weighted(rng, APPOINTMENT_OUTCOMES)
            moment = at(day, rng.choice([10, 14, 16]))
            rows.append(
                Appointment(starts_at=moment, place=rng.choice(PLACES), outcome=outcome, **common)
            )
            if outcome == AppointmentOutcome.SEEN:
                contacts[e.youth_id] = max(contacts.get(e.youth_id, moment), moment)
        if e.is_active and rng.random() < 0.6:
            day = ctx.today + datetime.timedelta(days=rng.randint(1, 14))
            rows.append(
                Appointment(
                    starts_at=at(day, rng.choice([9, 11, 14, 16])),
                    place=rng.choice(PLACES),
                    purpose=rng.choice(["Point mensuel", "Préparer l'entretien", "Dossier CEJ"]),
                    **common,
                )
            )
    Appointment.objects.bulk_create(rows)


def _actions(ctx: DemoContext, enrolments: list[Enrolment]) -> None:
    """Actions answer the barriers of each young person's latest diagnostic."""
    rng = ctx.rng
    barriers: dict[int, list[Barrier]] = defaultdict(list)
    for barrier in (
        Barrier.objects.filter(diagnostic__enrolment__programme=ctx.programme, severity__gte=2)
        .select_related("category", "diagnostic")
        .order_by("diagnostic__done_on", "pk")
    ):
        barriers[barrier.diagnostic.enrolment_id].append(barrier)  # type: ignore[index]
    services: dict[int, list[Service]] = defaultdict(list)
    for offer in Service.objects.prefetch_related("themes").order_by("pk"):
        for category_id in {t.category_id for t in offer.themes.all()}:
            services[category_id].append(offer)
    rows = []
    for e in enrolments:
        latest = {b.category_id: b for b in barriers.get(e.pk, [])}
        for barrier in rng.sample(list(latest.values()), min(len(latest), rng.randint(1, 3))):
            title = rng.choice(ACTION_TITLES.get(barrier.category.value, ["Accompagnement"]))
            created = min(barrier.diagnostic.done_on + datetime.timedelta(days=2), ctx.today)
            due = created + datetime.timedelta(days=rng.randint(10, 60))
            status = weighted(rng, ACTION_STATUSES)
            if e.phase == Phase.EXITED and status in (
                ActionStatus.PLANNED,
                ActionStatus.IN_PROGRESS,
            ):
                status = ActionStatus.DONE
            if status in (ActionStatus.PLANNED, ActionStatus.IN_PROGRESS):
                # Open actions were rescheduled along the way; about one in five is late.
                due = max(created, ctx.today + datetime.timedelta(days=rng.randint(-12, 45)))
            service: Service | None = (
                rng.choice(services[barrier.category_id])
                if services.get(barrier.category_id) and rng.random() < 0.5
                else None
            )
            rows.append(
                Action(
                    youth=e.youth,
                    enrolment=e,
                    category=barrier.category,
                    title=title,
                    partner_structure_id=service.structure_id if service else None,
                    service=service,
                    owner=e.referent,
                    due_on=due,
                    status=status,
                    collective="atelier" in title.lower(),
                    done_on=min(due, ctx.today) if status == ActionStatus.DONE else None,
                    created_by=e.referent.user,
                    created_by_structure_id=e.referent.structure_id,
                )
            )
    Action.objects.bulk_create(rows)
