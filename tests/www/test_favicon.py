"""The favicon: linked from the staff pages and the public ones, and served."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories.organisations import ProgrammeFactory

ICON = re.compile(r'<link rel="icon" href="([^"]+\.svg)" type="image/svg\+xml">')


def _served(client: Client, html: str) -> bytes:
    [href] = ICON.findall(html)
    response = client.get(href)
    assert response.status_code == 200
    return b"".join(response.streaming_content)  # type: ignore[attr-defined]


@pytest.fixture(autouse=True)
def _static_from_the_tree(settings):
    # Production serves collectstatic's copy; tests read the tree (WhiteNoise's finders).
    settings.WHITENOISE_USE_FINDERS = True


@pytest.mark.django_db
def test_the_staff_pages_link_the_favicon_and_it_is_served():
    client = Client()
    body = _served(client, client.get(reverse("accounts:login")).text)
    assert body.startswith(b"<svg")
    assert b"<title>Accroche</title>" in body


@pytest.mark.django_db
def test_the_public_pages_link_it_too():
    programme = ProgrammeFactory()
    client = Client()
    assert _served(client, client.get(reverse("public:self_referral", args=[programme.slug])).text)
