import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse

from accroche.access.roles import Role
from tests.factories.accounts import PASSWORD, UserFactory


def test_pages_need_a_login(client):
    response = client.get(reverse("www:home"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_the_login_page_is_in_french(client):
    response = client.get(reverse("accounts:login"))
    assert response.status_code == 200
    assert "Connexion" in response.text
    assert "Adresse e-mail" in response.text
    assert 'lang="fr"' in response.text


def test_login_by_email_and_password(client, member, structure):
    membership = member(Role.CASE_WORKER, structure)
    response = client.post(
        reverse("accounts:login"), {"username": membership.user.email, "password": PASSWORD}
    )
    assert response.status_code == 302
    # the password is the first step: the second factor comes next (test_two_factor*.py)
    assert client.get(reverse("www:home")).url.startswith(reverse("accounts:two_factor_enrol"))


def test_a_wrong_password_says_so_in_french(client):
    user = UserFactory()
    response = client.post(
        reverse("accounts:login"), {"username": user.email, "password": "pas le bon mot"}
    )
    assert response.status_code == 200
    assert "Adresse e-mail ou mot de passe incorrect" in response.text
    assert user.email in response.text  # what was typed is kept


def test_passwords_are_hashed_with_argon2():
    assert UserFactory().password.startswith("argon2")


@pytest.mark.parametrize(
    ("weak", "reason"),
    [("court123", "trop court"), ("password1234", "trop courant")],
)
def test_short_and_common_passwords_are_refused_in_french(weak, reason):
    with pytest.raises(ValidationError) as refused:
        validate_password(weak)
    assert any(reason in message for message in refused.value.messages)


def test_a_long_passphrase_is_accepted():
    validate_password("des pommes vertes sous la pluie")


def test_logout_needs_a_post(login, member, structure):
    client = login(member(Role.MEDIATOR, structure))
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert client.get(reverse("www:home")).status_code == 302


def test_authenticated_pages_are_not_cached(login, member, structure):
    client = login(member(Role.MEDIATOR, structure))
    assert client.get(reverse("www:home"))["Cache-Control"] == "no-store"
