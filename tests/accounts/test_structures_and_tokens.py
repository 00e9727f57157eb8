from django.urls import reverse

from accroche.access.roles import Role
from accroche.accounts.models import ApiToken
from accroche.organisations.models import Membership
from tests.factories.organisations import MembershipFactory


def test_a_person_chooses_their_current_structure(login, member, structure, other_structure):
    first = member(Role.CASE_WORKER, structure)
    second = MembershipFactory(user=first.user, structure=other_structure, role=Role.COORDINATOR)
    client = login(first)
    assert "Prévention Seine" in client.get(reverse("www:home")).text
    client.post(reverse("accounts:switch_structure"), {"membership": second.pk})
    page = client.get(reverse("www:home")).text
    assert "Centre social des Hauts" in page
    assert "Coordinateur" in page


def test_one_cannot_switch_to_a_structure_one_does_not_belong_to(login, member, structure):
    mine = member(Role.CASE_WORKER, structure)
    theirs = member(Role.COORDINATOR)
    client = login(mine)
    response = client.post(reverse("accounts:switch_structure"), {"membership": theirs.pk})
    assert "Choisissez une de vos structures" in response.text
    assert client.session.get("accroche_membership_id") == mine.pk


def test_an_inactive_membership_is_not_a_current_structure(login, member, structure):
    membership = member(Role.CASE_WORKER, structure)
    client = login(membership)
    Membership.objects.filter(pk=membership.pk).update(is_active=False)
    assert "aucune structure active" in client.get(reverse("www:home")).text


def test_a_token_is_shown_once_and_stored_hashed(login, member, structure):
    membership = member(Role.CASE_WORKER, structure)
    client = login(membership)
    response = client.post(
        reverse("accounts:tokens"), {"name": "tableur", "membership": membership.pk}
    )
    token = ApiToken.objects.get()
    secret = response.context["secret"]
    assert secret.startswith("acc_")
    assert secret in response.text
    assert secret not in token.key_hash
    assert secret not in client.get(reverse("accounts:tokens")).text


def test_a_token_cannot_be_bound_to_someone_elses_membership(login, member, structure):
    client = login(member(Role.CASE_WORKER, structure))
    other = member(Role.COORDINATOR, structure)
    client.post(reverse("accounts:tokens"), {"name": "x", "membership": other.pk})
    assert not ApiToken.objects.exists()


def test_revoking_someone_elses_token_does_nothing(login, member, structure):
    from accroche.accounts.tokens import do_create_token

    owner = member(Role.CASE_WORKER, structure)
    token, _secret = do_create_token(owner.user, owner, "t")
    client = login(member(Role.CASE_WORKER, structure))
    client.post(reverse("accounts:revoke_token", args=[token.pk]))
    token.refresh_from_db()
    assert token.revoked_at is None
