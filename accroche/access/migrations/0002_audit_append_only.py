"""The database itself refuses to alter the audit log: no UPDATE ever, and no DELETE of a
row younger than the 12-month retention (only the purge of old rows may delete)."""

from django.db import migrations

RETENTION_DAYS = 366

POSTGRES_UP = f"""
CREATE OR REPLACE FUNCTION access_auditevent_append_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'UPDATE' THEN
        RAISE EXCEPTION 'access_auditevent is append-only';
    END IF;
    IF OLD.at > now() - interval '{RETENTION_DAYS} days' THEN
        RAISE EXCEPTION 'access_auditevent rows are kept {RETENTION_DAYS} days';
    END IF;
    RETURN OLD;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER access_auditevent_append_only
    BEFORE UPDATE OR DELETE ON access_auditevent
    FOR EACH ROW EXECUTE FUNCTION access_auditevent_append_only();
"""
POSTGRES_DOWN = """
DROP TRIGGER IF EXISTS access_auditevent_append_only ON access_auditevent;
DROP FUNCTION IF EXISTS access_auditevent_append_only();
"""
SQLITE_UP = [
    """CREATE TRIGGER access_auditevent_no_update BEFORE UPDATE ON access_auditevent
       BEGIN SELECT RAISE(ABORT, 'access_auditevent is append-only'); END;""",
    f"""CREATE TRIGGER access_auditevent_no_recent_delete BEFORE DELETE ON access_auditevent
       WHEN julianday(OLD.at) > julianday('now') - {RETENTION_DAYS}
       BEGIN SELECT RAISE(ABORT, 'access_auditevent rows are kept {RETENTION_DAYS} days'); END;""",
]
SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS access_auditevent_no_update;",
    "DROP TRIGGER IF EXISTS access_auditevent_no_recent_delete;",
]


def forwards(apps, schema_editor):  # type: ignore[no-untyped-def]
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(POSTGRES_UP)
    elif vendor == "sqlite":
        for statement in SQLITE_UP:
            schema_editor.execute(statement)


def backwards(apps, schema_editor):  # type: ignore[no-untyped-def]
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(POSTGRES_DOWN)
    elif vendor == "sqlite":
        for statement in SQLITE_DOWN:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("access", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards)]
