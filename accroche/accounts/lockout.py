from typing import Any

from django.http import HttpRequest


def login_username(request: HttpRequest, credentials: dict[str, Any] | None) -> str | None:
    """The account a login attempt targets, normalised so that 'Nadia@X.fr' and
    'nadia@x.fr' count against the same account."""
    value = (credentials or {}).get("username") or (credentials or {}).get("email")
    if not value and request is not None:
        value = request.POST.get("username")
    return str(value).strip().lower() if value else None
