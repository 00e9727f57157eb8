import datetime

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accroche.access.roles import Role
from accroche.accounts.two_factor import TWO_FACTOR_ROLES, do_new_recovery_codes
from tests.factories.accounts import PASSWORD, current_code, totp_device

T0 = datetime.datetime(2026, 11, 2, 8, 0, tzinfo=datetime.UTC)
HOME = reverse("www:home")
VERIFY = reverse("accounts:two_factor_verify")
ENROL = reverse("accounts:two_factor_enrol")


def password(client, user, next_url=""):
    url = reverse("accounts:login") + (f"?next={next_url}" if next_url else "")
    return client.post(url, {"username": user.email, "password": PASSWORD, "next": next_url})


def code(client, value, next_url=""):
    return client.post(VERIFY, {"code": value, "next": next_url})


def test_a_worker_without_a_device_reaches_only_the_enrolment(client, member, structure):
    user = member(Role.CASE_WORKER, structure).user
    password(client, user)
    for url in (HOME, reverse("youth:list"), reverse("accounts:tokens")):
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(ENROL)
    # public pages stay public (here: an unknown programme's contact page)
    assert client.get(reverse("public:self_referral", args=["inconnu"])).status_code == 404


def test_enrolment_shows_a_qr_code_and_the_key_then_ten_recovery_codes(client, member, structure):
    user = member(Role.MEDIATOR, structure).user
    password(client, user)
    page = client.get(ENROL)
    assert "<svg" in page.text
    assert "Activer la double authentification" in page.text
    assert page.context["key"] in page.text
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    assert client.get(ENROL).context["key"] == page.context["key"]  # a reload keeps the key
    done = client.post(ENROL, {"code": current_code(device)})
    assert len(done.context["codes"]) == 10
    assert all(c in done.text for c in done.context["codes"])
    assert "Imprimer" in done.text
    device.refresh_from_db()
    assert device.confirmed
    assert client.get(HOME).status_code == 200


def test_a_wrong_code_at_enrolment_is_refused_in_french(client, member, structure):
    user = member(Role.MEDIATOR, structure).user
    password(client, user)
    client.get(ENROL)
    response = client.post(ENROL, {"code": "000000"})
    assert "Ce code ne correspond pas" in response.text
    assert not TOTPDevice.objects.filter(user=user, confirmed=True).exists()
    assert client.get(HOME).url.startswith(ENROL)


def test_a_user_with_a_device_types_a_code_and_goes_where_they_wanted(client, member, structure):
    user = member(Role.COORDINATOR, structure).user
    device = totp_device(user)
    wanted = reverse("youth:list")
    password(client, user, next_url=wanted)
    asked = client.get(wanted)
    assert asked.url.startswith(VERIFY)
    assert "Code de connexion" in client.get(asked.url).text
    assert code(client, current_code(device), next_url=wanted).url == wanted
    assert client.get(wanted).status_code == 200


def test_the_session_key_changes_when_the_code_is_right(client, member, structure):
    user = member(Role.COORDINATOR, structure).user
    device = totp_device(user)
    password(client, user)
    before = client.session.session_key
    assert code(client, current_code(device)).status_code == 302
    after = client.session.session_key
    assert after != before
    # The key known before the code opens nothing.
    stolen = Client()
    stolen.cookies["sessionid"] = before
    assert stolen.get(HOME).url.startswith(reverse("accounts:login"))
    assert client.get(HOME).status_code == 200


def test_the_session_key_changes_at_enrolment(client, member, structure):
    user = member(Role.MEDIATOR, structure).user
    password(client, user)
    client.get(ENROL)
    before = client.session.session_key
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    assert client.post(ENROL, {"code": current_code(device)}).status_code == 200
    assert client.session.session_key != before


def test_a_password_alone_cannot_replace_the_device(client, member, structure):
    user = member(Role.CASE_WORKER, structure).user
    totp_device(user)
    password(client, user)
    assert client.get(ENROL).url == VERIFY
    assert not TOTPDevice.objects.filter(user=user, confirmed=False).exists()


def test_a_code_works_only_once(client, member, structure):
    user = member(Role.CASE_WORKER, structure).user
    device = totp_device(user)
    with time_machine.travel(T0, tick=False):
        password(client, user)
        used = current_code(device)
        assert code(client, used).status_code == 302
        client.post(reverse("accounts:logout"))
        password(client, user)
        assert "Ce code ne convient pas" in code(client, used).text
        assert client.get(HOME).status_code == 302


def test_a_code_from_a_minute_ago_is_refused(client, member, structure):
    user = member(Role.CASE_WORKER, structure).user
    device = totp_device(user)
    old = f"{totp(device.bin_key, t0=-60):06d}"
    password(client, user)
    assert "Ce code ne convient pas" in code(client, old).text


def test_a_recovery_code_works_once_and_says_how_many_are_left(client, member, structure):
    user = member(Role.DPO, structure).user
    totp_device(user)
    recovery = do_new_recovery_codes(user)[0]
    password(client, user)
    response = code(client, recovery.upper())
    assert response.status_code == 302
    assert "Il vous en reste 9" in client.get(HOME).text
    assert not StaticToken.objects.filter(token=recovery).exists()
    client.post(reverse("accounts:logout"))
    password(client, user)
    assert "Ce code ne convient pas" in code(client, recovery).text


def test_new_recovery_codes_replace_the_old_ones(login, member, structure):
    membership = member(Role.COORDINATOR, structure)
    old = do_new_recovery_codes(membership.user)
    client = login(membership)
    response = client.post(reverse("accounts:two_factor_recovery_codes"))
    assert len(response.context["codes"]) == 10
    assert not StaticToken.objects.filter(token__in=old).exists()


def test_after_a_wrong_code_the_next_try_waits(client, member, structure):
    user = member(Role.CASE_WORKER, structure).user
    device = totp_device(user)
    with time_machine.travel(T0, tick=False) as traveller:
        password(client, user)
        code(client, "123456" if current_code(device) != "123456" else "654321")
        refused = code(client, current_code(device))
        assert "Attendez 1 seconde avant de réessayer" in refused.text
        traveller.shift(datetime.timedelta(seconds=1))
        assert code(client, current_code(device)).status_code == 302


def test_wrong_codes_lock_the_account_for_an_hour_with_a_429(client, member, structure):
    user = member(Role.CASE_WORKER, structure).user
    device = totp_device(user)
    with time_machine.travel(T0, tick=False) as traveller:
        password(client, user)
        for _ in range(5):
            wrong = "000000" if current_code(device) != "000000" else "111111"
            last = code(client, wrong)
            # past each exponential back-off (and still within the hour overall)
            traveller.shift(datetime.timedelta(seconds=5 * 60))
        assert last.status_code == 429
        assert "Connexion bloquée" in last.text
        assert client.get(HOME).url.startswith(reverse("accounts:login"))  # logged out
        assert password(client, user).status_code == 429
        traveller.shift(datetime.timedelta(minutes=61))
        assert password(client, user).status_code == 302


def test_a_new_password_login_does_not_reset_the_code_back_off(client, member, structure):
    user = member(Role.CASE_WORKER, structure).user
    device = totp_device(user)
    with time_machine.travel(T0, tick=False) as traveller:
        for _ in range(3):
            password(client, user)
            code(client, "000000" if current_code(device) != "000000" else "111111")
            traveller.shift(datetime.timedelta(seconds=10))
    device.refresh_from_db()
    assert device.throttling_failure_count == 3


def test_two_factor_roles_follow_who_reads_personal_data():
    assert set(Role) - TWO_FACTOR_ROLES == {Role.EVALUATOR}


@pytest.mark.parametrize("role", [Role.EVALUATOR])
def test_an_evaluator_may_work_without_a_device(client, member, structure, role):
    password(client, member(role, structure).user)
    assert client.get(HOME).status_code == 200


@pytest.mark.parametrize("role", [Role.PARTNER, Role.ADMIN, Role.DPO])
def test_partners_admins_and_dpos_need_a_device(client, member, structure, role):
    password(client, member(role, structure).user)
    assert client.get(HOME).url.startswith(ENROL)


def test_the_setting_turns_the_requirement_off(client, member, structure, settings):
    settings.TWO_FACTOR_REQUIRED = False
    password(client, member(Role.CASE_WORKER, structure).user)
    assert client.get(HOME).status_code == 200


def test_the_account_page_offers_new_recovery_codes(login, member, structure):
    client = login(member(Role.CASE_WORKER, structure))
    page = client.get(reverse("accounts:tokens")).text
    assert "Générer de nouveaux codes de secours" in page


def test_the_code_and_enrolment_pages_show_no_menu(client, member, structure):
    enrolled = member(Role.COORDINATOR, structure).user
    totp_device(enrolled)
    password(client, enrolled)
    page = client.get(VERIFY).text
    assert reverse("youth:list") not in page
    assert reverse("accounts:logout") in page  # leaving stays possible

    other = client.__class__()
    password(other, member(Role.CASE_WORKER, structure).user)
    assert reverse("youth:list") not in other.get(ENROL).text
