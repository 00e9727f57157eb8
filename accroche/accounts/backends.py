from typing import Any

from django.contrib.auth.backends import ModelBackend

from accroche.accounts.models import User


class AccountBackend(ModelBackend):
    """Django's password backend, but a session's user comes with their active memberships,
    read in the same query: every page needs both (``CurrentMembershipMiddleware``)."""

    def get_user(self, user_id: Any) -> User | None:
        from accroche.organisations.memberships import user_with_memberships

        user = user_with_memberships(user_id)
        if user is not None:
            return user
        found = super().get_user(user_id)  # no active membership: staff, or a user left
        return found if isinstance(found, User) else None
