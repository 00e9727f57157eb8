"""Property-based run of the whole API from its own /api/openapi.json (schemathesis):
every operation, valid and invalid inputs, as a coordinator with a read-and-write token on
a small demo-like structure. No answer may be a server error, accept invalid data, give a
status code the document does not describe, or break the documented schema.

Bounded (a fixed number of examples per operation, fixed seed) so that it stays under
3 minutes per database. The figures of each run are written to bench/results/."""

import json
import os
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
import schemathesis
from django.conf import settings as django_settings
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections, connection
from hypothesis import HealthCheck, given, seed, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.core.failures import Failure, FailureGroup
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_schema_conformance,
    status_code_conformance,
)

from accroche.access.roles import Role
from accroche.accounts.models import ApiToken
from accroche.accounts.tokens import do_create_token
from tests.factories.organisations import ProgrammeFactory
from tests.factories.youth import YouthFactory

# Examples per operation and mode: a few, plus one per parameter or body field so that each
# is varied; API_FUZZ_SCALE=4 for a longer local hunt.
SCALE = int(os.environ.get("API_FUZZ_SCALE", "1"))
MODES = (GenerationMode.POSITIVE, GenerationMode.NEGATIVE)
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    negative_data_rejection,
]
RESULTS = Path(django_settings.BASE_DIR) / "bench" / "results"


@pytest.fixture
def token(member, structure, settings) -> Iterator[str]:
    settings.ALLOWED_HOSTS = ["*"]
    settings.API_RATE_USER = settings.API_RATE_ANON = "100000/h"  # the run would hit them
    membership = member(Role.COORDINATOR, structure)
    ProgrammeFactory(lead_structure=structure)
    for _ in range(3):
        YouthFactory(holder_structure=structure)
    _token, secret = do_create_token(membership.user, membership, "fuzz", ApiToken.Scope.WRITE)
    # Requests go through the WSGI handler, whose end-of-request signal would close the
    # connection holding the test's transaction (PostgreSQL); Django's test Client also
    # disconnects it.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield secret
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def _examples(operation) -> int:
    raw = operation.definition.raw
    inputs = len(raw.get("parameters", []))
    body = raw.get("requestBody", {}).get("content", {}).get("application/json", {})
    ref = body.get("schema", {}).get("$ref", "")
    if ref:
        inputs += len(
            operation.schema.raw_schema["components"]["schemas"][ref.rsplit("/")[-1]].get(
                "properties", {}
            )
        )
    return min(6 + 2 * inputs, 40) * SCALE


def _failures_of(exc: BaseException) -> list[Failure]:
    if isinstance(exc, FailureGroup):
        return [f for e in exc.exceptions for f in _failures_of(e)]
    return [exc] if isinstance(exc, Failure) else []


def test_the_api_keeps_to_its_schema_whatever_it_is_sent(token):
    app = get_wsgi_application()
    schema = schemathesis.openapi.from_wsgi("/api/openapi.json", app)
    headers = {"Authorization": f"Bearer {token}"}
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) > 20
    cases: Counter[str] = Counter()
    failures: Counter[str] = Counter()
    examples: dict[str, str] = {}
    for operation in operations:
        count = _examples(operation)
        for mode in MODES:

            @seed(2026)
            @settings(
                max_examples=count,
                deadline=None,
                database=None,
                suppress_health_check=list(HealthCheck),
            )
            @given(case=operation.as_strategy(generation_mode=mode))
            def run(case) -> None:
                cases[case.meta.generation.mode.value] += 1
                # A negative case may drop the required Authorization header: sending the
                # token anyway would make its invalid request valid.
                dropped = case.meta.generation.mode.is_negative and not any(
                    k.lower() == "authorization" for k in case.headers or {}
                )
                response = case.call(headers=None if dropped else headers)
                try:
                    case.validate_response(response, checks=CHECKS)
                except (Failure, FailureGroup) as exc:  # tally every case, not the first
                    for failure in _failures_of(exc):
                        key = f"{type(failure).__name__}: {case.operation.label}"
                        failures[key] += 1
                        examples.setdefault(key, f"{failure}\n{case.as_curl_command()}"[:1500])

            run()
    kinds = Counter(key.split(":")[0] for key in failures.elements())
    figures = {
        "database": connection.vendor,
        "operations": len(operations),
        "cases": dict(cases),
        "server_errors": kinds["ServerError"],
        "undocumented_status_codes": kinds["UndefinedStatusCode"],
        "schema_violations": kinds["JsonSchemaError"] + kinds["UndefinedContentType"],
        "accepted_invalid_requests": kinds["AcceptedNegativeData"],
        "failures": dict(failures),
    }
    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / f"api-fuzz-{connection.vendor}.json"
    out.write_text(json.dumps(figures, indent=2, ensure_ascii=False) + "\n")
    assert failures == {}, "\n\n".join(examples.values())


def test_an_id_too_large_for_the_database_is_refused_or_not_found(api_client, member, structure):
    # found by the run above: SQLite raised OverflowError (a 500) on such ids. In a body the
    # parser refuses it by name (api/inputs.py); in the path it designates nothing.
    client = api_client(member(Role.COORDINATOR, structure))
    response = client.post(
        "/api/linkage/merges", {"keep": 10**20, "absorb": 1}, content_type="application/json"
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "keep"
    assert client.get(f"/api/youth/{10**20}").status_code == 404
