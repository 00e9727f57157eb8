"""TRUNCATE empties a table without firing its row triggers: the audit log refuses it
too. PostgreSQL only: SQLite has no TRUNCATE (its ``DELETE FROM`` without a WHERE fires
the row trigger of 0002, which refuses recent rows). A role owning the table could still
disable the trigger: the application connects as a role that does not own it (see
accroche/access/db_roles.py and the README)."""

from django.db import migrations

POSTGRES_UP = """
CREATE OR REPLACE FUNCTION access_auditevent_no_truncate() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'access_auditevent cannot be truncated';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER access_auditevent_no_truncate
    BEFORE TRUNCATE ON access_auditevent
    FOR EACH STATEMENT EXECUTE FUNCTION access_auditevent_no_truncate();
"""
POSTGRES_DOWN = """
DROP TRIGGER IF EXISTS access_auditevent_no_truncate ON access_auditevent;
DROP FUNCTION IF EXISTS access_auditevent_no_truncate();
"""


def forwards(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(POSTGRES_UP)


def backwards(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(POSTGRES_DOWN)


class Migration(migrations.Migration):
    dependencies = [("access", "0002_audit_append_only")]

    operations = [migrations.RunPython(forwards, backwards)]
