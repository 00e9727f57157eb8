from django.http import HttpRequest
from ninja.security import HttpBearer

from accroche.access.actor import Actor
from accroche.access.models import AuditEvent
from accroche.accounts.models import ApiToken
from accroche.accounts.tokens import find_active_token


class TokenAuth(HttpBearer):
    """``Authorization: Bearer acc_…``: a personal token, bound to one membership."""

    def authenticate(self, request: HttpRequest, token: str) -> ApiToken | None:
        found = find_active_token(token)
        if found is None:
            return None
        request.actor = Actor(user=found.user, membership=found.membership, via=AuditEvent.Via.API)  # type: ignore[attr-defined]
        return found


def actor_of(request: HttpRequest) -> Actor:
    return request.actor  # type: ignore[attr-defined]
