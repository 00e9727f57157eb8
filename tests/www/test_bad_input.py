"""A NUL byte in a query string or a form value gets a French 400 on every page, before any
view runs (accroche/www/middleware.py): the pages are listed by walking the URL patterns, so
a new page is covered the day it is added."""

import re

import pytest

from accroche.access.roles import Role
from tests.url_routes import routes


def _path(route: str) -> str:
    path = re.sub(r"<int:\w+>", "1", route)
    path = re.sub(r"<(?:str|slug|uuid|path):\w+>|<\w+>", "x", path)
    return "/" + path.lstrip("^").rstrip("$")


PAGES = sorted({_path(r) for r in routes() if not r.startswith(("api/", "^"))})


def test_the_walk_finds_the_pages():
    assert len(PAGES) > 100
    assert "/jeunes/" in PAGES


@pytest.fixture
def client(client, member, structure):
    client.force_login(member(Role.COORDINATOR, structure).user)
    return client


@pytest.mark.parametrize("path", PAGES)
def test_a_nul_byte_is_refused_on_every_page(client, path):
    for response in (
        client.get(path, {"q": "a\x00b"}),
        client.post(path, {"name": "a\x00b"}),
        client.get(path, {"a\x00": "b"}),
    ):
        assert response.status_code == 400, response
        assert "caractère nul" in response.content.decode()
