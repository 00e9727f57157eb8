"""An admin (or a coordinator of the user's structure) resets a lost second factor from
the member page: identity check, audited, devices and sessions gone, new enrolment."""

from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from accroche.access.models import AuditEvent
from accroche.access.roles import Role
from accroche.accounts.two_factor import do_new_recovery_codes
from tests.factories.accounts import PASSWORD, totp_device

ENROL = reverse("accounts:two_factor_enrol")


def reset_url(membership):
    return reverse(
        "structures:member_two_factor_reset", args=[membership.structure_id, membership.pk]
    )


def reset(client, membership, **data):
    form = {"password": PASSWORD, "identity_checked": "on", "reason": "lost_phone", **data}
    return client.post(reset_url(membership), form)


def enrolled(membership):
    totp_device(membership.user)
    do_new_recovery_codes(membership.user)
    return membership


def test_an_admin_resets_a_lost_phone_and_the_user_enrols_again(
    login, member, structure, other_structure, mailoutbox, django_capture_on_commit_callbacks
):
    mediator = enrolled(member(Role.MEDIATOR, structure))
    their_phone = login(mediator)
    assert their_phone.get(reverse("www:home")).status_code == 200
    admin = member(Role.ADMIN, other_structure)
    client = login(admin)
    page = client.get(reverse("structures:member", args=[structure.pk, mediator.pk]))
    assert reset_url(mediator) in page.text

    with django_capture_on_commit_callbacks(execute=True):
        response = reset(client, mediator)

    assert response.status_code == 302
    assert "1 session fermée" in str(next(iter(client.get(response.url).context["messages"])))
    assert not TOTPDevice.objects.filter(user=mediator.user).exists()
    assert not StaticDevice.objects.filter(user=mediator.user).exists()
    # the session opened before (the lost phone's) is over
    assert their_phone.get(reverse("www:home")).url.startswith(reverse("accounts:login"))
    event = AuditEvent.objects.get(object_type="two_factor")
    assert (event.user_id, event.object_id, event.action) == (
        admin.user_id,
        mediator.user_id,
        AuditEvent.Action.DELETE,
    )
    assert event.fields == ["identity_checked", "reason=lost_phone"]
    assert [m.to for m in mailoutbox] == [[mediator.user.email]]
    assert "réinitialisé la double authentification" in mailoutbox[0].body
    # next login: password, then a new enrolment (no code asked)
    fresh = Client()
    fresh.post(reverse("accounts:login"), {"username": mediator.user.email, "password": PASSWORD})
    assert fresh.get(reverse("www:home")).url.startswith(ENROL)


def test_a_coordinator_resets_in_their_structure_only(login, member, structure, other_structure):
    coordinator = login(member(Role.COORDINATOR, structure))
    mine = enrolled(member(Role.CASE_WORKER, structure))
    theirs = enrolled(member(Role.CASE_WORKER, other_structure))
    assert reset(coordinator, theirs).status_code == 404
    assert TOTPDevice.objects.filter(user=theirs.user).exists()
    assert reset(coordinator, mine).status_code == 302
    assert not TOTPDevice.objects.filter(user=mine.user).exists()


def test_no_reset_of_an_admin_by_a_coordinator_nor_of_oneself(login, member, structure):
    coordinator = member(Role.COORDINATOR, structure)
    client = login(coordinator)
    admin = enrolled(member(Role.ADMIN, structure))
    for target in (admin, coordinator):
        response = reset(client, target)
        assert response.status_code == 302
        assert response.url == reverse("structures:member", args=[structure.pk, target.pk])
        assert TOTPDevice.objects.filter(user=target.user).exists()
    assert not AuditEvent.objects.filter(object_type="two_factor").exists()


def test_other_roles_cannot_reset(login, member, structure):
    target = enrolled(member(Role.MEDIATOR, structure))
    for role in (Role.CASE_WORKER, Role.MEDIATOR, Role.DPO, Role.PARTNER, Role.EVALUATOR):
        assert reset(login(member(role, structure)), target).status_code == 404
    assert TOTPDevice.objects.filter(user=target.user).exists()


def test_the_identity_check_must_be_complete(login, member, structure, mailoutbox):
    client = login(member(Role.ADMIN, structure))
    target = enrolled(member(Role.MEDIATOR, structure))
    wrong = reset(client, target, password="pas le bon mot de passe")
    assert wrong.status_code == 200
    assert "Ce n&#x27;est pas votre mot de passe." in wrong.text
    unchecked = reset(client, target, identity_checked="")
    assert "Vérifiez d&#x27;abord l&#x27;identité de la personne" in unchecked.text
    no_reason = reset(client, target, reason="")
    assert "Choisissez la raison de la réinitialisation." in no_reason.text
    assert TOTPDevice.objects.filter(user=target.user).exists()
    assert StaticDevice.objects.filter(user=target.user).exists()
    assert not AuditEvent.objects.filter(object_type="two_factor").exists()
    assert mailoutbox == []


def test_five_wrong_passwords_an_hour_then_even_the_right_one_is_refused(login, member, structure):
    client = login(member(Role.ADMIN, structure))
    target = enrolled(member(Role.MEDIATOR, structure))
    for _ in range(5):
        reset(client, target, password="pas le bon mot de passe")
    refused = reset(client, target)
    assert "Trop de mots de passe erronés" in refused.text
    assert TOTPDevice.objects.filter(user=target.user).exists()
