"""A user's memberships (structure + role), read for each request: the current one becomes
the request's actor (``accroche/www/middleware.py``)."""

from django.db.models import QuerySet

from accroche.accounts.models import User
from accroche.organisations.models import Membership

# Where ``user_with_memberships`` leaves the memberships it read with the user.
LOADED_MEMBERSHIPS = "_accroche_active_memberships"


def _active(memberships: QuerySet[Membership]) -> QuerySet[Membership]:
    return (
        memberships.filter(is_active=True, structure__is_active=True)
        .select_related("structure")
        .order_by("structure__name")
    )


def active_memberships(user: User) -> list[Membership]:
    """The user's active memberships in active structures, by structure name; those read
    with the user when the session loaded it (``user_with_memberships``), or a query."""
    loaded = getattr(user, LOADED_MEMBERSHIPS, None)
    if loaded is not None:
        return list(loaded)
    return list(_active(Membership.objects.filter(user=user)))


def user_with_memberships(user_id: str | int) -> User | None:
    """An active user and their active memberships in one query, the user read through the
    memberships' join (every page needs both); None when the user is inactive, unknown or
    has no active membership: then the caller reads the user alone."""
    rows = list(
        _active(Membership.objects.filter(user_id=user_id, user__is_active=True)).select_related(
            "user"
        )
    )
    if not rows:
        return None
    user = rows[0].user
    for membership in rows:
        membership.user = user  # one object, as ``request.user``
    setattr(user, LOADED_MEMBERSHIPS, rows)
    return user
