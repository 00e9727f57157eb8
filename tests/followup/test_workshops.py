import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from accroche.access.roles import Role
from accroche.followup.models import Attendance, AttendanceStatus, WorkshopKind
from accroche.followup.workshops import (
    do_add_session,
    do_create_workshop,
    do_mark_attendance,
    do_register,
    roster,
)
from accroche.youth.models import Gender, Phase, Youth
from tests.factories.followup import AttendanceFactory, WorkshopFactory, WorkshopSessionFactory
from tests.factories.organisations import ParticipationFactory
from tests.factories.youth import ConsentFactory, EnrolmentFactory, YouthFactory


@pytest.fixture
def session(programme):
    return WorkshopSessionFactory(workshop=WorkshopFactory(programme=programme, capacity=2))


def enrolled(programme, structure, **extra):
    youth = YouthFactory(holder_structure=structure, **extra)
    EnrolmentFactory(youth=youth, programme=programme)
    return youth


def test_a_workshop_is_created_in_a_programme_of_the_structure(referent, programme, structure):
    data = {"programme": programme, "structure": structure, "title": "Boxe", "kind": "sport"}
    workshop = do_create_workshop(referent, data | {"capacity": 12})
    session = do_add_session(
        referent, workshop, {"starts_at": timezone.now(), "duration_minutes": 90}
    )
    assert (workshop.capacity, session.duration_minutes) == (12, 90)


def test_a_facilitator_outside_the_programme_is_refused(referent, programme, other_structure):
    data = {"programme": programme, "structure": other_structure, "title": "Boxe"}
    with pytest.raises(ValidationError, match="participe à ce dispositif"):
        do_create_workshop(referent, data | {"kind": "sport", "capacity": 12})


def test_registration_takes_a_seat(referent, youth, session):
    attendance = do_register(referent, youth, session)
    assert attendance.status == AttendanceStatus.REGISTERED


def test_a_full_session_refuses_registration(referent, programme, structure, session):
    for _ in range(2):
        do_register(referent, enrolled(programme, structure), session)
    with pytest.raises(ValidationError, match="complète"):
        do_register(referent, enrolled(programme, structure), session)
    assert Attendance.objects.count() == 2


def test_registering_twice_is_refused(referent, youth, session):
    do_register(referent, youth, session)
    with pytest.raises(ValidationError, match="déjà inscrit"):
        do_register(referent, youth, session)


def test_a_young_person_outside_the_programme_is_refused(referent, structure, session):
    with pytest.raises(ValidationError, match="pas de parcours en cours"):
        do_register(referent, YouthFactory(holder_structure=structure), session)


def test_the_facilitator_must_see_the_file(referent, youth, programme, other_structure):
    ParticipationFactory(programme=programme, structure=other_structure)
    workshop = WorkshopFactory(programme=programme, structure=other_structure)
    session = WorkshopSessionFactory(workshop=workshop)
    with pytest.raises(ValidationError, match="consentement au partage"):
        do_register(referent, youth, session)
    ConsentFactory(youth=youth, shared_with=[other_structure])
    assert do_register(referent, youth, session).pk


def test_the_women_only_session_refuses_men(referent, programme, structure):
    workshop = WorkshopFactory(programme=programme, kind=WorkshopKind.WOMEN_TRADES)
    session = WorkshopSessionFactory(workshop=workshop)
    with pytest.raises(ValidationError, match="réservée aux femmes"):
        do_register(referent, enrolled(programme, structure, gender=Gender.MAN), session)
    assert do_register(referent, enrolled(programme, structure, gender=Gender.WOMAN), session)


def test_presence_moves_the_last_contact(referent, youth, session):
    attendance = AttendanceFactory(session=session, youth=youth)
    do_mark_attendance(referent, attendance, AttendanceStatus.PRESENT)
    assert Youth.objects.get(pk=youth.pk).last_contact_at == session.starts_at


def test_presence_is_not_marked_before_the_session(referent, youth, programme):
    later = timezone.now() + datetime.timedelta(days=1)
    session = WorkshopSessionFactory(workshop__programme=programme, starts_at=later)
    attendance = AttendanceFactory(session=session, youth=youth)
    with pytest.raises(ValidationError, match="pas encore commencé"):
        do_mark_attendance(referent, attendance, AttendanceStatus.PRESENT)
    assert do_mark_attendance(referent, attendance, AttendanceStatus.EXCUSED).status == "excused"


def test_only_the_facilitating_structure_takes_attendance(actor, youth, session, other_structure):
    attendance = AttendanceFactory(session=session, youth=youth)
    with pytest.raises(ValidationError, match="fait l'appel"):
        do_mark_attendance(actor(Role.CASE_WORKER, other_structure), attendance, "present")


def test_a_roster_shows_only_the_files_its_reader_sees(referent, youth, session, programme):
    AttendanceFactory(session=session, youth=youth)
    AttendanceFactory(session=session)  # a file held elsewhere, not shared
    found = roster(referent, session)
    assert ([a.youth for a in found.rows], found.hidden, found.total) == ([youth], 1, 2)


def test_an_exited_young_person_cannot_register(referent, youth, enrolment, session):
    enrolment.phase = Phase.EXITED
    enrolment.save()
    with pytest.raises(ValidationError, match="pas de parcours en cours"):
        do_register(referent, youth, session)
