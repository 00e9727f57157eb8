import re

from django.urls import reverse

from tests.factories.accounts import UserFactory


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
