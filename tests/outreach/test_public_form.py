"""The self-referral page: no login, plain French, made for a phone, spam kept out."""

import pytest
from django.test import Client
from django.urls import reverse

from accroche.access.models import AuditEvent
from accroche.outreach.models import Referral


@pytest.fixture
def url(programme) -> str:
    return reverse("public:self_referral", args=[programme.slug])


@pytest.fixture
def anonymous() -> Client:
    return Client()


GOOD = {
    "name": "Sofiane",
    "phone": "06 12 34 56 78",
    "reach_when": "le soir après 18 h",
    "commune": "Rouen",
    "need": "un travail",
}


def _key(anonymous, url) -> str:
    return str(anonymous.get(url).context["form"]["idempotency_key"].value())


def test_it_opens_without_a_login_and_lists_the_communes(anonymous, url):
    page = anonymous.get(url)
    assert page.status_code == 200
    assert "Tu veux qu'on te contacte ?" in page.text
    assert '<option value="Rouen (76)">' in page.text


def test_a_good_request_is_routed_and_thanked(anonymous, url, programme, structure):
    response = anonymous.post(url, GOOD | {"idempotency_key": _key(anonymous, url)})
    assert response.status_code == 302
    referral = Referral.objects.get()
    assert (referral.source, referral.name, referral.phone) == ("self", "Sofiane", "+33612345678")
    assert list(referral.routed_to.all()) == [structure]
    assert AuditEvent.objects.get(object_type="referral").via == "system"
    thanks = anonymous.get(response.url).text
    assert "sous 3 jours" in thanks


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("phone", "06 12 34", "Ce numéro de téléphone n&#x27;est pas valide"),
        ("phone", "abc", "Ce numéro de téléphone n&#x27;est pas valide"),
        ("email", "sofiane@", "Cette adresse e-mail n&#x27;est pas valide"),
        ("commune", "Rouenville", "Commune inconnue"),
    ],
)
def test_bad_input_gets_a_french_message_and_keeps_what_was_typed(
    anonymous, url, field, value, message
):
    response = anonymous.post(url, GOOD | {field: value})
    assert response.status_code == 200
    assert message in response.text
    assert 'value="Sofiane"' in response.text
    assert "le soir après 18 h" in response.text
    assert "un travail" in response.text
    assert f'value="{value}"' in response.text
    assert not Referral.objects.exists()


def test_a_way_to_reach_is_required(anonymous, url):
    response = anonymous.post(url, GOOD | {"phone": ""})
    assert "Laisse au moins un moyen de te joindre" in response.text
    assert not Referral.objects.exists()


@pytest.mark.parametrize(
    ("typed", "kept"),
    [("0612345678", "+33612345678"), ("+33 6 12 34 56 78", "+33612345678"),
     ("07.81.02.03.04", "+33781020304"), ("0033 (0)6 12 34 56 78", "+33612345678"),
     ("+44 20 7946 0958", "+442079460958")],
)  # fmt: skip
def test_french_phone_formats_are_accepted(anonymous, url, typed, kept):
    anonymous.post(url, GOOD | {"phone": typed})
    assert Referral.objects.get().phone == kept


def test_an_email_or_a_social_account_is_enough(anonymous, url):
    anonymous.post(url, GOOD | {"phone": "", "email": "lou@exemple.fr"})
    anonymous.post(url, GOOD | {"phone": "", "social_handle": "@lou76"})
    assert Referral.objects.count() == 2


def test_the_honeypot_keeps_robots_out(anonymous, url):
    response = anonymous.post(url, GOOD | {"website": "http://spam.example"})
    assert response.status_code == 302
    assert not Referral.objects.exists()


def test_more_than_five_an_hour_from_one_address_get_a_429(anonymous, url):
    for _ in range(5):
        assert anonymous.post(url, GOOD).status_code == 302
    response = anonymous.post(url, GOOD)
    assert response.status_code == 429
    assert "réessaie dans une heure" in response.text
    assert Referral.objects.count() == 5


def test_another_address_is_not_limited(anonymous, url):
    for _ in range(6):
        anonymous.post(url, GOOD)
    assert Client(REMOTE_ADDR="10.0.0.9").post(url, GOOD).status_code == 302


def test_submitting_twice_records_once(anonymous, url):
    key = _key(anonymous, url)
    first = anonymous.post(url, GOOD | {"idempotency_key": key})
    second = anonymous.post(url, GOOD | {"idempotency_key": key})
    assert first.url == second.url
    assert Referral.objects.count() == 1


def test_an_unknown_programme_is_a_404(anonymous):
    assert anonymous.get(reverse("public:self_referral", args=["nulle-part"])).status_code == 404


def test_the_page_is_not_cached(anonymous, url):
    assert "no-store" in anonymous.get(url)["Cache-Control"]
