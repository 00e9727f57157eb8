from typing import Any, cast

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja.errors import HttpError
from ninja.security import HttpBearer

from accroche.access.actor import Actor
from accroche.access.models import AuditEvent
from accroche.accounts.models import ApiToken
from accroche.accounts.tokens import find_active_token
from accroche.api.throttling import check_anonymous
from accroche.idempotency.records import Answered, claim

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


class ApiRequest(HttpRequest):
    """What TokenAuth puts on an authenticated API request (for type checking)."""

    actor: Actor


class ReadOnlyToken(HttpError):
    def __init__(self) -> None:
        super().__init__(
            403,
            _(
                "Ce jeton est en lecture seule : il ne peut rien modifier. Créez un jeton "
                "« Lecture et écriture » dans « Mon compte »."
            ),
        )


class TokenAuth(HttpBearer):
    """``Authorization: Bearer acc_…``: a personal token, bound to one membership, with a
    scope (read, or read and write)."""

    def __call__(self, request: HttpRequest) -> Any:
        found = super().__call__(request)
        if found is None:
            # Missing or wrong tokens are limited per address (then 429 instead of 401).
            check_anonymous(request)
        return found

    def authenticate(self, request: HttpRequest, token: str) -> ApiToken | None:
        found = find_active_token(token)
        if found is None:
            return None
        if request.method not in SAFE_METHODS and found.scope != ApiToken.Scope.WRITE:
            raise ReadOnlyToken()
        cast(ApiRequest, request).actor = Actor(
            user=found.user, membership=found.membership, via=AuditEvent.Via.API
        )
        # A POST sent with an Idempotency-Key: takes the key, or answers a repeat here.
        answer = claim(request, found.user_id)
        if answer is not None:
            raise Answered(answer)
        return found


def actor_of(request: HttpRequest) -> Actor:
    return cast(ApiRequest, request).actor
