import datetime
from dataclasses import dataclass

import pytest

from accroche.organisations.models import Programme, Structure
from accroche.youth.models import Barrier, Youth
from tests.factories.followup import (
    ActionFactory,
    AidFactory,
    AppointmentFactory,
    AttendanceFactory,
    HandOffFactory,
    ImmersionFactory,
    InteractionFactory,
    OutcomeFactory,
)
from tests.factories.organisations import ProgrammeFactory
from tests.factories.outreach import ContactFactory, OutreachSessionFactory, ReferralFactory
from tests.factories.youth import (
    ConsentFactory,
    DiagnosticFactory,
    EnrolmentFactory,
    YouthFactory,
)


@dataclass
class File:
    youth: Youth
    programme: Programme
    shared_with: Structure


@pytest.fixture
def full_file(structure, other_structure) -> File:
    """A young person with one record of every kind, shared with ``other_structure``."""
    youth = YouthFactory(
        holder_structure=structure,
        first_name="Yanis",
        last_name="Martin",
        nickname="Yaya",
        phone="06 11 22 33 44",
        email="yanis@example.org",
        birth_date=datetime.date(2005, 6, 7),
        frequented_places="Le city stade des Sapins",
    )
    ConsentFactory(youth=youth, shared_with=[other_structure])
    programme = ProgrammeFactory(lead_structure=structure)
    enrolment = EnrolmentFactory(youth=youth, programme=programme)
    diagnostic = DiagnosticFactory(
        youth=youth, enrolment=enrolment, needs="Soins dentaires urgents", wishes="Cuisinier"
    )
    Barrier.objects.create(
        diagnostic=diagnostic,
        category=ActionFactory.category.get_factory()(value="sante"),
        severity=2,
        note="Suivi addictologie",
    )
    ActionFactory(youth=youth, note="Appeler le CSAPA")
    InteractionFactory(youth=youth, note="Parle de sa sœur")
    InteractionFactory(
        youth=youth, author_structure=other_structure, note="Dette au foyer", note_restricted=True
    )
    AppointmentFactory(youth=youth)
    AttendanceFactory(youth=youth, session__workshop__programme=programme)
    ImmersionFactory(youth=youth)
    AidFactory(youth=youth, budget_line__programme=programme)
    HandOffFactory(youth=youth, enrolment=enrolment, reason="Ouvrir ses droits")
    OutcomeFactory(
        youth=youth,
        enrolment=EnrolmentFactory(youth=youth, phase="exited"),
        note="CDI chez Transdev",
    )
    session = OutreachSessionFactory(programme=programme)
    ContactFactory(session=session, youth=youth, note="Rencontré au city stade")
    ReferralFactory(programme=programme, youth=youth, need="Cherche un logement")
    return File(youth, programme, other_structure)
