from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, register


@register()
def field_encryption_keys_are_valid(**kwargs: Any) -> list[CheckMessage]:
    from cryptography.fernet import Fernet

    keys = getattr(settings, "FIELD_ENCRYPTION_KEYS", [])
    hint = "Comma-separated Fernet keys; make one with `manage.py rotate_field_keys --new-key`."
    if not keys:
        return [Error("FIELD_ENCRYPTION_KEYS must be set.", hint=hint, id="privacy.E001")]
    try:
        for key in keys:
            Fernet(key.encode())
    except ValueError:
        return [Error("FIELD_ENCRYPTION_KEYS holds an invalid key.", hint=hint, id="privacy.E002")]
    return []
