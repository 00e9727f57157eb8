"""Trigram indexes for the tolerant name search (accroche/youth/search.py).

The search compares folded text (``search_text``, ``search_phonetic``, ``phone_digits``)
with LIKE '%word%'; on PostgreSQL a pg_trgm GIN index answers that among millions of
files without reading them all. A no-op on SQLite."""

from django.db import migrations

FIELDS = ["search_text", "search_phonetic", "phone_digits"]


def create(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for field in FIELDS:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS youth_{field}_trgm ON youth_youth "
            f"USING gin ({field} gin_trgm_ops)"
        )


def drop(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor != "postgresql":
        return
    for field in FIELDS:
        schema_editor.execute(f"DROP INDEX IF EXISTS youth_{field}_trgm")


class Migration(migrations.Migration):
    dependencies = [
        ("youth", "0004_encrypted_notes"),
    ]

    operations = [migrations.RunPython(create, drop, elidable=False)]
