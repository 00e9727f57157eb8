"""The demo's aid under budget envelopes, hand-offs (to the Mission Locale, the CEJ…) in
every state, and the exits with their six-month news. Envelopes and quotas are never
overspent, as the domain would refuse it."""

import datetime
import random
from decimal import Decimal
from typing import Any

from django.db.models import Max

from accroche.demo.consortium import DemoContext
from accroche.demo.youth_paths import at, weighted
from accroche.followup.common import add_months
from accroche.followup.models import (
    COMMITTED,
    Aid,
    AidKind,
    AidStatus,
    BudgetLine,
    CheckSituation,
    FollowUpSituation,
    HandOff,
    HandOffCheck,
    HandOffStatus,
    HandOffTarget,
    Outcome,
    OutcomeKind,
)
from accroche.organisations.models import Structure
from accroche.youth.models import Enrolment, Phase, PhaseChange

# (label, kind, envelope in euros, yearly quota, amounts)
LINES = [
    ("Permis AM", AidKind.MOPED_LICENCE, "6000", 15, (330, 420)),
    ("Tenues de travail", AidKind.WORK_CLOTHES, "2500", None, (60, 160)),
    ("Transport (tickets, abonnements)", AidKind.TRANSPORT, "3000", None, (20, 60)),
    ("Chèques service", AidKind.SERVICE_VOUCHER, "2000", None, (50, 100)),
    ("Urgences (repas, nuit, garde d'enfant)", AidKind.OTHER, "1500", None, (30, 70)),
]
URGENT = [AidKind.FOOD, AidKind.EMERGENCY_NIGHT, AidKind.CHILDCARE]
REASONS: dict[str, str] = {
    AidKind.MOPED_LICENCE: "Permis AM pour rejoindre les missions d'intérim en zone industrielle.",
    AidKind.WORK_CLOTHES: "Chaussures de sécurité et pantalon pour le chantier d'insertion.",
    AidKind.TRANSPORT: "Abonnement Astuce d'un mois pour aller en formation.",
    AidKind.SERVICE_VOUCHER: "Chèques service pour les courses, en attendant les droits.",
    AidKind.FOOD: "Colis et tickets repas pour la semaine.",
    AidKind.EMERGENCY_NIGHT: "Deux nuits d'hôtel, le 115 était saturé.",
    AidKind.CHILDCARE: "Garde de l'enfant le jour de l'entretien d'embauche.",
}
REFUSALS = ["Hors critères validés en comité.", "Une autre aide couvre déjà ce besoin."]
S = HandOffStatus
TARGETS = [
    (HandOffTarget.MISSION_LOCALE, 50),
    (HandOffTarget.CEJ, 30),
    (HandOffTarget.TRAINING, 10),
    (HandOffTarget.SIAE, 10),
]
STATES = [(S.PROPOSED, 12), (S.SENT, 30), (S.ACKNOWLEDGED, 20), (S.STARTED, 26), (S.REFUSED, 12)]
CHECKS = [
    (CheckSituation.ONGOING, 60),
    (CheckSituation.COMPLETED, 15),
    (CheckSituation.STOPPED, 15),
    (CheckSituation.UNKNOWN, 10),
]


def _window(ctx: DemoContext, e: Enrolment) -> tuple[datetime.date, datetime.date] | None:
    start = max(e.entry_date, ctx.today.replace(month=1, day=1))
    end = min(e.exited_on or ctx.today, ctx.today)
    return (start, end) if start <= end else None


def aid(ctx: DemoContext, enrolments: list[Enrolment]) -> None:
    rng, coordinator = ctx.rng, ctx.memberships["lead"][0]
    lines = BudgetLine.objects.bulk_create(
        BudgetLine(programme=ctx.programme, year=ctx.today.year, label=label, kind=kind,
                   envelope=Decimal(envelope), unit_quota=quota)
        for label, kind, envelope, quota, _a in LINES
    )  # fmt: skip
    spent = {line.pk: Decimal("0") for line in lines}
    units = {line.pk: 0 for line in lines}
    rows = []
    for e in rng.sample(enrolments, min(len(enrolments), 60)):
        window = _window(ctx, e)
        if window is None:
            continue
        index = weighted(rng, [(0, 22), (1, 18), (2, 28), (3, 14), (4, 18)])
        line, (low, high) = lines[index], LINES[index][4]
        kind = rng.choice(URGENT) if line.kind == AidKind.OTHER else line.kind
        amount = Decimal(rng.randint(low, high))
        day = window[0] + datetime.timedelta(days=rng.randint(0, (window[1] - window[0]).days))
        status = weighted(rng, [(AidStatus.PAID, 50), (AidStatus.APPROVED, 14),
                                (AidStatus.REQUESTED, 18), (AidStatus.REFUSED, 12),
                                (AidStatus.CANCELLED, 6)])  # fmt: skip
        fits = spent[line.pk] + amount <= line.envelope and (
            line.unit_quota is None or units[line.pk] + 1 <= line.unit_quota - 2
        )
        if status in COMMITTED and not fits:
            status = AidStatus.REQUESTED if fits or rng.random() < 0.5 else AidStatus.REFUSED
        if status == AidStatus.REQUESTED and not spent[line.pk] + amount <= line.envelope:
            status = AidStatus.REFUSED
        if status in COMMITTED:
            spent[line.pk] += amount
            units[line.pk] += 1
        decided = status in (*COMMITTED, AidStatus.REFUSED)
        decided_on = min(day + datetime.timedelta(days=rng.randint(1, 6)), ctx.today)
        rows.append(
            Aid(
                youth=e.youth,
                enrolment=e,
                budget_line=line,
                kind=kind,
                amount=amount,
                reason=REASONS[kind],
                status=status,
                requested_on=day,
                requested_by=e.referent.user,
                requested_by_structure_id=e.referent.structure_id,
                decided_by=coordinator.user if decided else None,
                decided_at=at(decided_on, 17) if decided else None,
                refusal_reason=rng.choice(REFUSALS) if status == AidStatus.REFUSED else "",
                paid_on=min(decided_on + datetime.timedelta(days=rng.randint(2, 12)), ctx.today)
                if status == AidStatus.PAID
                else None,
            )
        )
    # Every state shows, whatever the draw: un-committing an aid never overspends.
    for missing in (AidStatus.REQUESTED, AidStatus.REFUSED, AidStatus.CANCELLED):
        paid = [r for r in rows if r.status == AidStatus.PAID]
        if paid and all(r.status != missing for r in rows):
            row = paid[-1]
            row.status, row.paid_on = missing, None
            row.decided_by = coordinator.user if missing == AidStatus.REFUSED else None
            row.decided_at = row.decided_at if missing == AidStatus.REFUSED else None
            row.refusal_reason = REFUSALS[0] if missing == AidStatus.REFUSED else ""
    Aid.objects.bulk_create(rows)


def _handoff_dates(ctx: DemoContext) -> dict[int, datetime.date]:
    rows = PhaseChange.objects.filter(
        enrolment__programme=ctx.programme, to_phase=Phase.HAND_OFF
    ).values_list("enrolment_id", "on")
    return dict(rows)


def handoffs(ctx: DemoContext, enrolments: list[Enrolment]) -> None:
    rng, today, ml = ctx.rng, ctx.today, ctx.structures["ml"]
    since = _handoff_dates(ctx)
    made: list[HandOff] = []
    for e in enrolments:
        common = {
            "youth": e.youth,
            "enrolment": e,
            "created_by": e.referent.user,
            "created_by_structure_id": e.referent.structure_id,
        }
        if e.phase == Phase.HAND_OFF:
            proposed = since.get(e.pk, e.entry_date)
            target = weighted(rng, TARGETS)
            status = weighted(rng, STATES)
            made.append(_path(rng, today, proposed, target, status, ml, common))
        elif e.phase == Phase.EXITED and e.exited_on and rng.random() < 0.45:
            proposed = max(e.entry_date, e.exited_on - datetime.timedelta(days=rng.randint(20, 60)))
            target = rng.choice([HandOffTarget.MISSION_LOCALE, HandOffTarget.CEJ])
            made.append(_path(rng, today, proposed, target, S.STARTED, ml, common))
        elif e.phase == Phase.FOLLOW_UP and rng.random() < 0.1:
            proposed = today - datetime.timedelta(days=rng.randint(3, 40))
            target = rng.choice([HandOffTarget.HOUSING, HandOffTarget.HEALTH])
            if proposed >= e.entry_date:
                made.append(_path(rng, today, proposed, target, S.SENT, None, common))
    HandOff.objects.bulk_create(made)
    checks = []
    for handoff in made:
        for months in (3, 6):
            due = add_months(handoff.sent_on, months) if handoff.sent_on else None
            if handoff.status == S.STARTED and due and due <= today and rng.random() < 0.6:
                checks.append(
                    HandOffCheck(
                        handoff=handoff,
                        milestone=months,
                        checked_on=min(due + datetime.timedelta(days=rng.randint(0, 10)), today),
                        situation=weighted(rng, CHECKS),
                        by=handoff.created_by,
                        by_structure_id=handoff.created_by_structure_id,
                    )
                )
    HandOffCheck.objects.bulk_create(checks)


def _path(
    rng: random.Random,
    today: datetime.date,
    proposed: datetime.date,
    target: str,
    status: str,
    ml: Structure | None,
    common: dict[str, Any],
) -> HandOff:
    """A hand-off that went as far as ``status``, with dates that follow each other."""
    # The Mission Locale's own counsellors hand over inside their structure: no receiver.
    to_ml = (
        target in (HandOffTarget.MISSION_LOCALE, HandOffTarget.CEJ)
        and ml is not None
        and common["created_by_structure_id"] != ml.pk
    )
    handoff = HandOff(
        target=target,
        target_structure=ml if to_ml else None,
        target_name=""
        if to_ml
        else rng.choice(["SIAO 76", "Maison des adolescents", "AFPA Rouen"]),
        reason="Le jeune est prêt : inscription et premier rendez-vous accompagné.",
        status=status,
        proposed_on=proposed,
        **common,
    )
    if status == S.PROPOSED:
        return handoff
    # A few sent hand-offs wait for an answer for more than 10 days (late).
    late = status == S.SENT and rng.random() < 0.4
    handoff.sent_on = min(proposed + datetime.timedelta(days=rng.randint(1, 6)), today)
    if status == S.SENT:
        ago = rng.randint(11, 25) if late else rng.randint(0, 8)
        handoff.sent_on = max(proposed, today - datetime.timedelta(days=ago))
    step = handoff.sent_on
    if status in (S.ACKNOWLEDGED, S.STARTED, S.REFUSED):
        step = min(step + datetime.timedelta(days=rng.randint(1, 8)), today)
        if status == S.REFUSED:
            handoff.refused_on = step
            handoff.refusal_reason = "Pas de place avant la rentrée ; reprendre contact en août."
        else:
            handoff.acknowledged_on = step
    if status == S.STARTED:
        handoff.started_on = min(step + datetime.timedelta(days=rng.randint(3, 15)), today)
    return handoff


def _receiver(rng: random.Random, target: str) -> str:
    if target in (HandOffTarget.MISSION_LOCALE, HandOffTarget.CEJ):
        return "Conseiller·ère CEJ de la Mission Locale"
    return rng.choice(["SIAO 76", "Maison des adolescents", "AFPA Rouen", "Chantier Emmaüs"])


EXIT_KINDS = [
    (OutcomeKind.STABLE_JOB, 10), (OutcomeKind.SHORT_JOB, 14), (OutcomeKind.APPRENTICESHIP, 8),
    (OutcomeKind.QUALIFYING_TRAINING, 10), (OutcomeKind.CIVIC_SERVICE, 4), (OutcomeKind.CEJ, 18),
    (OutcomeKind.BACK_TO_SCHOOL, 3), (OutcomeKind.BUSINESS_CREATION, 1), (OutcomeKind.SIAE, 6),
    (OutcomeKind.MOVED_AWAY, 6), (OutcomeKind.LOST_CONTACT, 12), (OutcomeKind.DROPPED_OUT, 5),
    (OutcomeKind.OTHER, 3),
]  # fmt: skip


def older_exits(ctx: DemoContext, enrolments: list[Enrolment], wanted: int = 4) -> None:
    """A few paths ended more than six months ago, so that their news at six months
    shows: their exit moves back, never before the phase that preceded it."""
    latest = ctx.today - datetime.timedelta(days=200)
    changes = {
        c.enrolment_id: c
        for c in PhaseChange.objects.filter(
            enrolment__programme=ctx.programme, to_phase=Phase.EXITED
        )
    }
    before = dict(
        PhaseChange.objects.filter(enrolment__programme=ctx.programme)
        .exclude(to_phase=Phase.EXITED)
        .values("enrolment_id")
        .annotate(last=Max("on"))
        .values_list("enrolment_id", "last")
    )
    moved: list[Enrolment] = []
    rows: list[PhaseChange] = []
    for e in enrolments:
        change = changes.get(e.pk)
        previous = before.get(e.pk, e.entry_date)
        if change is None or e.exited_on is None or e.exited_on <= latest:
            continue
        if previous + datetime.timedelta(days=5) > latest or len(moved) >= wanted:
            continue
        day = previous + datetime.timedelta(days=ctx.rng.randint(5, (latest - previous).days))
        e.exited_on, change.on, change.at = day, day, at(day, 16)
        moved.append(e)
        rows.append(change)
    Enrolment.objects.bulk_update(moved, ["exited_on"])
    PhaseChange.objects.bulk_update(rows, ["on", "at"])


def exits(ctx: DemoContext, enrolments: list[Enrolment]) -> None:
    rng, today, rows = ctx.rng, ctx.today, []
    for e in enrolments:
        if e.phase != Phase.EXITED or e.exited_on is None:
            continue
        kind = weighted(rng, EXIT_KINDS)
        outcome = Outcome(
            enrolment=e,
            youth=e.youth,
            kind=kind,
            exited_on=e.exited_on,
            recorded_by=e.referent.user,
            recorded_by_structure_id=e.referent.structure_id,
        )
        due = add_months(e.exited_on, 6)
        if due <= today and rng.random() < 0.75:
            outcome.followup_on = min(due + datetime.timedelta(days=rng.randint(0, 20)), today)
            working = kind in (OutcomeKind.STABLE_JOB, OutcomeKind.SHORT_JOB, OutcomeKind.SIAE)
            outcome.followup_situation = weighted(
                rng,
                [(FollowUpSituation.EMPLOYED, 55 if working else 20),
                 (FollowUpSituation.TRAINING, 25), (FollowUpSituation.JOB_SEARCHING, 20),
                 (FollowUpSituation.UNKNOWN, 10)],
            )  # fmt: skip
        rows.append(outcome)
    Outcome.objects.bulk_create(rows)
