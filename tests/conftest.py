import datetime
import importlib
import threading
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.core.cache import caches
from django.core.servers.basehttp import ThreadedWSGIServer
from django.db import connection
from django.test import Client
from django.test.testcases import LiveServerThread
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from accroche.access.actor import Actor
from accroche.access.roles import Role
from accroche.accounts.models import User
from accroche.demo.consortium import COMMUNES, build_demo
from accroche.organisations.models import Membership, Structure
from accroche.territory.loaders import DIPLOMA_LEVELS, load_diploma_levels
from accroche.territory.models import Commune
from accroche.www.middleware import SESSION_KEY
from accroche.youth.diagnostics import BARRIER_DOMAINS
from tests.factories.organisations import MembershipFactory, StructureFactory
from tests.factories.territory import CommuneFactory, DiplomaLevelFactory, QpvFactory
from tests.factories.youth import ThemeCategoryFactory


class _OneRequestAtATime(ThreadedWSGIServer):
    """The live server of the browser tests answers one request at a time. With SQLite in
    memory, Django's live server threads share the test's one database connection: requests
    sent at once (a map's tiles, two htmx loads) broke each other's transactions
    (tests/browser/test_parallel_requests.py). The lock is per request, not per connection,
    so a browser's kept-alive connections never wait for each other."""

    lock = threading.Lock()

    def set_app(self, application: Any) -> None:
        def one_at_a_time(environ: Any, start_response: Any) -> Any:
            with self.lock:
                return application(environ, start_response)

        super().set_app(one_at_a_time)


LiveServerThread.server_class = _OneRequestAtATime


@pytest.fixture(autouse=True)
def _db_for_all(db):
    """Every test may touch the database; each runs in a rolled-back transaction."""


@pytest.fixture
def structure() -> Structure:
    return StructureFactory(name="Prévention Seine")


@pytest.fixture
def other_structure() -> Structure:
    return StructureFactory(name="Centre social des Hauts")


@pytest.fixture
def member() -> Callable[..., Membership]:
    """member(role, structure) → a membership of a new user."""

    def make(role: str = Role.CASE_WORKER, structure: Structure | None = None) -> Membership:
        kwargs = {"role": role}
        if structure is not None:
            kwargs["structure"] = structure
        return MembershipFactory(**kwargs)

    return make


@pytest.fixture
def actor(member) -> Callable[..., Actor]:
    """actor(role, structure) → an Actor working for a new member of that structure."""

    def make(role: str = Role.CASE_WORKER, structure: Structure | None = None) -> Actor:
        membership = member(role, structure)
        return Actor(user=membership.user, membership=membership)

    return make


@pytest.fixture
def login() -> Callable[..., Client]:
    """login(membership) → a client logged in as that user, working for that membership."""

    def make(membership: Membership, client: Client | None = None, **headers: str) -> Client:
        client = client or Client(**headers)
        user: User = membership.user
        client.force_login(user)
        session = client.session
        session[SESSION_KEY] = membership.pk
        # Past the second factor too, as if a code had been typed (tests/accounts/test_two_factor*).
        device = TOTPDevice.objects.get_or_create(user=user, confirmed=True)[0]
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
        return client

    return make


@pytest.fixture
def postgres_only() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL")


@pytest.fixture(autouse=True)
def _fresh_rate_limits() -> None:
    """Rate limits live in the shared cache, hot figures in the local one: each test
    starts with neither."""
    for cache in caches.all():
        cache.clear()


@pytest.fixture
def memory_cache(settings: Any) -> None:
    """The default cache in memory, as with Redis in production: for query counts, which
    would otherwise include the database cache's own (tests/scale/test_query_budgets.py).
    Everything else runs on the production default, the database cache."""
    settings.CACHES = {
        **settings.CACHES,
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    }


@pytest.fixture(scope="session", autouse=True)
def _flush_past_the_audit_truncate_trigger() -> Iterator[None]:
    """A transactional test ends with a flush, on PostgreSQL one TRUNCATE of every table,
    which the audit log refuses (access migration 0003). The tests' superuser sets the
    triggers aside for that one transaction (session_replication_role needs a superuser:
    the application's role cannot, tests/access/test_audit_roles.py)."""
    from django.db.backends.postgresql.operations import DatabaseOperations

    real = DatabaseOperations.sql_flush

    def sql_flush(self: Any, *args: Any, **kwargs: Any) -> list[str]:
        statements = real(self, *args, **kwargs)
        return ["SET LOCAL session_replication_role = replica", *statements] if statements else []

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(DatabaseOperations, "sql_flush", sql_flush)
        yield


@pytest.fixture
def audit_log_emptied_after(transactional_db: Any) -> Iterator[None]:
    """For a transactional test that writes audit rows. The audit log refuses deletes of
    recent rows (a database trigger), which would stop the flush that ends a transactional
    test on SQLite (PostgreSQL truncates). Empty it here, with the trigger set aside for that
    one statement."""
    yield
    from accroche.access.models import AuditEvent

    if connection.vendor != "sqlite" or not AuditEvent.objects.exists():
        return
    rules = importlib.import_module("accroche.access.migrations.0002_audit_append_only")

    with connection.cursor() as cursor:
        cursor.execute("DROP TRIGGER access_auditevent_no_recent_delete")
        cursor.execute("DELETE FROM access_auditevent")
        cursor.execute(rules.SQLITE_UP[1])


def _demo_communes() -> None:
    """The demo's communes and the Hauts de Rouen QPV, which the demo needs to exist."""
    for code, name in COMMUNES.items():
        CommuneFactory(code=code, name=name)
    QpvFactory(
        code="QN07620M", name="Les Hauts de Rouen", communes=[Commune.objects.get(code="76540")]
    )


@pytest.fixture
def demo_reference() -> None:
    """The reference data the demo is built on, for a test that builds or seeds it itself."""
    _demo_communes()
    DiplomaLevelFactory(code="4", rank=4, label="Niveau 4 (bac)")


DEMO_TODAY = datetime.date(2026, 11, 20)


@pytest.fixture(scope="module")
def demo(django_db_setup: Any, django_db_blocker: Any) -> Iterator[None]:
    """The demo consortium built on DEMO_TODAY, once for the module (it takes a few seconds)
    inside a transaction rolled back afterwards. Read-only tests only."""
    with django_db_blocker.unblock():
        from django.db import transaction

        atomic = transaction.atomic()
        atomic.__enter__()
        _demo_communes()
        load_diploma_levels(DIPLOMA_LEVELS)
        for value in BARRIER_DOMAINS:
            ThemeCategoryFactory(value=value)
        build_demo(today=DEMO_TODAY)
        yield
        transaction.set_rollback(True)
        atomic.__exit__(None, None, None)
