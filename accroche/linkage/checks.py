from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, register


@register()
def linkage_key_is_set(**kwargs: Any) -> list[CheckMessage]:
    key = getattr(settings, "LINKAGE_KEY", "")
    if len(key) < 32:
        return [
            Error(
                "LINKAGE_KEY must be set to at least 32 random characters.",
                hint="It keys the privacy-preserving encodings; keep it secret and stable.",
                id="linkage.E001",
            )
        ]
    return []
