"""Every page and API operation that names a young person × every role × own / shared /
other structure × sharing consent given / withdrawn: whoever may not see the file gets
exactly what a file that does not exist gives (404, or 405 for a wrong method), never
more. Generated from the URLconf and the OpenAPI document, so a new URL is covered."""

import datetime
import re

import pytest
from django.test import Client

from accroche.access.roles import Role
from accroche.accounts.tokens import do_create_token
from accroche.api.api import api
from accroche.followup.models import Action, Aid, Appointment, HandOff, Immersion, Outcome
from accroche.youth.models import Consent, Diagnostic, Enrolment
from tests.factories.organisations import StructureFactory
from tests.url_routes import routes

FIELD_ROLES = {Role.MEDIATOR, Role.CASE_WORKER, Role.COORDINATOR}
MISSING = 10**9


PAGES = sorted({"/" + r for r in routes() if r.startswith("jeunes/<int:pk>/")})
OPERATIONS = sorted(
    (method.upper(), path)
    for path, item in api.get_openapi_schema()["paths"].items()
    if "{youth_id}" in path
    for method in item
)


def test_the_walk_finds_pages_and_operations():
    assert "/jeunes/<int:pk>/" in PAGES
    assert "/jeunes/<int:pk>/donnees/copie.pdf" in PAGES
    assert ("GET", "/api/youth/{youth_id}") in OPERATIONS
    assert len(PAGES) > 30
    assert len(OPERATIONS) > 30


def _acts(route: str) -> str:
    return "send" if ("relais" in route or "handoffs" in route) else "start"


def concrete(route: str, ids: dict[str, int], youth_id: int) -> str:
    route = re.sub(r"<int:pk>|\{youth_id\}", str(youth_id), route)
    route = re.sub(r"<int:(\w+)_pk>|\{(\w+)_id\}", lambda m: str(ids[m[1] or m[2]]), route)
    route = re.sub(r"<slug:outcome>", "seen", route)
    route = re.sub(r"<slug:act>|\{act\}", _acts(route), route)
    return re.sub(r"<int:milestone>", "1", route)


def file_ids(youth) -> dict[str, int]:
    return {
        name: model.objects.filter(youth=youth).values_list("pk", flat=True).first() or MISSING
        for name, model in (
            ("consent", Consent),
            ("enrolment", Enrolment),
            ("diagnostic", Diagnostic),
            ("action", Action),
            ("appointment", Appointment),
            ("immersion", Immersion),
            ("aid", Aid),
            ("handoff", HandOff),
            ("outcome", Outcome),
        )
    }


def page_calls(client: Client, ids: dict[str, int], youth_id: int) -> dict[str, int]:
    return {
        f"{method} {route}": getattr(client, method)(concrete(route, ids, youth_id)).status_code
        for route in PAGES
        for method in ("get", "post")
    }


def api_calls(client: Client, ids: dict[str, int], youth_id: int) -> dict[str, int]:
    return {
        f"{method} {path}": client.generic(
            method, concrete(path, ids, youth_id), "{}", content_type="application/json"
        ).status_code
        for method, path in OPERATIONS
    }


# What a file that does not exist gives, per role: the same for every test, so asked once.
_MISSING: dict[tuple[str, str], dict[str, int]] = {}


def missing(kind: str, role: str, client: Client, ids: dict[str, int]) -> dict[str, int]:
    if (kind, role) not in _MISSING:
        calls = page_calls if kind == "pages" else api_calls
        _MISSING[kind, role] = calls(client, ids, MISSING)
    return _MISSING[kind, role]


MATRIX = [
    (role, place, consent)
    for role in Role
    for place in ("holder", "shared", "other")
    for consent in ("given", "withdrawn")
]


@pytest.mark.parametrize(("role", "place", "consent"), MATRIX)
def test_no_leak(full_file, member, login, role, place, consent):
    youth = full_file.youth
    if consent == "withdrawn":
        Consent.objects.filter(youth=youth).update(withdrawn_on=datetime.date.today())
    where = {
        "holder": youth.holder_structure,
        "shared": full_file.shared_with,
        "other": StructureFactory(),
    }[place]
    viewer = member(role, where)
    web = login(viewer)
    _token, secret = do_create_token(viewer.user, viewer, "tests")
    token = Client(headers={"Authorization": f"Bearer {secret}"})
    ids = file_ids(youth)
    sees = role in FIELD_ROLES and (place == "holder" or (place == "shared" and consent == "given"))
    if sees:
        assert web.get(f"/jeunes/{youth.pk}/").status_code == 200
        assert token.get(f"/api/youth/{youth.pk}").status_code == 200
        return
    pages = page_calls(web, ids, youth.pk)
    assert pages == missing("pages", role, web, ids)
    assert set(pages.values()) <= {403, 404, 405}
    calls = api_calls(token, ids, youth.pk)
    assert calls == missing("api", role, token, ids)
    assert set(calls.values()) <= {403, 404, 405, 422}
