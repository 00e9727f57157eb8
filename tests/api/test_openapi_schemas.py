"""Each request and response body of the API is documented by its own schema: two schema
classes of the same name in different modules would share one entry of the OpenAPI
description, and one of the two operations would be documented with the other's body."""

import collections

import ninja
from django.test import Client
from django.urls import reverse


def _subclasses(cls: type) -> list[type]:
    found = []
    for sub in cls.__subclasses__():
        found += [sub, *_subclasses(sub)]
    return found


def test_schema_names_are_unique():
    reverse("api:openapi-json")  # imports every API module
    modules = collections.defaultdict(set)
    for schema in _subclasses(ninja.Schema):
        if schema.__module__.startswith("accroche."):
            modules[schema.__name__].add(schema.__module__)
    assert len(modules) > 50
    assert {name: where for name, where in modules.items() if len(where) > 1} == {}


def _body_fields(spec: dict, path: str, method: str) -> set[str]:
    ref = spec["paths"][path][method]["requestBody"]["content"]["application/json"]["schema"]
    name = ref["$ref"].rsplit("/", 1)[1]
    return set(spec["components"]["schemas"][name]["properties"])


def test_outreach_sessions_and_workshop_sessions_have_their_own_bodies():
    spec = Client().get(reverse("api:openapi-json")).json()
    assert "modality" in _body_fields(spec, "/api/outreach/sessions", "post")
    workshop = "/api/followup/workshops/{workshop_id}/sessions"
    assert "starts_at" in _body_fields(spec, workshop, "post")
    assert "modality" not in _body_fields(spec, workshop, "post")
