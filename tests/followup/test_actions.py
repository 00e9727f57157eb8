import datetime

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404

from accroche.access.models import AuditEvent
from accroche.access.roles import Role
from accroche.followup.actions import (
    do_add_action,
    do_move_action,
    do_reschedule_action,
    is_late,
    owner_candidates,
)
from accroche.followup.models import Action, ActionStatus
from tests.factories.followup import ActionFactory, PartnerServiceFactory
from tests.factories.organisations import MembershipFactory

TODAY = datetime.date(2026, 5, 4)


@pytest.fixture(autouse=True)
def _frozen(time_machine):
    time_machine.move_to(datetime.datetime(2026, 5, 4, 10, tzinfo=datetime.UTC))


def data(referent, mobility, **extra):
    return {
        "title": "Inscription au code de la route",
        "category": mobility,
        "owner": referent.membership,
        "due_on": TODAY + datetime.timedelta(days=14),
    } | extra


def test_an_action_is_planned_and_audited(referent, youth, mobility):
    action = do_add_action(referent, youth, data(referent, mobility))
    assert action.status == ActionStatus.PLANNED
    event = AuditEvent.objects.get(object_type="action")
    assert (event.action, event.object_id) == (AuditEvent.Action.CREATE, action.pk)


def test_the_owner_must_see_the_file(referent, youth, mobility, other_structure):
    stranger = MembershipFactory(structure=other_structure, role=Role.CASE_WORKER)
    with pytest.raises(ValidationError) as error:
        do_add_action(referent, youth, data(referent, mobility, owner=stranger))
    assert "ne voit pas la fiche" in str(error.value)
    assert not Action.objects.exists()


@pytest.mark.parametrize("role", [Role.PARTNER, Role.EVALUATOR, Role.ADMIN, Role.DPO])
def test_only_field_workers_may_carry_an_action(referent, youth, mobility, structure, role):
    """People of the holding structure who read no file cannot be named on the plan."""
    colleagues = {r: MembershipFactory(structure=structure, role=r) for r in Role}
    assert {m.role for m in owner_candidates(youth)} == {
        Role.MEDIATOR,
        Role.CASE_WORKER,
        Role.COORDINATOR,
    }
    with pytest.raises(ValidationError) as error:
        do_add_action(referent, youth, data(referent, mobility, owner=colleagues[role]))
    assert "ne peut pas porter l'action" in str(error.value)
    assert not Action.objects.exists()


def test_a_past_due_date_is_refused(referent, youth, mobility):
    with pytest.raises(ValidationError, match="déjà passée"):
        do_add_action(referent, youth, data(referent, mobility, due_on=TODAY.replace(day=1)))


def test_the_service_gives_its_partner_structure(referent, youth, mobility):
    service = PartnerServiceFactory()
    action = do_add_action(referent, youth, data(referent, mobility, service=service))
    assert action.partner_structure == service.structure


def test_a_service_of_another_structure_than_the_one_chosen_is_refused(
    referent, youth, mobility, other_structure
):
    service = PartnerServiceFactory()
    with pytest.raises(ValidationError, match="offre de service"):
        do_add_action(
            referent,
            youth,
            data(referent, mobility, service=service, partner_structure=other_structure),
        )


def test_an_action_moves_by_named_acts(referent, youth):
    action = ActionFactory(youth=youth)
    do_move_action(referent, action, "start")
    do_move_action(referent, action, "complete")
    action.refresh_from_db()
    assert (action.status, action.done_on) == (ActionStatus.DONE, TODAY)


def test_a_closed_action_does_not_move(referent, youth):
    action = ActionFactory(youth=youth, status=ActionStatus.DROPPED)
    with pytest.raises(ValidationError, match="close"):
        do_move_action(referent, action, "complete")
    action.refresh_from_db()
    assert action.status == ActionStatus.DROPPED


def test_an_open_action_past_its_due_date_is_late(youth):
    late = ActionFactory(youth=youth, due_on=TODAY - datetime.timedelta(days=1))
    done = ActionFactory(youth=youth, due_on=late.due_on, status=ActionStatus.DONE)
    assert (is_late(late), is_late(done)) == (True, False)


def test_rescheduling_moves_the_due_date(referent, youth):
    action = ActionFactory(youth=youth, due_on=TODAY - datetime.timedelta(days=3))
    do_reschedule_action(referent, action, TODAY + datetime.timedelta(days=7))
    action.refresh_from_db()
    assert action.due_on == TODAY + datetime.timedelta(days=7)


def test_partners_cannot_add_actions(actor, structure, youth, mobility, referent):
    with pytest.raises(Http404):
        do_add_action(actor(Role.PARTNER, structure), youth, data(referent, mobility))
