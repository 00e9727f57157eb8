import datetime

import pytest
from django.urls import reverse

from accroche.access.roles import Role
from accroche.followup.models import HandOffStatus
from accroche.followup.reminders import create_due_reminders
from tests.factories.followup import ActionFactory, HandOffFactory
from tests.factories.youth import DiagnosticFactory, EnrolmentFactory, YouthFactory

NOW = datetime.datetime(2026, 5, 4, 8, tzinfo=datetime.UTC)
LONG_AGO = datetime.date(2026, 1, 5)


@pytest.fixture(autouse=True)
def _frozen(time_machine):
    time_machine.move_to(NOW)


def mine(referent, programme, structure, n: int) -> None:
    """n young people of the referent, each raising every kind of alert."""
    for _ in range(n):
        young = YouthFactory(
            holder_structure=structure, last_contact_at=NOW - datetime.timedelta(days=40)
        )
        enrolment = EnrolmentFactory(
            youth=young, programme=programme, referent=referent.membership, entry_date=LONG_AGO
        )
        DiagnosticFactory(youth=young, immediate_need="Hébergement", immediate_need_on=LONG_AGO)
        ActionFactory(youth=young, due_on=LONG_AGO, title="Dossier CSS")
        HandOffFactory(enrolment=enrolment, status=HandOffStatus.SENT, sent_on=LONG_AGO)
    create_due_reminders()


def test_the_home_shows_the_referents_alerts(login, referent, programme, structure):
    mine(referent, programme, structure, 1)
    page = login(referent.membership).get(reverse("www:home")).text
    assert "Alertes sur vos jeunes" in page
    assert "dernier contact il y a 40 jours" in page
    assert "Hébergement" in page
    assert "Dossier CSS" in page
    assert "1 relais sans réponse depuis 10 jours" in page
    assert "Relais : faire le point à 3 mois" in page
    assert "1 jeune sans contact depuis longtemps" in page
    assert "1 besoin immédiat en attente" in page
    assert "(depuis 119 jours)" in page
    assert "1 action en retard" in page
    assert "Dossier CSS (prévue pour le 5 janv.)" in page


def test_the_alerts_escape_what_was_typed_and_link_to_the_file(
    login, referent, programme, structure
):
    mine(referent, programme, structure, 1)
    young = YouthFactory._meta.model.objects.get()
    young.first_name = "<b>Inès</b>"
    young.save()
    page = login(referent.membership).get(reverse("www:home")).text
    assert "<b>Inès</b>" not in page
    assert "&lt;b&gt;Inès&lt;/b&gt;" in page
    assert f'href="/jeunes/{young.pk}/#diagnostic"' in page
    assert f'href="{reverse("followup:page", args=[young.pk])}#plan"' in page
    assert "/static/css/followup.css" in page


def test_nothing_late_says_so(login, referent):
    page = login(referent.membership).get(reverse("www:home")).text
    assert "Rien en retard" in page


def test_partners_see_no_alerts(login, member, structure):
    page = login(member(Role.PARTNER, structure)).get(reverse("www:home")).text
    assert "Alertes sur" not in page


def test_the_home_query_count_does_not_grow(
    login, referent, programme, structure, django_assert_num_queries
):
    client = login(referent.membership)
    mine(referent, programme, structure, 2)
    with django_assert_num_queries(40, exact=False) as first:
        client.get(reverse("www:home"))
    mine(referent, programme, structure, 4)
    with django_assert_num_queries(len(first.captured_queries)):
        client.get(reverse("www:home"))
