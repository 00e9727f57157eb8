"""Property-based run of the whole API from its own /api/openapi.json (schemathesis):
every operation, valid and invalid inputs, as a coordinator with a read-and-write token on
a small demo-like structure. No answer may be a server error or break the documented schema.

Bounded (a few examples per operation, fixed seed) so that it stays well under 2 minutes."""

from collections.abc import Iterator

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given, seed, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from accroche.access.roles import Role
from accroche.accounts.models import ApiToken
from accroche.accounts.tokens import do_create_token
from tests.factories.organisations import ProgrammeFactory
from tests.factories.youth import YouthFactory

EXAMPLES = {GenerationMode.POSITIVE: 5, GenerationMode.NEGATIVE: 3}
CHECKS = [not_a_server_error, response_schema_conformance]


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


def test_the_api_keeps_to_its_schema_whatever_it_is_sent(token):
    app = get_wsgi_application()
    schema = schemathesis.openapi.from_wsgi("/api/openapi.json", app)
    headers = {"Authorization": f"Bearer {token}"}
    failures: list[str] = []
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) > 20
    for operation in operations:
        for mode, examples in EXAMPLES.items():

            @seed(2026)
            @settings(
                max_examples=examples,
                deadline=None,
                database=None,
                suppress_health_check=list(HealthCheck),
            )
            @given(case=operation.as_strategy(generation_mode=mode))
            def run(case) -> None:
                case.call_and_validate(headers=headers, checks=CHECKS)

            try:
                run()
            except (Exception, BaseExceptionGroup) as exc:  # collect every operation's failure
                failures.append(f"{operation.label} [{mode.value}]: {exc}"[:2000])
    assert failures == [], "\n\n".join(failures)


def test_an_id_too_large_for_the_database_is_not_found(api_client, member, structure):
    # found by the run above: SQLite raised OverflowError (a 500) on such ids
    client = api_client(member(Role.COORDINATOR, structure))
    response = client.post(
        "/api/linkage/merges", {"keep": 10**20, "absorb": 1}, content_type="application/json"
    )
    assert response.status_code == 404
    assert client.get(f"/api/youth/{10**20}").status_code == 404
