"""Bad input gets a French 4xx on every operation, by one rule (accroche/api/inputs.py):
the cases are generated from the API's own OpenAPI document, so a new endpoint is covered
the day it is added. Each sends one bad value (a NUL byte in every text parameter or field,
10^20 in every integer, 1e-198 and 1e30 in every number, a body that is not an object)
and expects the refusal to name that field."""

import json
import re
from typing import Any
from unittest import mock

import pytest
from django.db import DataError, IntegrityError

from accroche.access.roles import Role
from accroche.api.api import api

SCHEMA = api.get_openapi_schema()
COMPONENTS = SCHEMA["components"]["schemas"]
OPERATIONS = [
    (method.upper(), path, operation)
    for path, operations in SCHEMA["paths"].items()
    for method, operation in operations.items()
]


def _resolve(schema: dict[str, Any]) -> dict[str, Any]:
    if "$ref" in schema:
        return COMPONENTS[schema["$ref"].rsplit("/", 1)[1]]
    return schema


def _types(schema: dict[str, Any]) -> set[str]:
    schema = _resolve(schema)
    found = {schema["type"]} if "type" in schema else set()
    for option in schema.get("anyOf", []) + schema.get("allOf", []):
        found |= _types(option)
    return found


def _url(path: str, operation: dict[str, Any]) -> str:
    def value(match: re.Match[str]) -> str:
        param = next(p for p in operation["parameters"] if p["name"] == match[1])
        return str(_resolve(param["schema"]).get("enum", [1])[0])

    return re.sub(r"\{(\w+)\}", value, path)


def _body_schema(operation: dict[str, Any]) -> dict[str, Any] | None:
    content = operation.get("requestBody", {}).get("content", {})
    if "application/json" not in content:
        return None
    return _resolve(content["application/json"]["schema"])


def _label(case: tuple[str, str, dict[str, Any]]) -> str:
    return f"{case[0]} {case[1]}"


@pytest.fixture
def client(api_client, member, structure):
    return api_client(member(Role.COORDINATOR, structure))


def _call(client, method: str, url: str, body: Any = None, raw: str | None = None):
    data = raw if raw is not None else (json.dumps(body) if body is not None else None)
    kwargs = {"content_type": "application/json"} if data is not None else {}
    return client.generic(method, url, data or "", **kwargs)


def _refusal(response, field: str, message: str) -> str | None:
    """Why the response is not a 422 naming ``field`` with ``message`` (None when it is)."""
    if response.status_code != 422:
        return f"{response.status_code} {response.content[:200]!r}"
    errors = response.json().get("errors", [])
    if not any(e["field"] == field and message in e["message"] for e in errors):
        return f"422 without « {message} » on {field}: {errors}"
    return None


@pytest.mark.parametrize("case", OPERATIONS, ids=_label)
def test_a_nul_byte_or_a_huge_number_is_refused_by_name(client, case):
    method, path, operation = case
    url = _url(path, operation)
    failures = []
    for param in operation.get("parameters", []):
        if param["in"] != "query":
            continue
        types = _types(param["schema"])
        name = param["name"]
        if "string" in types:
            response = _call(client, method, f"{url}?{name}=a%00b")
            if why := _refusal(response, name, "Caractère nul"):
                failures.append(f"query {name}=NUL: {why}")
        if "integer" in types:  # beyond any row id: refused, or nothing found
            response = _call(client, method, f"{url}?{name}={10**20}")
            if response.status_code >= 500:
                failures.append(f"query {name}=10^20: {response.status_code}")
    schema = _body_schema(operation)
    for name, prop in (schema or {}).get("properties", {}).items():
        types = _types(prop)
        bad: list[tuple[Any, str]] = []
        if "string" in types:
            bad.append(("a\x00b", "Caractère nul"))
        if "integer" in types:
            bad.append((10**20, "Nombre hors des limites"))
        if "number" in types:
            bad.append((1e30, "trop grand" if "string" in types else "au plus"))
            if "string" in types:  # a decimal (pydantic documents number or string)
                bad.append((1e-198, "trop précis"))
        if "array" in types and "string" in _types(_resolve(prop).get("items", {})):
            bad.append((["a\x00b"], "Caractère nul"))
        for value, message in bad:
            response = _call(client, method, url, {name: value})
            field = f"{name}.0" if isinstance(value, list) else name
            if why := _refusal(response, field, message):
                failures.append(f"body {name}={value!r}: {why}")
    assert failures == []


WITH_OBJECT_BODY = [c for c in OPERATIONS if (_body_schema(c[2]) or {}).get("type") == "object"]


@pytest.mark.parametrize("case", WITH_OBJECT_BODY, ids=_label)
def test_a_body_that_is_not_a_json_object_is_refused(client, case):
    method, path, operation = case
    url = _url(path, operation)
    failures = []
    for raw in ("[]", "1", '"x"', "null", "[{}]"):
        response = _call(client, method, url, raw=raw)
        if why := _refusal(response, "__all__", "Objet JSON attendu"):
            failures.append(f"{raw}: {why}")
    response = _call(client, method, url, raw="{nope")
    if response.status_code != 400 or "JSON valide" not in response.json()["detail"]:
        failures.append(f"{{nope: {response.status_code} {response.content[:200]!r}")
    assert failures == []


def test_a_query_parameter_without_a_name_is_refused(client):
    # found by schemathesis: "?=true" was read as no parameter at all
    response = client.get("/api/outreach/sessions?=true")
    assert _refusal(response, "__all__", "Paramètre sans nom") is None


LISTS = [c for c in OPERATIONS if any(p["name"] == "offset" for p in c[2].get("parameters", []))]


def test_every_list_is_paginated():
    assert len(LISTS) >= 6


@pytest.mark.parametrize("case", LISTS, ids=_label)
def test_pagination_out_of_bounds_is_refused(client, case):
    _method, path, _operation = case
    for query, field in (("offset=-1", "offset"), ("limit=0", "limit"), ("limit=201", "limit")):
        response = client.get(f"{path}?{query}")
        assert _refusal(response, field, "La valeur doit être") is None, query
    assert client.get(f"{path}?offset=1000000&limit=200").status_code == 200


@pytest.mark.parametrize("error", [DataError, IntegrityError])
def test_what_a_column_still_refuses_is_a_french_422(client, error):
    # e.g. a number for a smallint column that no schema bounds: the database has the last
    # word, and its refusal is the client's data, not a crash
    with mock.patch("accroche.api.youth.do_create_youth", side_effect=error("out of range")):
        response = client.post(
            "/api/youth", {"first_name": "Lina"}, content_type="application/json"
        )
    assert response.status_code == 422
    assert "hors des limites" in response.json()["detail"]
