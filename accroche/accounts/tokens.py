"""Personal API tokens: created, looked up by hash, revoked."""

import hashlib
import secrets

from django.db import transaction
from django.utils import timezone

from accroche.accounts.models import ApiToken, User
from accroche.organisations.models import Membership

TOKEN_PREFIX = "acc_"  # noqa: S105 (a public marker, not a secret)


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


@transaction.atomic
def do_create_token(
    user: User, membership: Membership, name: str, scope: str = ApiToken.Scope.WRITE
) -> tuple[ApiToken, str]:
    if membership.user_id != user.pk:
        raise PermissionError("A token can only be bound to one's own membership")
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user,
        membership=membership,
        name=name,
        scope=scope,
        prefix=secret[: len(TOKEN_PREFIX) + 6],
        key_hash=_hash(secret),
    )
    return token, secret


def find_active_token(secret: str) -> ApiToken | None:
    if not secret.startswith(TOKEN_PREFIX):
        return None
    token = (
        ApiToken.objects.select_related("user", "membership__structure")
        .filter(
            key_hash=_hash(secret),
            revoked_at__isnull=True,
            user__is_active=True,
            membership__is_active=True,
            membership__structure__is_active=True,
        )
        .first()
    )
    if token is not None:
        now = timezone.now()
        # Writing on every call would double the cost of a read; a minute is precise enough.
        if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token


def do_revoke_token(user: User, token_id: int) -> bool:
    updated = ApiToken.objects.filter(pk=token_id, user=user, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
    return updated == 1
