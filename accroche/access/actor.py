from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.http import Http404

from accroche.access.models import AuditEvent
from accroche.access.permissions import Perm, role_can

if TYPE_CHECKING:
    # The access layer sits at the bottom: it names who acts, and imports nothing above it.
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
