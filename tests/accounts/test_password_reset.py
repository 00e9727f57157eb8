import datetime
import re

import time_machine
from django.test import Client
from django.urls import reverse

from tests.factories.accounts import UserFactory

T0 = datetime.datetime(2026, 11, 2, 8, 0, tzinfo=datetime.UTC)


def test_password_reset_sends_a_french_email_and_the_link_works(client, mailoutbox):
    user = UserFactory()
    response = client.post(reverse("accounts:password_reset"), {"email": user.email})
    assert response.status_code == 302
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert "nouveau mot de passe" in message.subject
    link = re.search(r"http://testserver(/\S+)", message.body)
    assert link is not None
    form_page = client.get(link.group(1), follow=True)
    assert "Nouveau mot de passe" in form_page.text
    new = "une phrase de passe toute neuve"
    done = client.post(
        form_page.redirect_chain[-1][0], {"new_password1": new, "new_password2": new}
    )
    assert done.status_code == 302
    user.refresh_from_db()
    assert user.check_password(new)


def test_an_unknown_email_reveals_nothing(client, mailoutbox):
    response = client.post(reverse("accounts:password_reset"), {"email": "personne@exemple.fr"})
    assert response.status_code == 302
    assert mailoutbox == []


def test_twenty_resets_in_a_row_send_at_most_three_emails(client, mailoutbox):
    user = UserFactory()
    answers = [
        client.post(reverse("accounts:password_reset"), {"email": user.email}) for _ in range(20)
    ]
    assert len(mailoutbox) == 3
    # Every answer is the same: nothing tells that the limit, or the account, was reached.
    assert {(a.status_code, a["Location"]) for a in answers} == {
        (302, reverse("accounts:password_reset_done"))
    }


def test_the_account_limit_holds_from_many_addresses(mailoutbox):
    user = UserFactory()
    for i in range(10):
        Client().post(
            reverse("accounts:password_reset"),
            {"email": user.email.upper()},
            REMOTE_ADDR=f"10.0.0.{i}",
        )
    assert len(mailoutbox) == 3


def test_one_address_sends_at_most_ten_resets_an_hour_whatever_the_accounts(mailoutbox):
    users = UserFactory.create_batch(12)
    for user in users:
        response = Client().post(
            reverse("accounts:password_reset"), {"email": user.email}, REMOTE_ADDR="10.0.0.9"
        )
        assert response.status_code == 302
    assert len(mailoutbox) == 10
    Client().post(
        reverse("accounts:password_reset"), {"email": users[-1].email}, REMOTE_ADDR="10.0.0.8"
    )
    assert len(mailoutbox) == 11


def test_the_account_may_ask_again_after_an_hour(client, mailoutbox):
    user = UserFactory()
    with time_machine.travel(T0, tick=False) as traveller:
        for _ in range(5):
            client.post(reverse("accounts:password_reset"), {"email": user.email})
        assert len(mailoutbox) == 3
        traveller.shift(datetime.timedelta(minutes=71))
        client.post(reverse("accounts:password_reset"), {"email": user.email})
    assert len(mailoutbox) == 4
