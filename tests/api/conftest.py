from collections.abc import Callable

import pytest
from django.test import Client

from accroche.accounts.tokens import do_create_token
from accroche.organisations.models import Membership


@pytest.fixture
def api_client() -> Callable[[Membership], Client]:
    """api_client(membership) → a client sending that membership's personal token."""

    def make(membership: Membership) -> Client:
        _token, secret = do_create_token(membership.user, membership, "tests")
        return Client(headers={"Authorization": f"Bearer {secret}"})

    return make
