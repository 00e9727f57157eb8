"""Every page and API operation that takes the id of an object attached to a young person
(aid, consent, hand-off, appointment, attendance, referral, contact, merge…) × every role
× holder / shared / other structure × sharing consent given / withdrawn: whoever may not
see the file gets exactly what a missing id gives (same status, same body), never more.

Everything around the object is made the viewer's own (the young person in the URL is a
file the viewer's structure holds, the workshop is the one it runs, the referral is routed
to it, the reminder is its member's…), so that only the file's visibility stands between
the viewer and the object. Generated from the URLconf and the OpenAPI document: a route
whose id parameter is neither mapped below nor listed as not attached fails here."""

import datetime
import json
import re
from collections.abc import Callable
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Model
from django.test import Client
from django.test.client import MULTIPART_CONTENT
from django.utils import timezone

from accroche.access.actor import Actor
from accroche.access.permissions import Perm
from accroche.access.roles import Role
from accroche.accounts.tokens import do_create_token
from accroche.api.api import api
from accroche.followup.models import (
    Action,
    Aid,
    AidStatus,
    Appointment,
    Attendance,
    HandOff,
    HandOffStatus,
    Immersion,
    Outcome,
    Reminder,
    ReminderKind,
    Workshop,
)
from accroche.linkage.models import Merge
from accroche.outreach.models import Contact, Referral
from accroche.youth.models import Consent, Diagnostic, Enrolment
from tests.factories.followup import BudgetLineFactory
from tests.factories.organisations import ProgrammeFactory, StructureFactory
from tests.factories.youth import YouthFactory
from tests.privacy.test_permission_matrix import OPERATIONS, PAGES
from tests.url_routes import routes

FIELD_ROLES = {Role.MEDIATOR, Role.CASE_WORKER, Role.COORDINATOR}
MISSING = 10**9
PDF = b"%PDF-1.4\n%matrice\n"
PARAM = re.compile(r"<(?:\w+:)?(\w+)>|\{(\w+)\}")

# (route prefix, parameter) -> the kind of object it names; the longest prefix wins.
ATTACHED: dict[tuple[str, str], str] = {
    ("/jeunes/", "pk"): "youth",
    ("", "youth_id"): "youth",
    ("", "aid_pk"): "aid",
    ("", "aid_id"): "aid",
    ("", "consent_pk"): "consent",
    ("", "consent_id"): "consent",
    ("", "enrolment_pk"): "enrolment",
    ("", "enrolment_id"): "enrolment",
    ("/jeunes/", "diagnostic_pk"): "diagnostic",
    ("/api/youth/", "diagnostic_id"): "diagnostic",
    ("", "action_pk"): "action",
    ("", "action_id"): "action",
    ("", "appointment_pk"): "appointment",
    ("", "appointment_id"): "appointment",
    ("", "immersion_pk"): "immersion",
    ("", "immersion_id"): "immersion",
    ("", "handoff_pk"): "handoff",
    ("", "handoff_id"): "handoff",
    ("", "outcome_pk"): "outcome",
    ("", "outcome_id"): "outcome",
    ("", "attendance_pk"): "attendance",
    ("", "attendance_id"): "attendance",
    ("", "reminder_pk"): "reminder",
    ("", "reminder_id"): "reminder",
    ("", "contact_id"): "contact",
    ("", "referral_id"): "referral",
    ("/reperage/signalements/", "pk"): "referral",
    ("", "merge_id"): "merge",
    ("/jeunes/doublons/fusions/", "pk"): "merge",
}

# Ids of objects that belong to no young person. Those that hold young people (a workshop
# session's roster, an outreach session's contacts) filter each row through the access
# layer; the rows that take their own id are in ATTACHED.
NOT_ATTACHED: dict[tuple[str, str], str] = {
    ("/ateliers/", "pk"): "a workshop or one of its sessions",
    ("/api/followup/", "workshop_id"): "a workshop",
    ("/api/followup/", "session_id"): "a workshop session",
    ("/reperage/sorties/", "pk"): "an outreach session (anonymous counts)",
    ("/api/outreach/", "session_id"): "an outreach session (anonymous counts)",
    ("/reperage/lieux/", "pk"): "an outreach place",
    ("/api/outreach/", "place_id"): "an outreach place",
    ("/reperage/dispositifs/", "pk"): "a programme's public flyer",
    ("", "line_pk"): "a budget line",
    ("", "line_id"): "a budget line",
    ("", "token_id"): "an API token of the user",
    ("/dispositifs/", "pk"): "a programme",
    ("", "participation_pk"): "a structure's part in a programme",
    ("", "programme_id"): "a programme",
    ("/projets/", "pk"): "a project, a call for projects, a team or a programme",
    ("", "project_id"): "a project",
    ("", "call_id"): "a call for projects",
    ("", "team_id"): "a team",
    ("/structures/", "pk"): "a structure",
    ("", "membership_pk"): "a member of a structure",
    ("/territoire/", "pk"): "a territorial diagnostic, an area, a service or a programme",
    ("/api/territory/", "diagnostic_id"): "a territorial diagnostic (of an area)",
    ("", "area_id"): "an area",
    ("", "service_id"): "a service of the territory",
    ("/banc/plancher/", "pk"): "the synthetic bench's floor plan",
}

# Parameters that are no id: an action, a step number, a public slug, a report key.
NOT_IDS = {"act", "outcome", "milestone", "slug", "key", "fmt", "uidb64", "token"}


def _lookup(table: dict[tuple[str, str], str], route: str, name: str) -> str | None:
    found = [(len(p), kind) for (p, n), kind in table.items() if n == name and route.startswith(p)]
    return max(found)[1] if found else None


def params(route: str) -> list[str]:
    return [m[1] or m[2] for m in PARAM.finditer(route)]


def kinds(route: str) -> dict[str, str]:
    """The attached objects a route names, by parameter."""
    return {
        name: kind for name in params(route) if (kind := _lookup(ATTACHED, route, name)) is not None
    }


def _attached(route: str) -> bool:
    return any(kind != "youth" for kind in kinds(route).values())


# The Django routes ninja mounts are walked through the OpenAPI document instead.
ALL_PAGES = sorted({"/" + r for r in routes() if not r.startswith("api/")})
ALL_OPERATIONS = sorted(
    (method.upper(), path)
    for path, item in api.get_openapi_schema()["paths"].items()
    for method in item
)
PAGE_ROUTES = [r for r in ALL_PAGES if _attached(r)]
API_ROUTES = [(m, p) for m, p in ALL_OPERATIONS if _attached(p)]


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_every_id_of_every_route_is_classified():
    unknown = [
        (route, name)
        for route in ALL_PAGES + [p for _m, p in ALL_OPERATIONS]
        for name in params(route)
        if name not in NOT_IDS
        and _lookup(ATTACHED, route, name) is None
        and _lookup(NOT_ATTACHED, route, name) is None
    ]
    assert unknown == [], "Map these ids in ATTACHED, or say in NOT_ATTACHED why they are not"


def test_a_route_that_names_only_the_young_person_is_in_the_file_matrix():
    only_youth = [r for r in ALL_PAGES if set(kinds(r).values()) == {"youth"}]
    assert set(only_youth) <= set(PAGES)
    only_youth_ops = [(m, p) for m, p in ALL_OPERATIONS if set(kinds(p).values()) == {"youth"}]
    assert set(only_youth_ops) <= set(OPERATIONS)


def test_the_walk_finds_the_attached_objects():
    assert "/budget/aides/<int:aid_pk>/justificatif/" in PAGE_ROUTES
    assert "/ateliers/seances/<int:pk>/presence/<int:attendance_pk>/" in PAGE_ROUTES
    assert ("GET", "/api/outreach/contacts/{contact_id}") in API_ROUTES
    found = {kind for r in PAGE_ROUTES + [p for _m, p in API_ROUTES] for kind in kinds(r).values()}
    assert found == set(ATTACHED.values())


# --- the objects, made the viewer's own but for the file --------------------------------

MODELS: dict[str, type[Model]] = {
    "consent": Consent,
    "enrolment": Enrolment,
    "diagnostic": Diagnostic,
    "action": Action,
    "appointment": Appointment,
    "immersion": Immersion,
    "aid": Aid,
    "handoff": HandOff,
    "outcome": Outcome,
    "attendance": Attendance,
    "contact": Contact,
    "referral": Referral,
}


def place_objects(file: Any, where: Any, viewer: Any) -> dict[str, int]:
    """The ids of the file's objects, after pointing all but the file at ``where``."""
    youth = file.youth
    ids = {
        kind: model.objects.filter(youth=youth).values_list("pk", flat=True).order_by("pk")[0]
        for kind, model in MODELS.items()
    }
    attendance = Attendance.objects.select_related("session").get(pk=ids["attendance"])
    Workshop.objects.filter(pk=attendance.session.workshop_id).update(
        structure=where, created_by_structure=where
    )
    ids["session"] = attendance.session_id
    Contact.objects.filter(pk=ids["contact"]).update(structure=where)
    Referral.objects.get(pk=ids["referral"]).routed_to.add(where)
    enrolment = Enrolment.objects.get(pk=ids["enrolment"])
    Enrolment.objects.filter(pk=enrolment.pk).update(referent=viewer)
    ids["reminder"] = Reminder.objects.create(
        enrolment=enrolment,
        youth=youth,
        kind=ReminderKind.EXIT_FOLLOWUP_6M,
        due_on=datetime.date.today(),
    ).pk
    # The hand-off is sent to the viewer's structure, the aid charged to a programme it
    # leads: both by design let it answer without the file (EXEMPT below).
    HandOff.objects.filter(pk=ids["handoff"]).update(
        status=HandOffStatus.SENT, sent_on=datetime.date.today(), target_structure=where
    )
    line = BudgetLineFactory(programme=ProgrammeFactory(lead_structure=where))
    Aid.objects.filter(pk=ids["aid"]).update(
        budget_line=line,
        status=AidStatus.PAID,
        receipt=default_storage.save("j.pdf", ContentFile(PDF)),
    )
    ids["merge"] = Merge.objects.create(
        keep=youth,
        absorbed=YouthFactory(holder_structure=where),
        merged_at=timezone.now(),
        merged_by_structure=where,
    ).pk
    ids["youth"] = YouthFactory(holder_structure=where).pk  # a file the viewer holds
    return ids


def _decides_the_aid(actor: Actor) -> bool:
    return actor.can(Perm.MANAGE_PROGRAMMES)


def _receives_the_handoff(actor: Actor) -> bool:
    return actor.can(Perm.RECEIVE_HANDOFFS)


# Where the object itself is meant for a structure that may not see the file: the lead's
# coordinators decide the aid charged to their programme, the structure a hand-off is sent
# to answers it. Each shows no more than the decision needs, the young person's name only
# if the file is shared (tests/privacy/test_aid_receipts.py, followup/handoffs.py). Its
# receipt is no decision: /budget/aides/<id>/justificatif/ is not exempt.
EXEMPT: dict[str, Callable[[Actor], bool]] = {
    "/budget/aides/<int:aid_pk>/<slug:act>/": _decides_the_aid,
    "/api/followup/aids/{aid_id}/{act}": _decides_the_aid,
    "/relais/recus/<int:handoff_pk>/<slug:act>/": _receives_the_handoff,
    "/api/followup/handoffs/received/{handoff_id}/{act}": _receives_the_handoff,
}

ACTS = {
    "/budget/aides/": "approve",
    "/api/followup/aids/": "approve",
    "/relais/recus/": "acknowledge",
    "/api/followup/handoffs/received/": "acknowledge",
    "/jeunes/<int:pk>/relais/": "send",
    "/api/followup/youth/{youth_id}/handoffs/": "send",
    "/jeunes/<int:pk>/plan/": "start",
    "/api/followup/youth/{youth_id}/actions/": "start",
}
CONTEXT = {
    ("/ateliers/seances/", "pk"): "session",
    ("/api/followup/sessions/", "session_id"): "session",
}


def concrete(route: str, ids: dict[str, int], missing: bool) -> str:
    def value(match: re.Match[str]) -> str:
        name = match[1] or match[2]
        kind = _lookup(ATTACHED, route, name) or _lookup(CONTEXT, route, name)
        if kind is not None:
            return str(MISSING if missing and kind not in ("youth", "session") else ids[kind])
        if name == "act":
            return _lookup({(p, "act"): a for p, a in ACTS.items()}, route, "act") or "x"
        return {"outcome": "seen", "milestone": "3"}[name]

    return PARAM.sub(value, route)


def _answer(response: Any) -> tuple[int, str, bytes]:
    # Read to the end, a streamed file closes itself (a response.close() here would close
    # the test's database connection through request_finished).
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return response.status_code, response.get("Location", ""), body


# A valid form for the pages that read one before the object (fields the others ignore).
FORM = {"situation": "ongoing", "status": "present", "reason": "Motif", "note": "Note"}
SCHEMA = api.get_openapi_schema()


def example(schema: dict[str, Any]) -> Any:
    """The least valid value of an OpenAPI schema: the body reaches the view, whose
    lookup of the object is what this test is about (a 422 would stop before it)."""
    if "$ref" in schema:
        return example(SCHEMA["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]])
    if "anyOf" in schema:
        return example(next(s for s in schema["anyOf"] if s.get("type") != "null"))
    if "enum" in schema:
        return schema["enum"][0]
    kind, fmt = schema.get("type"), schema.get("format")
    if kind == "object":
        return {name: example(schema["properties"][name]) for name in schema.get("required", [])}
    if kind == "string" and fmt == "date":
        return datetime.date.today().isoformat()
    if kind == "string" and fmt == "date-time":
        return timezone.now().isoformat()
    return {"string": "x", "integer": 1, "number": 1, "boolean": False, "array": []}.get(kind)


def body(method: str, path: str) -> tuple[Any, str]:
    content = SCHEMA["paths"][path][method.lower()].get("requestBody", {}).get("content", {})
    if "multipart/form-data" in content:
        files = content["multipart/form-data"]["schema"]["properties"]
        return {name: SimpleUploadedFile("j.pdf", PDF) for name in files}, MULTIPART_CONTENT
    if "application/json" in content:
        return json.dumps(example(content["application/json"]["schema"])), "application/json"
    return "{}", "application/json"


BODIES = {(method, path): body(method, path) for method, path in API_ROUTES}


def page_calls(client: Client, ids: dict[str, int], missing: bool) -> dict[str, Any]:
    return {
        f"{method} {route}": _answer(
            getattr(client, method)(concrete(route, ids, missing), FORM if method == "post" else {})
        )
        for route in PAGE_ROUTES
        for method in ("get", "post")
    }


def api_calls(client: Client, ids: dict[str, int], missing: bool) -> dict[str, Any]:
    calls = {}
    for method, path in API_ROUTES:
        data, content_type = BODIES[method, path]
        url = concrete(path, ids, missing)
        if content_type == MULTIPART_CONTENT:
            for upload in data.values():
                upload.seek(0)
            response = client.post(url, data)
        else:
            response = client.generic(method, url, data, content_type)
        calls[f"{method} {path}"] = _answer(response)
    return calls


# What a missing object gives, per role: the same in every test, so asked once.
_MISSING: dict[tuple[str, str], dict[str, Any]] = {}


def missing_calls(kind: str, role: str, client: Client, ids: dict[str, int]) -> dict[str, Any]:
    if (kind, role) not in _MISSING:
        calls = page_calls if kind == "pages" else api_calls
        _MISSING[kind, role] = calls(client, ids, True)
    return _MISSING[kind, role]


def _clients(member, login, role: str, where: Any) -> tuple[Any, Actor, Client, Client]:
    viewer = member(role, where)
    _token, secret = do_create_token(viewer.user, viewer, "tests")
    token = Client(headers={"Authorization": f"Bearer {secret}"})
    return viewer, Actor(user=viewer.user, membership=viewer), login(viewer), token


def test_the_ids_reach_the_objects(full_file, member, login):
    """The holder's coordinator (or, where it is exempt, the structure the object is meant
    for) gets something else than a missing id: the ids are real and the body valid, so
    the matrix compares answers that did look the object up."""
    holder = full_file.youth.holder_structure
    viewer, _actor, web, token = _clients(member, login, Role.COORDINATOR, holder)
    same = []
    for calls, client in ((page_calls, web), (api_calls, token)):
        # Afresh for each side: the pages have closed the reminder, undone the merge…
        ids = place_objects(full_file, holder, viewer) | {"youth": full_file.youth.pk}
        found = calls(client, ids, False)
        missing = calls(client, ids, True)
        routes = {call.split(" ", 1)[1] for call in found}
        same += [
            route
            for route in routes
            if all(found[c] == missing[c] for c in found if c.split(" ", 1)[1] == route)
        ]
    assert sorted(same) == []


def sees_the_file(role: str, place: str, consent: str) -> bool:
    return role in FIELD_ROLES and (place == "holder" or (place, consent) == ("shared", "given"))


# Those who see the file are left out: the other tests say what they may do with it.
MATRIX = [
    (role, place, consent)
    for role in Role
    for place in ("holder", "shared", "other")
    for consent in ("given", "withdrawn")
    if not sees_the_file(role, place, consent)
]


@pytest.mark.parametrize(("role", "place", "consent"), MATRIX)
def test_an_object_of_a_file_not_visible_answers_like_a_missing_one(
    full_file, member, login, role, place, consent
):
    youth = full_file.youth
    if consent == "withdrawn":
        Consent.objects.filter(youth=youth).update(withdrawn_on=datetime.date.today())
    where = {
        "holder": youth.holder_structure,
        "shared": full_file.shared_with,
        "other": StructureFactory(),
    }[place]
    viewer, actor, web, token = _clients(member, login, role, where)
    ids = place_objects(full_file, where, viewer)
    for kind, calls, client in (("pages", page_calls, web), ("api", api_calls, token)):
        found, missing = calls(client, ids, False), missing_calls(kind, role, client, ids)
        checked = {
            call: answer
            for call, answer in found.items()
            if not ((route := call.split(" ", 1)[1]) in EXEMPT and EXEMPT[route](actor))
        }
        leaks = {
            call: (a[:2], missing[call][:2]) for call, a in checked.items() if a != missing[call]
        }
        assert leaks == {}
        odd = {call: a[:2] for call, a in checked.items() if a[0] not in (403, 404, 405, 422)}
        assert odd == {}
