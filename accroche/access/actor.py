from dataclasses import dataclass

from django.db.models import QuerySet
from django.http import Http404

from accroche.access.models import AuditEvent
from accroche.access.permissions import Perm, role_can
from accroche.accounts.models import User
from accroche.organisations.models import Membership, Structure


@dataclass(frozen=True)
class Actor:
    """Who is acting: a user through one membership (structure + role), and by which door."""

    user: User
    membership: Membership
    via: str = AuditEvent.Via.WEB

    @property
    def structure(self) -> Structure:
        return self.membership.structure

    @property
    def structure_id(self) -> int:
        return self.membership.structure_id

    @property
    def role(self) -> str:
        return self.membership.role

    def can(self, perm: Perm) -> bool:
        return role_can(self.role, perm)

    def require(self, perm: Perm) -> None:
        """Refuse as if the thing did not exist: "not yours" looks like "not found"."""
        if not self.can(perm):
            raise Http404


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
