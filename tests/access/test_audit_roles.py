"""The audit log cannot be emptied: TRUNCATE is refused (PostgreSQL; SQLite has no
TRUNCATE and its DELETE fires the row trigger), and the application, connected as the
documented application role, cannot set the triggers aside either. ``check --deploy``
warns when the application connects as the table's owner or a superuser."""

import datetime
import io
import secrets
from collections.abc import Iterator
from typing import Any

import psycopg
import pytest
from django.core.checks import run_checks
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from accroche.access.audit import log_system
from accroche.access.checks import application_role_cannot_empty_the_audit_log
from accroche.access.db_roles import audit_log_risks
from accroche.access.models import AuditEvent

OLD = timezone.now() - datetime.timedelta(days=400)
INSERT = (
    "INSERT INTO access_auditevent (at, via, action, object_type, object_ids, fields, role)"
    " VALUES (%s, 'system', 'read', 'youth', '[]', '[]', '')"
)


def test_the_database_refuses_to_truncate_the_audit_log(postgres_only: None) -> None:
    log_system("read", "youth", 1)
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("TRUNCATE access_auditevent")
    assert AuditEvent.objects.count() == 1


@pytest.fixture
def app_role(postgres_only: None, transactional_db: Any) -> Iterator[str]:
    """A login role set up as the README says, by ``grant_app_role`` run as the owner
    (here the tests' superuser, who ran the migrations and owns the tables)."""
    name = f"accroche_test_app_{secrets.token_hex(4)}"
    with connection.cursor() as cursor:
        cursor.execute(f'CREATE ROLE "{name}" LOGIN')
    try:
        call_command("grant_app_role", name, stdout=io.StringIO())
        yield name
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f'DROP OWNED BY "{name}"')
            cursor.execute(f'DROP ROLE "{name}"')


def connect_as(role: str) -> psycopg.Connection[Any]:
    db = connection.settings_dict
    return psycopg.connect(
        host=db["HOST"], port=db["PORT"] or 5432, dbname=db["NAME"], user=role, autocommit=True
    )


def counts() -> tuple[int, list[str]]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM access_auditevent")
        (rows,) = cursor.fetchone()
        cursor.execute(
            "SELECT tgenabled FROM pg_trigger WHERE tgrelid = 'access_auditevent'::regclass"
            " AND NOT tgisinternal ORDER BY tgname"
        )
        return rows, [state for (state,) in cursor.fetchall()]


REFUSED = [
    "UPDATE access_auditevent SET action = 'delete'",
    "DELETE FROM access_auditevent",
    "TRUNCATE access_auditevent",
    "ALTER TABLE access_auditevent DISABLE TRIGGER access_auditevent_append_only",
    "ALTER TABLE access_auditevent DISABLE TRIGGER ALL",
    "DROP TRIGGER access_auditevent_no_truncate ON access_auditevent",
    "DROP TABLE access_auditevent",
    "SET session_replication_role = replica",
]


def test_the_application_role_writes_rows_but_cannot_empty_the_log(app_role: str) -> None:
    with connection.cursor() as cursor:
        cursor.execute(INSERT, [OLD])
    log_system("read", "youth", 1)
    with connect_as(app_role) as app:
        app.execute(INSERT, [timezone.now()])
        assert app.execute("SELECT count(*) FROM access_auditevent").fetchone() == (3,)
        assert app.execute("SELECT count(*) FROM youth_youth").fetchone() == (0,)
        before = counts()
        assert before == (3, ["O", "O"])  # both triggers enabled
        for statement in REFUSED:
            with pytest.raises(psycopg.Error):
                app.execute(statement)
            assert counts() == before, statement
        # The yearly purge still works: rows past the retention may go.
        app.execute("DELETE FROM access_auditevent WHERE at < now() - interval '366 days'")
        assert counts() == (2, ["O", "O"])
        assert audit_log_risks(app.cursor()) == []


def test_check_deploy_warns_when_the_application_owns_the_audit_log(postgres_only: None) -> None:
    # The tests connect as the superuser who ran the migrations: the case to warn about.
    [warning] = application_role_cannot_empty_the_audit_log()
    assert warning.id == "access.W001"
    assert "superuser" in warning.msg
    assert "owns access_auditevent" in warning.msg
    deploy = run_checks(include_deployment_checks=True)
    assert "access.W001" in [message.id for message in deploy]
    assert "access.W001" not in [message.id for message in run_checks()]


def test_grant_app_role_refuses_the_owner_itself_and_an_unknown_role(
    postgres_only: None,
) -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_user")
        (owner,) = cursor.fetchone()
    with pytest.raises(CommandError, match="un autre rôle"):
        call_command("grant_app_role", owner)
    with pytest.raises(CommandError, match="n'existe pas"):
        call_command("grant_app_role", f"nobody_{secrets.token_hex(4)}")
