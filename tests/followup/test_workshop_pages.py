import datetime

from django.urls import reverse
from django.utils import timezone

from accroche.access.roles import Role
from accroche.followup.models import Attendance, AttendanceStatus, Workshop, WorkshopSession
from tests.factories.followup import AttendanceFactory, WorkshopFactory, WorkshopSessionFactory
from tests.factories.youth import EnrolmentFactory, YouthFactory


def test_the_list_shows_the_programmes_workshops(login, referent, programme):
    WorkshopSessionFactory(
        workshop__programme=programme,
        workshop__title="Boxe éducative",
        starts_at=timezone.now() + datetime.timedelta(days=1),
    )
    WorkshopFactory(title="Ailleurs")
    page = login(referent.membership).get(reverse("followup:workshops")).text
    assert "Boxe éducative" in page
    assert "Ailleurs" not in page


def test_a_workshop_and_a_session_are_created(login, referent, programme, structure):
    client = login(referent.membership)
    data = {"programme": programme.pk, "title": "Radio", "kind": "media_education"}
    client.post(
        reverse("followup:workshop_create"), data | {"structure": structure.pk, "capacity": 8}
    )
    workshop = Workshop.objects.get()
    starts = (timezone.localtime() + datetime.timedelta(days=3)).strftime("%Y-%m-%dT%H:%M")
    client.post(
        reverse("followup:workshop", args=[workshop.pk]),
        {"starts_at": starts, "duration_minutes": 90},
    )
    assert WorkshopSession.objects.get().duration_minutes == 90


def test_a_workshop_of_another_programme_is_a_404(login, referent):
    workshop = WorkshopFactory()
    assert (
        login(referent.membership).get(reverse("followup:workshop", args=[workshop.pk])).status_code
        == 404
    )


def test_register_from_the_follow_up_page(login, referent, youth, programme):
    session = WorkshopSessionFactory(workshop__programme=programme)
    client = login(referent.membership)
    page = client.get(reverse("followup:page", args=[youth.pk])).text
    assert "Inscrire à cette séance" in page
    client.post(reverse("followup:register", args=[youth.pk]), {"session": session.pk})
    assert Attendance.objects.get().youth == youth


def test_attendance_is_taken_with_htmx(login, referent, youth, programme):
    attendance = AttendanceFactory(youth=youth, session__workshop__programme=programme)
    client = login(referent.membership)
    response = client.post(
        reverse("followup:mark", args=[attendance.session_id, attendance.pk]),
        {"status": "present"},
        headers={"HX-Request": "true"},
    )
    assert 'aria-pressed="true">Présent·e' in response.text
    assert "2 h d'activité cette semaine" in response.text
    assert "<html" not in response.text
    attendance.refresh_from_db()
    assert attendance.status == AttendanceStatus.PRESENT


def test_a_refused_mark_says_why(login, referent, youth, programme):
    later = timezone.now() + datetime.timedelta(days=1)
    attendance = AttendanceFactory(
        youth=youth, session__workshop__programme=programme, session__starts_at=later
    )
    response = login(referent.membership).post(
        reverse("followup:mark", args=[attendance.session_id, attendance.pk]),
        {"status": "absent"},
        headers={"HX-Request": "true"},
    )
    assert "pas encore commencé" in response.text
    attendance.refresh_from_db()
    assert attendance.status == AttendanceStatus.REGISTERED


def test_another_structure_cannot_take_attendance(login, member, youth, programme, other_structure):
    attendance = AttendanceFactory(youth=youth, session__workshop__programme=programme)
    client = login(member(Role.CASE_WORKER, other_structure))
    url = reverse("followup:mark", args=[attendance.session_id, attendance.pk])
    assert client.post(url, {"status": "present"}).status_code == 404


def test_the_roster_query_count_does_not_grow(
    login, referent, programme, structure, django_assert_num_queries
):
    session = WorkshopSessionFactory(workshop__programme=programme, workshop__capacity=20)

    def register(n: int) -> None:
        for _ in range(n):
            young = YouthFactory(holder_structure=structure)
            EnrolmentFactory(youth=young, programme=programme)
            AttendanceFactory(session=session, youth=young, status=AttendanceStatus.PRESENT)

    client = login(referent.membership)
    register(2)
    with django_assert_num_queries(30, exact=False) as first:
        client.get(reverse("followup:session", args=[session.pk]))
    register(4)
    with django_assert_num_queries(len(first.captured_queries)):
        client.get(reverse("followup:session", args=[session.pk]))


def test_the_facilitating_structure_edits_its_workshop(login, referent, programme, structure):
    workshop = WorkshopFactory(programme=programme, structure=structure, capacity=8)
    client = login(referent.membership)
    url = reverse("followup:workshop_edit", args=[workshop.pk])
    assert url in client.get(reverse("followup:workshop", args=[workshop.pk])).text
    data = {"title": "Radio des quartiers", "kind": "media_education", "capacity": 10}
    assert client.post(url, data).status_code == 302
    workshop.refresh_from_db()
    assert (workshop.title, workshop.capacity) == ("Radio des quartiers", 10)


def test_places_cannot_drop_below_an_upcoming_sessions_registrations(
    login, referent, programme, structure
):
    session = WorkshopSessionFactory(
        workshop__programme=programme,
        workshop__structure=structure,
        workshop__capacity=8,
        starts_at=timezone.now() + datetime.timedelta(days=2),
    )
    AttendanceFactory.create_batch(3, session=session)
    url = reverse("followup:workshop_edit", args=[session.workshop.pk])
    data = {"title": "Boxe", "kind": "sport", "capacity": 2}
    response = login(referent.membership).post(url, data)
    assert "a déjà 3 inscrits : gardez au moins 3 places" in response.text
    session.workshop.refresh_from_db()
    assert session.workshop.capacity == 8


def test_another_structure_cannot_edit_the_workshop(login, member, programme, other_structure):
    workshop = WorkshopFactory(programme=programme)
    client = login(member(Role.CASE_WORKER, other_structure))
    url = reverse("followup:workshop_edit", args=[workshop.pk])
    assert client.post(url, {"title": "X", "kind": "sport", "capacity": 3}).status_code == 404
