import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from accroche.access.models import AuditEvent
from accroche.access.roles import Role
from accroche.outreach.models import Referral
from tests.factories.organisations import ParticipationFactory
from tests.factories.outreach import ReferralFactory


@pytest.fixture
def client(login, member, structure, programme):
    return login(member(Role.MEDIATOR, structure))


def test_the_list_flags_late_referrals_in_words(client, programme):
    ReferralFactory(programme=programme, name="Nathan")
    ReferralFactory(
        programme=programme, name="Lenny", due_at=timezone.now() - datetime.timedelta(hours=5)
    )
    page = client.get(reverse("outreach:referrals")).text
    assert page.count("En retard") == 2  # the tab and the one late referral
    assert "réponse attendue depuis" in page


def test_the_late_filter(client, programme):
    ReferralFactory(programme=programme, name="Nathan")
    ReferralFactory(
        programme=programme, name="Lenny", due_at=timezone.now() - datetime.timedelta(hours=5)
    )
    page = client.get(reverse("outreach:referrals"), {"etat": "retard"}).text
    assert "Lenny" in page
    assert "Nathan" not in page


def test_list_query_count_does_not_grow(client, programme, django_assert_num_queries):
    ReferralFactory.create_batch(3, programme=programme)
    with django_assert_num_queries(20, exact=False) as first:
        client.get(reverse("outreach:referrals"))
    ReferralFactory.create_batch(6, programme=programme)
    with django_assert_num_queries(len(first.captured_queries)):
        client.get(reverse("outreach:referrals"))


def test_detail_query_count_is_constant(client, programme, django_assert_num_queries):
    referral = ReferralFactory(programme=programme)
    with django_assert_num_queries(20, exact=False) as first:
        client.get(reverse("outreach:referral", args=[referral.pk]))
    referral.routed_to.add(*[ParticipationFactory(programme=programme).structure for _ in "abc"])
    with django_assert_num_queries(len(first.captured_queries)):
        client.get(reverse("outreach:referral", args=[referral.pk]))


def test_detail_is_logged(client, programme):
    referral = ReferralFactory(programme=programme, name="Chaïma")
    page = client.get(reverse("outreach:referral", args=[referral.pk])).text
    assert "Chaïma" in page
    assert "Je le prends en charge" in page
    assert AuditEvent.objects.filter(action="read", object_type="referral", object_id=referral.pk)


def test_take_then_contact_then_close_from_the_page(client, programme, structure):
    referral = ReferralFactory(programme=programme)
    client.post(reverse("outreach:referral_take", args=[referral.pk]))
    client.post(reverse("outreach:referral_contact", args=[referral.pk]), {"create_youth": "1"})
    response = client.post(
        reverse("outreach:referral_close", args=[referral.pk]), {"close_reason": "followed"}
    )
    assert response.status_code == 302
    referral.refresh_from_db()
    assert (referral.state, referral.taken_by_structure) == ("closed", structure)
    assert referral.youth is not None


def test_closing_without_a_reason_says_so(client, programme):
    referral = ReferralFactory(programme=programme)
    response = client.post(reverse("outreach:referral_close", args=[referral.pk]), {})
    assert response.status_code == 400
    assert "Ce champ est obligatoire." in response.text
    referral.refresh_from_db()
    assert referral.state == "new"


def test_a_referral_not_routed_to_the_structure_is_a_404(login, member, other_structure, programme):
    referral = ReferralFactory(programme=programme)
    client = login(member(Role.CASE_WORKER, other_structure))
    assert client.get(reverse("outreach:referral", args=[referral.pk])).status_code == 404
    assert client.post(reverse("outreach:referral_take", args=[referral.pk])).status_code == 404
    assert Referral.objects.get().state == "new"


def test_a_partner_creates_a_referral_and_sees_its_status_only(
    login, member, programme, commune, other_structure
):
    ParticipationFactory(programme=programme, structure=other_structure, kind="upstream")
    client = login(member(Role.PARTNER, other_structure))
    form = client.get(reverse("outreach:referral_create")).context["form"]
    response = client.post(
        reverse("outreach:referral_create"),
        {"programme": programme.pk, "name": "Ryan", "phone": "06 98 76 54 32",
         "commune": "Rouen", "need": "cherche un apprentissage",
         "idempotency_key": form["idempotency_key"].value()},
    )  # fmt: skip
    assert response.url == reverse("outreach:referrals_sent")
    page = client.get(response.url).text
    assert "Ryan" in page
    assert "Nouveau" in page
    assert "06 98 76 54 32" not in page
    assert "apprentissage" not in page
    referral = Referral.objects.get()
    assert client.get(reverse("outreach:referral", args=[referral.pk])).status_code == 404


def test_a_bad_phone_keeps_the_form(client, programme):
    response = client.post(
        reverse("outreach:referral_create"),
        {"programme": programme.pk, "source": "family", "name": "Ryan", "phone": "12345",
         "commune": "Rouen", "sender_name": "sa tante"},
    )  # fmt: skip
    assert "Ce numéro de téléphone n&#x27;est pas valide" in response.text
    assert 'value="sa tante"' in response.text
    assert not Referral.objects.exists()


@pytest.mark.parametrize("role", [Role.EVALUATOR, Role.ADMIN])
def test_roles_without_referrals_get_a_404(login, member, structure, programme, role):
    client = login(member(role, structure))
    for name in ("outreach:referrals", "outreach:referral_create", "outreach:referrals_sent"):
        assert client.get(reverse(name)).status_code == 404


def test_a_waiting_referral_says_how_long_is_left(client, programme):
    ReferralFactory(programme=programme, due_at=timezone.now() + datetime.timedelta(hours=30))
    page = client.get(reverse("outreach:referrals")).text
    assert "à traiter dans 1\xa0jour, 5\xa0heures" in page
