import pytest
from django.http import Http404

from accroche.access.roles import Role
from accroche.organisations.programmes import get_programme, programmes_visible_to
from tests.factories.organisations import ParticipationFactory, ProgrammeFactory


def test_members_of_every_role_see_the_programmes_their_structure_takes_part_in(
    actor, structure, programme
):
    ProgrammeFactory()
    for role in Role:
        assert list(programmes_visible_to(actor(role, structure))) == [programme]


def test_a_partner_structure_sees_the_programme(actor, other_structure, programme):
    ParticipationFactory(programme=programme, structure=other_structure)
    assert get_programme(actor(Role.MEDIATOR, other_structure), programme.pk) == programme


def test_it_checks_ownership(actor, other_structure, programme):
    with pytest.raises(Http404):
        get_programme(actor(Role.COORDINATOR, other_structure), programme.pk)


def test_the_lead_coordinator_may_edit(lead, programme):
    assert get_programme(lead, programme.pk, edit=True) == programme


@pytest.mark.parametrize("role", [r for r in Role if r != Role.COORDINATOR])
def test_other_roles_of_the_lead_may_not_edit(actor, structure, programme, role):
    with pytest.raises(Http404):
        get_programme(actor(role, structure), programme.pk, edit=True)


def test_a_partner_coordinator_may_not_edit(actor, other_structure, programme):
    ParticipationFactory(programme=programme, structure=other_structure)
    with pytest.raises(Http404):
        get_programme(actor(Role.COORDINATOR, other_structure), programme.pk, edit=True)
