import pytest
from django.core.exceptions import ValidationError
from django.http import Http404

from accroche.access.models import AuditEvent
from accroche.access.roles import Role
from accroche.accounts.models import User
from accroche.organisations.models import Membership
from accroche.organisations.structures import (
    do_add_member,
    do_change_member_role,
    do_deactivate_member,
)
from tests.factories.accounts import UserFactory

NEW = {"email": "Sam.Diallo@Exemple.fr", "first_name": "Sam", "last_name": "Diallo"}


def add(actor, structure, **data):
    return do_add_member(actor, structure, NEW | {"role": Role.MEDIATOR} | data, domain="x.fr")


def test_a_new_person_gets_an_account_and_one_email(
    actor, structure, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        membership = add(actor(Role.COORDINATOR, structure), structure)
    assert membership.user.email == "sam.diallo@exemple.fr"
    assert not membership.user.has_usable_password()
    assert [m.to for m in mailoutbox] == [["sam.diallo@exemple.fr"]]
    assert "https://x.fr/compte/mot-de-passe/nouveau/" in mailoutbox[0].body


def test_a_known_person_is_attached_without_email(
    actor, structure, mailoutbox, django_capture_on_commit_callbacks
):
    user = UserFactory(email="sam.diallo@exemple.fr")
    with django_capture_on_commit_callbacks(execute=True):
        membership = add(actor(Role.COORDINATOR, structure), structure, first_name="")
    assert membership.user == user
    assert mailoutbox == []


def test_adding_is_audited(actor, structure):
    membership = add(actor(Role.COORDINATOR, structure), structure)
    event = AuditEvent.objects.get(object_type="membership")
    assert (event.action, event.object_id) == ("create", membership.pk)


def test_an_active_member_cannot_be_added_twice(actor, structure):
    coordinator = actor(Role.COORDINATOR, structure)
    add(coordinator, structure)
    with pytest.raises(ValidationError) as exc:
        add(coordinator, structure)
    assert exc.value.message_dict == {"email": ["Cette personne fait déjà partie de la structure."]}


def test_adding_a_deactivated_member_reactivates_them(actor, structure):
    coordinator = actor(Role.COORDINATOR, structure)
    membership = add(coordinator, structure)
    do_deactivate_member(coordinator, membership)
    assert add(coordinator, structure, role=Role.CASE_WORKER).is_active


def test_a_coordinator_cannot_make_an_admin(actor, structure):
    with pytest.raises(ValidationError) as exc:
        add(actor(Role.COORDINATOR, structure), structure, role=Role.ADMIN)
    assert "role" in exc.value.message_dict
    assert not User.objects.filter(email="sam.diallo@exemple.fr").exists()


def test_a_coordinator_manages_only_their_own_structure(actor, structure, other_structure):
    with pytest.raises(Http404):
        add(actor(Role.COORDINATOR, structure), other_structure)


def test_an_admin_manages_any_structure(actor, structure, other_structure):
    assert add(actor(Role.ADMIN, structure), other_structure).structure == other_structure


def test_a_case_worker_manages_no_member(actor, structure):
    with pytest.raises(Http404):
        add(actor(Role.CASE_WORKER, structure), structure)


def test_changing_a_role_is_audited(actor, member, structure):
    membership = member(Role.MEDIATOR, structure)
    assert do_change_member_role(actor(Role.COORDINATOR, structure), membership, Role.CASE_WORKER)
    event = AuditEvent.objects.get(object_type="membership")
    assert (event.action, event.fields) == ("update", ["role"])


def test_nobody_deactivates_their_own_membership(actor, structure):
    coordinator = actor(Role.COORDINATOR, structure)
    with pytest.raises(ValidationError) as exc:
        do_deactivate_member(coordinator, coordinator.membership)
    assert exc.value.messages == ["Vous ne pouvez pas désactiver votre propre rattachement."]


def test_deactivation_keeps_the_membership_and_is_audited(actor, member, structure):
    membership = member(Role.MEDIATOR, structure)
    do_deactivate_member(actor(Role.COORDINATOR, structure), membership)
    assert Membership.objects.get(pk=membership.pk).is_active is False
    assert AuditEvent.objects.get(object_type="membership").fields == ["is_active"]


def test_a_coordinator_cannot_deactivate_an_admin(actor, member, structure):
    admin = member(Role.ADMIN, structure)
    with pytest.raises(ValidationError):
        do_deactivate_member(actor(Role.COORDINATOR, structure), admin)
