"""The table of the default cache when DEBUG=0 (settings.CACHES): rate limits and the
dashboard's figures are shared by every server process. Made here rather than by
`manage.py createcachetable` so that `migrate` (tests, `make run`, deployment) is enough;
the columns are Django's own (the same code makes them)."""

from django.core.management.commands.createcachetable import Command as CreateCacheTable
from django.db import migrations

TABLE = "accroche_cache"


def create(apps, schema_editor):  # type: ignore[no-untyped-def]
    command = CreateCacheTable()
    command.verbosity = 0
    command.create_table(schema_editor.connection.alias, TABLE, dry_run=False)


def drop(apps, schema_editor):  # type: ignore[no-untyped-def]
    schema_editor.execute(f"DROP TABLE IF EXISTS {schema_editor.quote_name(TABLE)}")


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_api_token_scope"),
    ]

    operations = [migrations.RunPython(create, drop, elidable=False)]
