from django.urls import reverse

from accroche.access.roles import Role
from accroche.organisations.models import EligibilityRules


def test_the_flyer_carries_a_qr_code_to_the_public_page(login, member, structure, programme):
    client = login(member(Role.MEDIATOR, structure))
    page = client.get(reverse("outreach:flyer", args=[programme.pk])).text
    assert "<svg" in page
    assert "http://testserver/p/cap-seine/contact/" in page
    assert "Réponse sous 3 jours" in page
    assert "Tu as entre 16 et 25 ans ?" in page


def test_the_qr_code_is_a_png(login, member, structure, programme):
    client = login(member(Role.PARTNER, structure))
    response = client.get(reverse("outreach:qr_png", args=[programme.pk]))
    assert response["Content-Type"] == "image/png"
    assert response.content.startswith(b"\x89PNG")


def test_another_programme_has_no_flyer_for_you(login, member, other_structure, programme):
    client = login(member(Role.MEDIATOR, other_structure))
    assert client.get(reverse("outreach:flyer", args=[programme.pk])).status_code == 404


def test_evaluators_print_no_flyer(login, member, structure, programme):
    client = login(member(Role.EVALUATOR, structure))
    assert client.get(reverse("outreach:qr_png", args=[programme.pk])).status_code == 404


def test_a_programme_without_rules_announces_the_eligibility_check_ages(
    login, member, structure, programme
):
    EligibilityRules.objects.filter(programme=programme).delete()
    client = login(member(Role.MEDIATOR, structure))
    page = client.get(reverse("outreach:flyer", args=[programme.pk])).text
    assert "Tu as entre 16 et 25 ans ?" in page
