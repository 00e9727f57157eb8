"""Dump and restore the whole database, and prove a restore is faithful.

SQLite uses the online backup API (consistent while the application runs); PostgreSQL uses
pg_dump's custom format and pg_restore. A *fingerprint* (row count and SHA-256 of every
table, rows in primary-key order) compares the live database with a restored copy.
"""

import contextlib
import hashlib
import os
import shutil
import sqlite3
import subprocess
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psycopg
from django.apps import apps
from django.db import connection

Fingerprint = dict[str, tuple[int, str]]


@dataclass(frozen=True)
class PgTarget:
    host: str
    port: str
    user: str
    password: str
    name: str

    @classmethod
    def from_settings(cls, name: str | None = None) -> "PgTarget":
        db = connection.settings_dict
        return cls(
            host=str(db.get("HOST") or "127.0.0.1"),
            port=str(db.get("PORT") or "5432"),
            user=str(db.get("USER") or "postgres"),
            password=str(db.get("PASSWORD") or ""),
            name=name or str(db["NAME"]),
        )

    def env(self) -> dict[str, str]:
        return os.environ | {"PGPASSWORD": self.password} if self.password else dict(os.environ)

    def args(self) -> list[str]:
        return ["--host", self.host, "--port", self.port, "--username", self.user]

    def connect(self, dbname: str | None = None) -> psycopg.Connection[Any]:
        return psycopg.connect(
            host=self.host,
            port=self.port,
            user=self.user,
            password=self.password or None,
            dbname=dbname or self.name,
            autocommit=True,
        )


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise FileNotFoundError(f"{name} not found: install the PostgreSQL client tools")
    return found


def dump(path: Path) -> Path:
    """Write a backup of the current database to ``path``."""
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        with contextlib.closing(sqlite3.connect(path)) as target:
            connection.connection.backup(target)
    elif connection.vendor == "postgresql":
        pg = PgTarget.from_settings()
        subprocess.run(  # noqa: S603
            [
                _tool("pg_dump"),
                *pg.args(),
                "--format=custom",
                "--no-owner",
                "--file",
                str(path),
                pg.name,
            ],
            env=pg.env(),
            check=True,
        )
    else:  # pragma: no cover - only the two supported engines
        raise NotImplementedError(connection.vendor)
    return path


@contextlib.contextmanager
def restored_copy(path: Path, workdir: Path) -> Iterator[Fingerprint]:
    """Restore ``path`` into a fresh scratch database and yield its fingerprint."""
    if connection.vendor == "sqlite":
        copy = workdir / f"restore-{uuid.uuid4().hex}.sqlite3"
        with (
            contextlib.closing(sqlite3.connect(path)) as source,
            contextlib.closing(sqlite3.connect(copy)) as target,
        ):
            source.backup(target)
            yield _fingerprint_sqlite(target)
        copy.unlink()
        return
    pg = PgTarget.from_settings()
    scratch = f"{pg.name}_restore_{uuid.uuid4().hex[:8]}"
    with pg.connect("postgres") as admin:
        admin.execute(f'CREATE DATABASE "{scratch}"')
    try:
        restore(path, PgTarget.from_settings(scratch))
        with PgTarget.from_settings(scratch).connect() as restored:
            yield _fingerprint_cursor(restored.cursor())
    finally:
        with pg.connect("postgres") as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{scratch}" WITH (FORCE)')


def restore(path: Path, target: PgTarget | Path) -> None:
    """Restore a backup into an EMPTY database (a PostgreSQL target or a SQLite file)."""
    if isinstance(target, Path):
        with (
            contextlib.closing(sqlite3.connect(path)) as source,
            contextlib.closing(sqlite3.connect(target)) as destination,
        ):
            source.backup(destination)
        return
    subprocess.run(  # noqa: S603
        [
            _tool("pg_restore"),
            *target.args(),
            "--no-owner",
            "--exit-on-error",
            "--dbname",
            target.name,
            str(path),
        ],
        env=target.env(),
        check=True,
    )


def _tables() -> list[tuple[str, str]]:
    """(table, primary key column) of every model, auto-created M2M tables included."""
    tables = set()
    for model in apps.get_models(include_auto_created=True):
        if model._meta.managed and not model._meta.proxy:
            tables.add((model._meta.db_table, model._meta.pk.column))
    return sorted(tables)


def _fingerprint_cursor(cursor: Any) -> Fingerprint:
    result: Fingerprint = {}
    for table, pk in _tables():
        cursor.execute(f'SELECT * FROM "{table}" ORDER BY "{pk}"')  # noqa: S608 (names from models)
        digest = hashlib.sha256()
        count = 0
        for row in cursor.fetchall():
            digest.update(repr(tuple(row)).encode())
            count += 1
        result[table] = (count, digest.hexdigest())
    return result


def _fingerprint_sqlite(conn: sqlite3.Connection) -> Fingerprint:
    return _fingerprint_cursor(conn.cursor())


def fingerprint() -> Fingerprint:
    """Row count and content hash of every table of the current database, read through a
    raw driver connection exactly as a restored copy is, so the two compare."""
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        with contextlib.closing(sqlite3.connect(":memory:")) as snapshot:
            connection.connection.backup(snapshot)
            return _fingerprint_sqlite(snapshot)
    with PgTarget.from_settings().connect() as live:
        return _fingerprint_cursor(live.cursor())
