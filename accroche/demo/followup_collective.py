"""The demo's collective side: workshops run by the partners with their sessions and
attendance (only files the facilitating structure sees), and two company immersions."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from accroche.demo.consortium import DemoContext
from accroche.demo.youth_paths import at, weighted
from accroche.followup.models import (
    Attendance,
    AttendanceStatus,
    Immersion,
    ImmersionReview,
    Workshop,
    WorkshopKind,
    WorkshopSession,
)
from accroche.youth.models import Consent, Enrolment, Gender, Phase


@dataclass(frozen=True)
class WorkshopSpec:
    title: str
    kind: str
    structure: str
    capacity: int
    place: str
    weekday: int  # 0 = Monday
    hour: int
    minutes: int
    weeks: tuple[int, ...]  # weeks from this one (negative: past)
    days: int = 1  # consecutive days per week
    description: str = ""


WORKSHOPS = [
    WorkshopSpec("Boxe éducative", WorkshopKind.SPORT, "prev", 12,
                 "Salle de boxe du Château Blanc, Saint-Étienne-du-Rouvray", 2, 14, 120,
                 tuple(range(-8, 3)), description="Se dépenser, se canaliser, se retrouver."),
    WorkshopSpec("Radio des quartiers", WorkshopKind.MEDIA, "csoc", 8,
                 "Centre social Les Hauts, studio", 3, 15, 150, tuple(range(-6, 2)),
                 description="Fabriquer une émission, vérifier une info, prendre la parole."),
    WorkshopSpec("Elles bâtissent : bâtiment et industrie", WorkshopKind.WOMEN_TRADES, "lead",
                 10, "Campus des métiers, Rouen", 0, 9, 360, (-3,), days=3,
                 description="Trois jours réservés aux femmes pour essayer des métiers dits "
                 "« masculins » : maçonnerie, soudure, conduite d'engins."),
    WorkshopSpec("Démarches en ligne", WorkshopKind.DIGITAL, "lead", 10,
                 "Local de Trait d'Union, salle informatique", 1, 10, 120, (-6, -4, -2, 0, 2)),
    WorkshopSpec("Visite du CFA du BTP", WorkshopKind.TRAINING_VISIT, "lead", 12,
                 "CFA BTP, Saint-Étienne-du-Rouvray", 4, 9, 180, (-1,)),
]  # fmt: skip
IN_WORK = (Phase.MOBILISATION, Phase.FOLLOW_UP, Phase.HAND_OFF)


def seeing(ctx: DemoContext, enrolments: list[Enrolment]) -> dict[int, set[int]]:
    """The structures that see each file: its holder and the active sharing consents."""
    found = {e.youth_id: {e.youth.holder_structure_id} for e in enrolments}
    shared = Consent.objects.filter(
        youth_id__in=list(found), purpose=Consent.Purpose.SHARING, withdrawn_on__isnull=True
    ).values_list("youth_id", "shared_with")
    for youth_id, structure_id in shared:
        if structure_id is not None:
            found[youth_id].add(structure_id)
    return found


def workshops(
    ctx: DemoContext,
    enrolments: list[Enrolment],
    contacts: dict[int, datetime.datetime],
    quiet: set[int],
) -> None:
    rng, today = ctx.rng, ctx.today
    monday = today - datetime.timedelta(days=today.weekday())
    sees = seeing(ctx, enrolments)
    working = [e for e in enrolments if e.phase in IN_WORK and e.youth_id not in quiet]
    made = []
    for spec in WORKSHOPS:
        structure = ctx.structures[spec.structure]
        workshop = Workshop(
            programme=ctx.programme,
            title=spec.title,
            kind=spec.kind,
            structure=structure,
            capacity=spec.capacity,
            description=spec.description,
            created_by=ctx.memberships[spec.structure][0].user,
            created_by_structure=structure,
        )
        sessions = [
            WorkshopSession(
                workshop=workshop,
                starts_at=at(
                    monday + datetime.timedelta(weeks=week, days=spec.weekday + day), spec.hour
                ),
                duration_minutes=spec.minutes,
                place=spec.place,
            )
            for week in spec.weeks
            for day in range(spec.days)
        ]
        made.append((spec, workshop, sessions))
    Workshop.objects.bulk_create([w for _s, w, _ss in made])
    for _spec, workshop, sessions in made:
        for session in sessions:
            session.workshop = workshop
    WorkshopSession.objects.bulk_create([s for _sp, _w, ss in made for s in ss])
    rows = []
    for spec, workshop, sessions in made:
        group = [
            e
            for e in working
            if workshop.structure_id in sees[e.youth_id]
            and (spec.kind != WorkshopKind.WOMEN_TRADES or e.youth.gender == Gender.WOMAN)
        ]
        group = rng.sample(group, min(len(group), spec.capacity - 2))
        for session in sessions:
            day = session.starts_at.date()
            for e in group:
                if e.entry_date > day or rng.random() < 0.15:
                    continue
                status = AttendanceStatus.REGISTERED
                if session.starts_at.date() < today:
                    status = weighted(rng, [(AttendanceStatus.PRESENT, 70),
                                            (AttendanceStatus.EXCUSED, 10),
                                            (AttendanceStatus.ABSENT, 20)])  # fmt: skip
                rows.append(
                    Attendance(
                        session=session,
                        youth=e.youth,
                        status=status,
                        registered_by=e.referent.user,
                        registered_by_structure_id=e.referent.structure_id,
                        marked_at=None
                        if status == AttendanceStatus.REGISTERED
                        else session.starts_at,
                    )
                )
                if status == AttendanceStatus.PRESENT:
                    contacts[e.youth_id] = max(
                        contacts.get(e.youth_id, session.starts_at), session.starts_at
                    )
    Attendance.objects.bulk_create(rows)


def immersions(ctx: DemoContext, enrolments: list[Enrolment]) -> None:
    """One reviewed last month, one under way."""
    today = ctx.today
    monday = today - datetime.timedelta(days=today.weekday())
    ready = [
        e for e in enrolments if e.phase == Phase.FOLLOW_UP and (today - e.entry_date).days > 60
    ]
    if len(ready) < 2:
        return
    first, second = ctx.rng.sample(ready, 2)
    done_start = monday - datetime.timedelta(weeks=4)
    Immersion.objects.bulk_create(
        [
            Immersion(
                youth=first.youth,
                enrolment=first,
                company="Boulangerie Au Pain d'Antan, Sotteville-lès-Rouen",
                trade="Boulanger·ère",
                start_on=done_start,
                end_on=done_start + datetime.timedelta(days=11),
                daily_hours=Decimal("7"),
                tutor_name="Mme Fabienne Leclerc",
                tutor_phone="02 35 62 18 40",
                review=ImmersionReview.CONFIRMED,
                review_note="Ponctuel·le, à l'aise avec l'équipe ; "
                "piste d'apprentissage en septembre.",
                reviewed_on=done_start + datetime.timedelta(days=14),
                created_by=first.referent.user,
                created_by_structure_id=first.referent.structure_id,
            ),
            Immersion(
                youth=second.youth,
                enrolment=second,
                company="Entrepôt Logiseine, Grand-Couronne",
                trade="Préparateur·rice de commandes",
                start_on=monday,
                end_on=monday + datetime.timedelta(days=11),
                daily_hours=Decimal("6"),
                tutor_name="M. Karim Belaïd",
                created_by=second.referent.user,
                created_by_structure_id=second.referent.structure_id,
            ),
        ]
    )
