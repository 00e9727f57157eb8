from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.http import HttpRequest

from accroche.accounts import lockout
from accroche.accounts.models import User


class AccountBackend(ModelBackend):
    """Django's password backend, but a session's user comes with their active memberships,
    read in the same query: every page needs both (``CurrentMembershipMiddleware``)."""

    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> User | None:
        user = super().authenticate(request, username=username, password=password, **kwargs)
        # Counted here, where a password was really checked (a locked pair never gets here).
        if user is None and request is not None and username:
            lockout.note_failure(username)
        return user if isinstance(user, User) or user is None else None

    def get_user(self, user_id: Any) -> User | None:
        from accroche.organisations.memberships import user_with_memberships

        user = user_with_memberships(user_id)
        if user is not None:
            return user
        found = super().get_user(user_id)  # no active membership: staff, or a user left
        return found if isinstance(found, User) else None
