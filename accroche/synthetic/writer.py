"""Bulk writer for generated rows: COPY on PostgreSQL, executemany on SQLite.

Rows are dicts keyed by attribute name (``youth_id``, not ``youth``); fields left out take
their default, NULL, "" or the generation's "now". Primary keys are given by the caller
(so that foreign keys can be set before anything is written), except for rows that leave
them out (many-to-many links). Model ``save()``, signals and ``auto_now`` are bypassed on
purpose: the generator sets every date itself."""

import datetime
import hashlib
import json
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.db import connection, models
from django.db.models.fields import NOT_PROVIDED

Row = dict[str, Any]
BATCH = 5_000


class Writer:
    def __init__(self, now: datetime.datetime, *, dry_run: bool = False) -> None:
        self.now = now
        self.dry_run = dry_run
        self.digest = hashlib.blake2b(digest_size=16)
        self.counts: dict[str, int] = {}
        self._pending: dict[type[models.Model], list[Row]] = {}
        self._defaults: dict[type[models.Model], dict[str, Any]] = {}

    # --- ids -------------------------------------------------------------------------

    @staticmethod
    def next_id(model: type[models.Model]) -> int:
        """First free primary key: generated rows are numbered from there."""
        found = model._base_manager.aggregate(top=models.Max("pk"))["top"]
        return (found or 0) + 1

    # --- rows ------------------------------------------------------------------------

    def add(self, model: type[models.Model], row: Row) -> None:
        batch = self._pending.setdefault(model, [])
        batch.append(row)
        if len(batch) >= BATCH:
            self._flush(model)

    def add_all(self, model: type[models.Model], rows: Iterable[Row]) -> None:
        for row in rows:
            self.add(model, row)

    def flush(self) -> None:
        # Parents before children: models were first seen in dependency order.
        for model in list(self._pending):
            self._flush(model)

    def hexdigest(self) -> str:
        return self.digest.hexdigest()

    def _flush(self, model: type[models.Model]) -> None:
        rows = self._pending.get(model)
        if not rows:
            return
        self._pending[model] = []
        fields = [
            f
            for f in model._meta.concrete_fields
            if not (f.primary_key and f.attname not in rows[0])
        ]
        defaults = self._defaults_of(model)
        values = [
            tuple(row.get(f.attname, defaults.get(f.attname)) for f in fields) for row in rows
        ]
        label = model._meta.label
        self.counts[label] = self.counts.get(label, 0) + len(values)
        self.digest.update(label.encode())
        for value in values:
            self.digest.update(repr(value).encode())
        if not self.dry_run:
            _write(model, fields, values)

    def _defaults_of(self, model: type[models.Model]) -> dict[str, Any]:
        if model not in self._defaults:
            defaults: dict[str, Any] = {}
            for f in model._meta.concrete_fields:
                if isinstance(f, models.DateTimeField) and (
                    f.auto_now or f.auto_now_add or f.has_default()
                ):
                    defaults[f.attname] = self.now
                elif f.default is not NOT_PROVIDED:
                    defaults[f.attname] = f.get_default()
                elif f.null:
                    defaults[f.attname] = None
                elif isinstance(f, models.CharField | models.TextField):
                    defaults[f.attname] = ""
            self._defaults[model] = defaults
        return self._defaults[model]


def _write(
    model: type[models.Model], fields: list[models.Field[Any, Any]], values: list[tuple[Any, ...]]
) -> None:
    table = connection.ops.quote_name(model._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    json_at = [i for i, f in enumerate(fields) if isinstance(f, models.JSONField)]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for value in values:
                    copy.write_row(_json(value, json_at) if json_at else value)
            return
        marks = ", ".join(["%s"] * len(fields))
        cursor.executemany(
            f"INSERT INTO {table} ({columns}) VALUES ({marks})",  # noqa: S608 - our own names
            [tuple(_sqlite(v) for v in _json(value, json_at)) for value in values],
        )


def _json(value: tuple[Any, ...], json_at: list[int]) -> tuple[Any, ...]:
    if not json_at:
        return value
    listed = list(value)
    for i in json_at:
        listed[i] = json.dumps(listed[i])
    return tuple(listed)


def _sqlite(value: Any) -> Any:
    # What Django's SQLite backend stores: naive UTC datetimes, ISO dates, text decimals.
    if isinstance(value, datetime.datetime):
        return value.astimezone(datetime.UTC).replace(tzinfo=None).isoformat(" ")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def reset_sequences(model_list: list[type[models.Model]]) -> None:
    """PostgreSQL sequences follow the ids written by hand (SQLite needs nothing)."""
    if connection.vendor != "postgresql":
        return
    from django.core.management.color import no_style

    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), model_list):
            cursor.execute(sql)
