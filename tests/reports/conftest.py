"""A small programme whose every figure is computed by hand (see ``scene``'s docstring)."""

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.test import Client
from django.utils import timezone

from accroche.accounts.tokens import do_create_token
from accroche.followup.models import (
    AidStatus,
    AttendanceStatus,
    HandOffStatus,
    HandOffTarget,
    InteractionKind,
    OutcomeKind,
)
from accroche.organisations.models import Membership, Programme, Structure, Target
from accroche.outreach.enums import AgeBand, CountGender
from accroche.outreach.models import Contact, SessionCount
from accroche.reports.filters import ReportFilter
from accroche.youth.models import Gender, Youth
from tests.factories.followup import (
    AidFactory,
    AttendanceFactory,
    BudgetLineFactory,
    HandOffFactory,
    ImmersionFactory,
    InteractionFactory,
    OutcomeFactory,
    WorkshopSessionFactory,
)
from tests.factories.organisations import ParticipationFactory, ProgrammeFactory, TargetFactory
from tests.factories.outreach import OutreachSessionFactory
from tests.factories.youth import DiagnosticFactory, EnrolmentFactory, YouthFactory

START = datetime.date(2026, 3, 1)
END = datetime.date(2026, 5, 31)


def at(day: datetime.date, hour: int = 10) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def d(month: int, day: int) -> datetime.date:
    return datetime.date(2026, month, day)


@dataclass
class Scene:
    programme: Programme
    youths: dict[str, Youth]

    def filter(self, **kwargs: object) -> ReportFilter:
        return ReportFilter(programme=self.programme, start=START, end=END, **kwargs)


def _contact(programme: Programme, youth: Youth, day: datetime.date) -> None:
    Contact.objects.create(
        programme=programme, structure=youth.holder_structure, youth=youth, happened_at=at(day)
    )


@pytest.fixture
def programme(structure: Structure, other_structure: Structure) -> Programme:
    programme = ProgrammeFactory(lead_structure=structure, total_budget=Decimal("60000"))
    ParticipationFactory(programme=programme, structure=other_structure)
    return programme


@pytest.fixture
def scene(programme: Programme, structure: Structure, other_structure: Structure) -> Scene:
    """Period 1 March – 31 May 2026. A, B, C held by ``structure``, D by ``other_structure``.

    A woman 20, first contact 2 Mar, diagnosed 15 Mar, entered 12 Mar (10 days), hand-off
      to the Mission Locale sent 1 Apr (30 days), exit to a stable job 10 May.
    B man 18, first contact 5 Mar, entered 25 Mar (20 days), hand-off to a training sent
      24 Apr (50 days).
    C man ~23 (birth year only), first contact 20 Feb (before), diagnosed 25 Feb
      (before), entered 22 Mar (30 days).
    D woman 24, first contact 10 Apr, diagnosed 1 May, entered 20 May (40 days), exit to
      the CEJ 30 May.
    E non-binary, entered 10 Jan (before), first contact 5 Jun (after).

    Funnel: identified A B D = 3; diagnosed A D = 2; enrolled A B C D = 4; handed off A B
    = 2, of which to the public employment service A = 1; CEJ D = 1; positive exit A D =
    2. Anonymous counts: 5 boys 18–21 and 3 girls 22–25 on 10 March, 7 on 10 June
    (after) → 8. Days to entry 10 20 30 40 → quartiles 17.5 / 25 / 32.5; to hand-off
    30 50 → 35 / 40 / 45.
    Workshop on 8 April (90 min): A present, B absent, C excused → 1 of 3, 1.5 h; A's
    interview 60 min (B's 30-min call does not count) → 1 h; B's immersion Mon 25 – Fri
    29 May at 7 h → 35 h. Total 37.5 h for 2 young people.
    Budget 2026: 1,000 €, A approved 150, B paid 100, C requested 80, D refused 50 →
    250 committed, 750 left. Cost: 60,000 € / 5 enrolled = 12,000 €.
    """
    TargetFactory(programme=programme, indicator=Target.Indicator.ENROLLED, minimum=8)
    TargetFactory(programme=programme, indicator=Target.Indicator.POSITIVE_EXIT, minimum=4)
    people = {
        "A": {"gender": Gender.WOMAN, "birth_date": datetime.date(2005, 6, 1)},
        "B": {"gender": Gender.MAN, "birth_date": datetime.date(2008, 1, 10)},
        "C": {"gender": Gender.MAN, "birth_year": 2003},
        "D": {"gender": Gender.WOMAN, "birth_date": datetime.date(2001, 9, 1)},
        "E": {"gender": Gender.NON_BINARY, "birth_date": datetime.date(2000, 1, 1)},
    }
    youths = {
        name: YouthFactory(
            first_name=f"Jeune {name}",
            holder_structure=other_structure if name == "D" else structure,
            **fields,
        )
        for name, fields in people.items()
    }
    entries = {"A": d(3, 12), "B": d(3, 25), "C": d(3, 22), "D": d(5, 20), "E": d(1, 10)}
    enrolments = {
        name: EnrolmentFactory(youth=youths[name], programme=programme, entry_date=day)
        for name, day in entries.items()
    }
    firsts = {"A": d(3, 2), "B": d(3, 5), "C": d(2, 20), "D": d(4, 10), "E": d(6, 5)}
    for name, day in firsts.items():
        _contact(programme, youths[name], day)
    _contact(programme, youths["A"], d(3, 20))  # a later contact changes nothing
    for name, day in (("A", d(3, 15)), ("C", d(2, 25)), ("D", d(5, 1))):
        DiagnosticFactory(youth=youths[name], done_on=day)
    sent = HandOffStatus.SENT
    HandOffFactory(enrolment=enrolments["A"], sent_on=d(4, 1), status=sent)
    HandOffFactory(
        enrolment=enrolments["B"], sent_on=d(4, 24), status=sent, target=HandOffTarget.TRAINING
    )
    OutcomeFactory(enrolment=enrolments["A"], exited_on=d(5, 10), kind=OutcomeKind.STABLE_JOB)
    OutcomeFactory(enrolment=enrolments["D"], exited_on=d(5, 30), kind=OutcomeKind.CEJ)
    man, woman = CountGender.MAN, CountGender.WOMAN
    for day, cells in (
        (d(3, 10), [(AgeBand.AGE_18_21, man, 5), (AgeBand.AGE_22_25, woman, 3)]),
        (d(6, 10), [(AgeBand.AGE_18_21, man, 7)]),
    ):
        session = OutreachSessionFactory(programme=programme, started_at=at(day))
        for band, gender, count in cells:
            SessionCount.objects.create(session=session, age_band=band, gender=gender, count=count)
    workshop = WorkshopSessionFactory(
        workshop__programme=programme, starts_at=at(d(4, 8)), duration_minutes=90
    )
    for name, status in (("A", "present"), ("B", "absent"), ("C", "excused")):
        AttendanceFactory(session=workshop, youth=youths[name], status=AttendanceStatus(status))
    InteractionFactory(youth=youths["A"], happened_at=at(d(4, 9)), duration_minutes=60)
    InteractionFactory(
        youth=youths["B"], happened_at=at(d(4, 9)), duration_minutes=30, kind=InteractionKind.CALL
    )
    ImmersionFactory(youth=youths["B"], start_on=d(5, 25), end_on=d(5, 29))
    line = BudgetLineFactory(programme=programme, year=2026, envelope=Decimal("1000"))
    BudgetLineFactory(programme=programme, year=2025, envelope=Decimal("500"))
    for name, amount, status in (
        ("A", "150", AidStatus.APPROVED),
        ("B", "100", AidStatus.PAID),
        ("C", "80", AidStatus.REQUESTED),
        ("D", "50", AidStatus.REFUSED),
    ):
        AidFactory(youth=youths[name], budget_line=line, amount=Decimal(amount), status=status)
    return Scene(programme=programme, youths=youths)


@pytest.fixture
def query() -> str:
    return f"start={START.isoformat()}&end={END.isoformat()}"


@pytest.fixture
def coordinator(member: Callable[..., Membership], structure: Structure) -> Membership:
    return member("coordinator", structure)


@pytest.fixture
def api_client() -> Callable[[Membership], Client]:
    def make(membership: Membership) -> Client:
        _token, secret = do_create_token(membership.user, membership, "tests")
        return Client(headers={"Authorization": f"Bearer {secret}"})

    return make
