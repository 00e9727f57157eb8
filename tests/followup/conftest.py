from collections.abc import Callable

import pytest
from django.test import Client

from accroche.access.actor import Actor
from accroche.access.roles import Role
from accroche.accounts.tokens import do_create_token
from accroche.organisations.models import Membership, Programme
from accroche.territory.models import ThemeCategory
from accroche.youth.models import Enrolment, Phase, Youth
from tests.factories.organisations import ProgrammeFactory
from tests.factories.youth import EnrolmentFactory, ThemeCategoryFactory, YouthFactory


@pytest.fixture
def programme(structure) -> Programme:
    return ProgrammeFactory(lead_structure=structure, name="Cap Seine Jeunes")


@pytest.fixture
def referent(actor, structure) -> Actor:
    return actor(Role.CASE_WORKER, structure)


@pytest.fixture
def enrolment(programme, referent, structure) -> Enrolment:
    youth = YouthFactory(holder_structure=structure, first_name="Aya")
    return EnrolmentFactory(
        youth=youth, programme=programme, referent=referent.membership, phase=Phase.FOLLOW_UP
    )


@pytest.fixture
def youth(enrolment) -> Youth:
    return enrolment.youth


@pytest.fixture
def mobility() -> ThemeCategory:
    return ThemeCategoryFactory(value="mobilite", label="Mobilité")


@pytest.fixture
def api_client() -> Callable[[Membership], Client]:
    """api_client(membership) → a client sending that membership's personal token."""

    def make(membership: Membership) -> Client:
        _token, secret = do_create_token(membership.user, membership, "tests")
        return Client(headers={"Authorization": f"Bearer {secret}"})

    return make


@pytest.fixture
def api(api_client, referent) -> Client:
    """The referent's API client."""
    return api_client(referent.membership)
