import datetime

from django.urls import reverse

from accroche.access.models import AuditEvent
from accroche.access.roles import Role
from accroche.followup.models import ActionStatus, AidStatus, HandOffStatus
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
from tests.factories.youth import ConsentFactory


def url(youth) -> str:
    return reverse("followup:page", args=[youth.pk])


def fill(youth, enrolment, n: int) -> None:
    for _ in range(n):
        ActionFactory(youth=youth, due_on=datetime.date(2026, 1, 5))
        ActionFactory(youth=youth, status=ActionStatus.DONE)
        InteractionFactory(youth=youth, note="RAS")
        AppointmentFactory(youth=youth)
        AttendanceFactory(youth=youth)
        ImmersionFactory(youth=youth)
        AidFactory(youth=youth, status=AidStatus.PAID)
        HandOffFactory(
            enrolment=enrolment, status=HandOffStatus.STARTED, sent_on=datetime.date(2025, 9, 1)
        )


def test_the_referent_sees_the_follow_up(login, referent, youth, enrolment):
    fill(youth, enrolment, 1)
    page = login(referent.membership).get(url(youth)).text
    assert "Suivi de Aya" in page
    assert "Plan d'action" in page
    assert "Heures d'activité" in page


def test_empty_sections_say_what_to_do(login, referent, youth):
    page = login(referent.membership).get(url(youth)).text
    assert "Aucune action en cours" in page
    assert "Aucun échange noté" in page


def test_another_structure_gets_a_404(login, member, youth, other_structure):
    client = login(member(Role.CASE_WORKER, other_structure))
    assert client.get(url(youth)).status_code == 404


def test_a_structure_the_file_is_shared_with_reads_it(login, member, youth, other_structure):
    ConsentFactory(youth=youth, shared_with=[other_structure])
    client = login(member(Role.CASE_WORKER, other_structure))
    assert client.get(url(youth)).status_code == 200


def test_partners_get_a_404(login, member, youth, structure):
    assert login(member(Role.PARTNER, structure)).get(url(youth)).status_code == 404


def test_anonymous_visitors_are_sent_to_log_in(client, youth):
    assert client.get(url(youth)).url.startswith(reverse("accounts:login"))


def test_what_is_shown_is_audited(login, referent, youth, enrolment):
    fill(youth, enrolment, 1)
    login(referent.membership).get(url(youth))
    shown = set(AuditEvent.objects.filter(action="list").values_list("object_type", flat=True))
    assert {"action", "interaction", "appointment", "aid", "handoff", "immersion"} <= shown


def test_the_page_query_count_does_not_grow(
    login, referent, youth, enrolment, django_assert_num_queries
):
    client = login(referent.membership)
    fill(youth, enrolment, 2)
    OutcomeFactory(youth=youth)
    with django_assert_num_queries(60, exact=False) as first:
        assert client.get(url(youth)).status_code == 200
    fill(youth, enrolment, 4)
    with django_assert_num_queries(len(first.captured_queries)):
        client.get(url(youth))


def test_the_file_summary_is_an_htmx_partial(login, referent, youth):
    ActionFactory(youth=youth, due_on=datetime.date(2026, 1, 5))
    response = login(referent.membership).get(
        reverse("followup:summary", args=[youth.pk]), headers={"HX-Request": "true"}
    )
    assert "1 action en cours" in response.text
    assert "<html" not in response.text
