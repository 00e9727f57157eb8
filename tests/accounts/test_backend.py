"""The session's user is read with their active memberships, in one query."""

import pytest
from django.contrib.auth import get_user
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accroche.access.roles import Role
from accroche.accounts.backends import AccountBackend
from accroche.organisations.memberships import active_memberships, user_with_memberships
from tests.factories.accounts import UserFactory
from tests.factories.organisations import MembershipFactory, StructureFactory

pytestmark = pytest.mark.django_db


def test_the_user_comes_with_their_active_memberships_in_one_query(member, other_structure):
    first = member(Role.CASE_WORKER, StructureFactory(name="Zénith"))
    second = MembershipFactory(user=first.user, structure=other_structure, role=Role.COORDINATOR)
    MembershipFactory(user=first.user, is_active=False)
    MembershipFactory(user=first.user, structure=StructureFactory(is_active=False))
    MembershipFactory()  # someone else's
    with CaptureQueriesContext(connection) as queries:
        user = AccountBackend().get_user(first.user.pk)
        memberships = active_memberships(user)
    assert len(queries) == 1
    assert user == first.user
    assert [m.pk for m in memberships] == [second.pk, first.pk]  # by structure name
    assert all(m.user is user for m in memberships)
    assert memberships[0].structure.name == other_structure.name


def test_the_memberships_are_the_same_as_those_queried_alone(member, structure, other_structure):
    first = member(Role.CASE_WORKER, structure)
    MembershipFactory(user=first.user, structure=other_structure)
    MembershipFactory(user=first.user, is_active=False)
    loaded = user_with_memberships(first.user.pk)
    assert loaded is not None
    assert active_memberships(loaded) == active_memberships(first.user)


def test_a_user_without_an_active_membership_is_read_alone():
    staff = UserFactory(is_staff=True)
    MembershipFactory(user=staff, is_active=False)
    assert user_with_memberships(staff.pk) is None
    with CaptureQueriesContext(connection) as queries:
        user = AccountBackend().get_user(staff.pk)
        assert user == staff
        assert active_memberships(user) == []
    # The join that found nothing, the user alone, then their (no) memberships.
    assert len(queries) == 3


def test_an_inactive_or_unknown_user_is_nobody(member, structure):
    membership = member(Role.CASE_WORKER, structure)
    membership.user.is_active = False
    membership.user.save()
    assert AccountBackend().get_user(membership.user.pk) is None
    assert AccountBackend().get_user(10**9) is None


def test_a_session_user_made_inactive_is_logged_out(login, member, structure):
    membership = member(Role.CASE_WORKER, structure)
    client = login(membership)
    assert client.get(reverse("www:home")).status_code == 200
    type(membership.user).objects.filter(pk=membership.user.pk).update(is_active=False)
    response = client.get(reverse("www:home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_a_changed_password_still_ends_other_sessions(login, member, structure):
    membership = member(Role.CASE_WORKER, structure)
    client = login(membership)
    membership.user.set_password("un autre mot de passe 2026")
    membership.user.save()
    request = type("R", (), {"session": client.session})()
    assert not get_user(request).is_authenticated


def test_the_login_form_stores_this_backend(member, structure):
    membership = member(Role.CASE_WORKER, structure)
    membership.user.set_password("mot de passe de test 2026")
    membership.user.save()
    client = Client()
    client.post(
        reverse("accounts:login"),
        {"username": membership.user.email, "password": "mot de passe de test 2026"},
    )
    assert client.session["_auth_user_backend"] == "accroche.accounts.backends.AccountBackend"
