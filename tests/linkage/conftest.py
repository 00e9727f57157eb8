import datetime
from collections.abc import Callable
from typing import Any

import pytest

from accroche.access.actor import Actor
from accroche.access.roles import Role
from accroche.linkage.index import refresh
from accroche.organisations.models import Membership
from accroche.youth.models import Youth
from tests.factories.youth import YouthFactory


def as_actor(membership: Membership) -> Actor:
    return Actor(user=membership.user, membership=membership)


@pytest.fixture
def case_worker(member, structure) -> Actor:
    """A case worker of ``structure``."""
    return as_actor(member(Role.CASE_WORKER, structure))


@pytest.fixture
def other_case_worker(member, other_structure) -> Actor:
    return as_actor(member(Role.CASE_WORKER, other_structure))


KEVIN = {
    "first_name": "Kévin",
    "last_name": "Durand",
    "birth_date": datetime.date(2004, 3, 12),
    "phone": "06 12 34 56 78",
    "gender": "man",
}


@pytest.fixture
def file() -> Callable[..., Youth]:
    """file(structure, **fields) → a saved, encoded file (as after a save in production,
    where the encodings are refreshed once the transaction commits)."""

    def make(structure: Any, **fields: Any) -> Youth:
        youth = YouthFactory(holder_structure=structure, **fields)
        refresh([Youth.objects.select_related("residence_commune").get(pk=youth.pk)])
        return youth

    return make
