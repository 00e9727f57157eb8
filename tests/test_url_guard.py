"""Every page needs a login unless it is on the short public list; every API operation
needs a token. A new URL that forgets this fails here."""

import re

import pytest

from tests.url_routes import routes

PUBLIC = {
    "/compte/connexion/",
    "/compte/mot-de-passe/oubli/",
    "/compte/mot-de-passe/envoye/",
    "/compte/mot-de-passe/nouveau/x/y/",
    "/compte/mot-de-passe/change/",
    "/api/openapi.json",
    "/api/docs",
    "/p/1/contact/",  # a young person asks to be contacted (outreach)
    "/p/1/contact/merci/",
    "/p/1/qui-contacter/",  # who to contact, per commune (territory)
}
# django-ninja's root route exists only to be reversed; it answers 404 to everybody.
NOT_A_PAGE = {"/api/"}


def _concrete(route: str) -> str:
    route = route.lstrip("^").rstrip("$")
    route = re.sub(r"<int:\w+>", "1", route)
    route = re.sub(r"<(str:|slug:)?\w+>", "x" if "uidb64" in route else "1", route)
    route = route.replace("<token>", "y")
    return "/" + route


ROUTES = sorted({_concrete(r) for r in routes()})


def test_the_walk_finds_the_pages_and_the_api():
    assert "/jeunes/" in ROUTES
    assert "/api/youth" in ROUTES


@pytest.mark.parametrize("url", ROUTES)
def test_anonymous_visitors_get_nothing_but_the_public_pages(client, url):
    if url in PUBLIC | NOT_A_PAGE or url.startswith("/compte/mot-de-passe/nouveau/"):
        return
    for method in ("get", "post"):
        response = getattr(client, method)(url)
        if url.startswith("/api/"):
            assert response.status_code in (401, 405), (method, url)
        else:
            assert response.status_code == 302, (method, url)
            assert response.url.startswith("/compte/connexion/"), (method, url)
