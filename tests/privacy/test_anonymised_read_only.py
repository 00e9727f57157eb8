"""An anonymised file is read-only. The rule lives in one place (``get_youth(...,
edit=True)``); these tests walk every web page under /jeunes/<pk>/ and every writing API
operation on a file, generated from the URL configuration and /api/openapi.json, so a page
or an endpoint added later is checked without a change here."""

import datetime
from collections.abc import Iterator
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from accroche.access.actor import Actor
from accroche.access.models import AuditEvent
from accroche.access.roles import Role
from accroche.accounts.tokens import do_create_token
from accroche.api.api import api
from accroche.privacy.erasure import do_erase_youth
from accroche.youth.models import Youth
from accroche.youth.relations import youth_relations

MESSAGE = "Cette fiche est anonymisée : elle ne peut plus être modifiée."
# Pages under /jeunes/<pk>/ that only read (a GET view answering a POST as a GET).
READING_PAGES = {
    "youth:detail",
    "youth:timeline",
    "youth:diagnostics",
    "youth:diagnostic",
    "followup:page",
    "followup:summary",
    "followup:receipt_download",
    "territory_help:who_can_help",
    "privacy:youth",
    "privacy:export_pdf",
    "privacy:export_json",
}
WRITES = ("post", "put", "patch", "delete")


def _file_pages() -> Iterator[tuple[str, str]]:
    """(url name, route) of every page whose route starts with jeunes/<int:pk>/."""

    def walk(patterns: list[Any], prefix: str, namespace: str) -> Iterator[tuple[str, str]]:
        for p in patterns:
            if isinstance(p, URLResolver):
                ns = p.namespace or namespace
                yield from walk(p.url_patterns, prefix + str(p.pattern), ns)
            elif isinstance(p, URLPattern) and p.name:
                yield f"{namespace}:{p.name}", prefix + str(p.pattern)

    for name, route in walk(get_resolver().url_patterns, "", ""):
        if route.startswith("jeunes/<int:pk>/"):
            yield name, route


def _url(route: str, pk: int) -> str:
    """The route with the file's id and a plausible value for every other part."""
    url = route.replace("<int:pk>", str(pk))
    for kind, value in (("int", "1"), ("slug", "done")):
        while f"<{kind}:" in url:
            start = url.index(f"<{kind}:")
            url = url[:start] + value + url[url.index(">", start) + 1 :]
    return "/" + url


def snapshot(youth: Youth) -> dict[str, list[dict[str, Any]]]:
    """The file and every row hanging on it (the audit log aside)."""
    rows = {"youth": list(Youth.objects.filter(pk=youth.pk).values())}
    for relation in youth_relations():
        qs = relation.model._default_manager.filter(**{relation.field: youth}).order_by("pk")
        rows[relation.key] = list(qs.values())
    return rows


@pytest.fixture
def api_client() -> Any:
    def make(membership: Any) -> Client:
        _token, secret = do_create_token(membership.user, membership, "tests")
        return Client(headers={"Authorization": f"Bearer {secret}"})

    return make


@pytest.fixture
def anonymised(full_file, member) -> Any:
    coordinator = member(Role.COORDINATOR, full_file.youth.holder_structure)
    do_erase_youth(Actor(coordinator.user, coordinator), full_file.youth, "request")
    full_file.youth.refresh_from_db()
    return full_file.youth, coordinator


def test_every_page_that_changes_a_file_refuses_an_anonymised_one(anonymised, login):
    youth, coordinator = anonymised
    client = login(coordinator)
    before = snapshot(youth)
    pages = dict(_file_pages())
    assert set(pages) >= READING_PAGES, "a reading page was renamed: update READING_PAGES"
    writing = {name: route for name, route in pages.items() if name not in READING_PAGES}
    assert len(writing) >= 25  # forms of the file, its follow-up, its data rights
    answers = {}
    for name, route in writing.items():
        response = client.post(_url(route, youth.pk), {"note": "x", "reason": "x"})
        answers[name] = (response.status_code, MESSAGE in response.text)
    assert {name for name, answer in answers.items() if answer != (409, True)} == set()
    assert snapshot(youth) == before


def test_the_file_page_offers_no_change_once_anonymised(anonymised, login):
    youth, coordinator = anonymised
    response = login(coordinator).get(reverse("youth:detail", args=[youth.pk]))
    assert response.status_code == 200
    assert reverse("youth:edit", args=[youth.pk]) not in response.text
    assert reverse("youth:consent_create", args=[youth.pk]) not in response.text


def _example(schema: dict[str, Any], components: dict[str, Any]) -> Any:
    """The smallest value the schema accepts (required fields only)."""
    if "$ref" in schema:
        return _example(components[schema["$ref"].rsplit("/", 1)[1]], components)
    for key in ("anyOf", "oneOf", "allOf"):
        if key in schema:
            return _example(schema[key][0], components)
    if "enum" in schema:
        return schema["enum"][0]
    if "const" in schema:
        return schema["const"]
    if "default" in schema:
        return schema["default"]
    kind = schema.get("type")
    if kind == "object":
        return {
            name: _example(schema["properties"][name], components)
            for name in schema.get("required", [])
        }
    if kind == "array":
        return []
    if kind == "integer":
        return max(1, schema.get("minimum", 1))
    if kind == "number":
        return 1
    if kind == "boolean":
        return False
    if schema.get("format") == "date":
        return datetime.date(2026, 1, 5).isoformat()
    if schema.get("format") == "date-time":
        return "2026-01-05T10:00:00+01:00"
    return "x" * max(1, schema.get("minLength", 1))


def _writing_operations() -> Iterator[tuple[str, str, dict[str, Any]]]:
    spec = api.get_openapi_schema()
    for path, operations in spec["paths"].items():
        if "{youth_id}" in path:
            for method, operation in operations.items():
                if method in WRITES:
                    yield method, path, operation


def test_every_api_operation_that_changes_a_file_refuses_an_anonymised_one(anonymised, api_client):
    youth, coordinator = anonymised
    client = api_client(coordinator)
    components = api.get_openapi_schema()["components"]["schemas"]
    before = snapshot(youth)
    operations = list(_writing_operations())
    assert len(operations) >= 20
    answers = {}
    for method, path, operation in operations:
        url = path
        for parameter in operation.get("parameters", []):
            if parameter["in"] == "path":
                value = (
                    youth.pk
                    if parameter["name"] == "youth_id"
                    else _example(parameter["schema"], components)
                )
                url = url.replace("{" + parameter["name"] + "}", str(value))
        content = operation.get("requestBody", {}).get("content", {})
        if "multipart/form-data" in content:
            upload = SimpleUploadedFile("r.pdf", b"%PDF-1.4\n", content_type="application/pdf")
            response = getattr(client, method)(url, {"receipt": upload})
        else:
            schema = content.get("application/json", {}).get("schema", {"type": "object"})
            body = _example(schema, components)
            response = getattr(client, method)(url, body, content_type="application/json")
        answers[f"{method.upper()} {path}"] = (response.status_code, response.json())
    refused = {key: answer for key, answer in answers.items() if answer[0] != 409}
    assert refused == {}
    assert {a[1]["detail"] for a in answers.values()} == {MESSAGE}
    assert snapshot(youth) == before


def test_a_refused_change_reads_nothing_into_the_audit_log(anonymised, api_client):
    youth, coordinator = anonymised
    reads = AuditEvent.objects.filter(object_type="youth", object_id=youth.pk, action="read")
    before = reads.count()
    response = api_client(coordinator).patch(
        f"/api/youth/{youth.pk}", {"nickname": "Zed"}, content_type="application/json"
    )
    assert response.status_code == 409
    assert reads.count() == before
