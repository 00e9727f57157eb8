import pytest

from accroche.access.roles import Role
from accroche.accounts.models import User
from accroche.organisations.models import Membership
from tests.www.conftest import assert_redirects_to_login

NEW = {"email": "sam@exemple.fr", "first_name": "Sam", "last_name": "Diallo", "role": "mediator"}


def test_it_requires_login(client, structure):
    assert_redirects_to_login(client.get(f"/structures/{structure.pk}/membres/ajouter/"))


def test_adding_a_member_creates_the_user_and_sends_one_email(
    owner, structure, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = owner.post(f"/structures/{structure.pk}/membres/ajouter/", NEW)
    assert response.status_code == 302
    user = User.objects.get(email="sam@exemple.fr")
    assert user.memberships.get().structure == structure
    assert len(mailoutbox) == 1
    assert "http://testserver/compte/mot-de-passe/nouveau/" in mailoutbox[0].body


def test_a_refused_member_keeps_what_was_typed(owner, structure, mailoutbox):
    response = owner.post(f"/structures/{structure.pk}/membres/ajouter/", NEW | {"role": "admin"})
    assert "Sélectionnez un choix valide" in response.text
    assert 'value="sam@exemple.fr"' in response.text
    assert not User.objects.filter(email="sam@exemple.fr").exists()
    assert mailoutbox == []


def test_members_of_another_structure_are_not_found(owner, other_structure):
    url = f"/structures/{other_structure.pk}/membres/ajouter/"
    assert owner.get(url).status_code == 404


def test_an_admin_adds_members_anywhere(login, member, structure, other_structure):
    client = login(member(Role.ADMIN, structure))
    url = f"/structures/{other_structure.pk}/membres/ajouter/"
    assert client.post(url, NEW | {"role": "admin"}).status_code == 302


def test_the_owner_changes_a_role(owner, member, structure):
    membership = member(Role.MEDIATOR, structure)
    url = f"/structures/{structure.pk}/membres/{membership.pk}/"
    assert owner.post(url, {"role": "case_worker"}).status_code == 302
    membership.refresh_from_db()
    assert membership.role == Role.CASE_WORKER


def test_the_owner_deactivates_a_member(owner, member, structure):
    membership = member(Role.MEDIATOR, structure)
    owner.post(f"/structures/{structure.pk}/membres/{membership.pk}/desactiver/")
    assert Membership.objects.get(pk=membership.pk).is_active is False


def test_nobody_deactivates_themselves(login, member, structure):
    membership = member(Role.COORDINATOR, structure)
    url = f"/structures/{structure.pk}/membres/{membership.pk}/desactiver/"
    response = login(membership).post(url, follow=True)
    assert "Vous ne pouvez pas désactiver votre propre rattachement." in response.text
    assert Membership.objects.get(pk=membership.pk).is_active


@pytest.mark.parametrize("action", ["", "desactiver/"])
def test_member_pages_check_ownership(owner, member, other_structure, action):
    membership = member(Role.MEDIATOR, other_structure)
    url = f"/structures/{other_structure.pk}/membres/{membership.pk}/{action}"
    assert owner.post(url).status_code == 404
    assert Membership.objects.get(pk=membership.pk).is_active


def test_the_member_page_renders_cleanly(owner, member, structure):
    membership = member(Role.MEDIATOR, structure)
    response = owner.get(f"/structures/{structure.pk}/membres/{membership.pk}/")
    assert "Désactiver" in response.text
