"""Free-text notes encrypted at rest, with keys from the environment.

``settings.FIELD_ENCRYPTION_KEYS``: Fernet keys, the first encrypts, all decrypt, so a
new key can be put first while the old ones still read, then ``manage.py
rotate_field_keys`` re-encrypts every row with the first key and the old key can go.
The database only sees tokens: such a field cannot be searched or filtered on (except
for being empty: an empty text stays empty)."""

from functools import cache
from typing import Any

from cryptography.fernet import Fernet, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.db.models.expressions import Combinable

# Every Fernet token starts with the version byte 0x80, base64-encoded.
TOKEN_PREFIX = "gAAAAA"  # noqa: S105 (not a secret)


@cache
def _fernet(keys: tuple[str, ...]) -> MultiFernet:
    if not keys:
        raise ImproperlyConfigured(
            "FIELD_ENCRYPTION_KEYS must be set (comma-separated Fernet keys)."
        )
    return MultiFernet([Fernet(key.encode()) for key in keys])


def fernet() -> MultiFernet:
    return _fernet(tuple(settings.FIELD_ENCRYPTION_KEYS))


def encrypt(value: str) -> str:
    return fernet().encrypt(value.encode()).decode() if value else ""


def decrypt(value: str) -> str:
    # Rows written before encryption was switched on are read as they are, until the
    # data migration or rotate_field_keys encrypts them.
    if not value or not value.startswith(TOKEN_PREFIX):
        return value
    return fernet().decrypt(value.encode()).decode()


class EncryptedTextField(models.TextField[str | Combinable, str]):
    """A TextField stored as a Fernet token."""

    def get_prep_value(self, value: Any) -> Any:
        value = super().get_prep_value(value)
        return None if value is None else encrypt(value)

    def from_db_value(self, value: str | None, expression: Any, connection: Any) -> str | None:
        return None if value is None else decrypt(value)


def encrypted_fields() -> list[tuple[type[models.Model], list[str]]]:
    """Every model with encrypted fields, and their names."""
    from django.apps import apps

    found = []
    for model in apps.get_models():
        names = [f.name for f in model._meta.concrete_fields if isinstance(f, EncryptedTextField)]
        if names:
            found.append((model, names))
    return found


def reencrypt(model: type[models.Model], names: list[str], batch: int = 500) -> int:
    """Write every row's fields again, hence with the first key (also encrypts rows kept
    in clear before the field was encrypted). Works on migration models too."""
    count = 0
    rows = model._default_manager.only("pk", *names).order_by("pk")
    chunk: list[models.Model] = []
    for row in rows.iterator(chunk_size=batch):
        chunk.append(row)
        if len(chunk) >= batch:
            model._default_manager.bulk_update(chunk, names)
            count += len(chunk)
            chunk = []
    if chunk:
        model._default_manager.bulk_update(chunk, names)
        count += len(chunk)
    return count
