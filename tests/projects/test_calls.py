import datetime
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.http import Http404

from accroche.access.roles import Role
from accroche.projects.calls import (
    do_create_call,
    do_decide,
    do_propose_project,
    do_update_call,
    do_update_project,
    projects_visible_to,
)
from accroche.projects.models import Decision, Project
from tests.factories.organisations import StructureFactory
from tests.factories.projects import CallFactory, ProjectFactory

TODAY = datetime.date(2026, 4, 15)


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(TODAY):
        yield


@pytest.fixture
def call(programme):
    return CallFactory(programme=programme, budget=Decimal("30000"))


def proposal(commune, **overrides):
    values = {
        "title": "Foot en soirée",
        "summary": "Un créneau le vendredi soir.",
        "communes": [commune],
        "budget_asked": Decimal("12000"),
        "target_youths": 40,
    }
    return values | overrides


def test_the_lead_opens_a_call(lead, programme):
    call = do_create_call(
        lead,
        programme,
        {"title": "Vague 1", "opens_on": TODAY, "closes_on": TODAY, "budget": Decimal("1000")},
    )
    assert call.programme == programme


def test_a_partner_cannot_open_a_call(partner, programme):
    with pytest.raises(Http404):
        do_create_call(partner, programme, {"title": "x", "budget": Decimal("1")})


def test_a_call_needs_a_period_and_a_budget(lead, programme):
    with pytest.raises(ValidationError) as exc:
        do_create_call(
            lead,
            programme,
            {"title": "Vague 1", "opens_on": TODAY, "closes_on": datetime.date(2026, 1, 1)},
        )
    assert exc.value.message_dict == {
        "closes_on": ["La clôture doit suivre l'ouverture."],
        "budget": ["Indiquez l'enveloppe de l'appel, en euros."],
    }


def test_a_partner_proposes_for_its_own_structure(partner, call, other_structure, rouen):
    project = do_propose_project(partner, call, proposal(rouen))
    assert (project.holder, project.decision) == (other_structure, Decision.PENDING)


def test_a_case_worker_cannot_propose(actor, call, other_structure, rouen):
    with pytest.raises(Http404):
        do_propose_project(actor(Role.CASE_WORKER, other_structure), call, proposal(rouen))


def test_a_structure_outside_the_programme_cannot_propose(actor, call, rouen):
    with pytest.raises(Http404):
        do_propose_project(actor(Role.COORDINATOR, StructureFactory()), call, proposal(rouen))


def test_a_closed_call_refuses_proposals_but_the_lead_may_record_one(
    partner, lead, programme, rouen
):
    closed = CallFactory(programme=programme, closes_on=datetime.date(2026, 3, 31))
    with pytest.raises(ValidationError, match="clos depuis le 31/03/2026"):
        do_propose_project(partner, closed, proposal(rouen))
    assert do_propose_project(lead, closed, proposal(rouen)).holder == programme.lead_structure


def test_a_proposal_outside_the_territory_is_refused(partner, call, evreux):
    with pytest.raises(ValidationError, match="pas dans le territoire"):
        do_propose_project(partner, call, proposal(evreux))


def test_retained_with_an_amount(lead, call, other_structure):
    project = ProjectFactory(call=call, holder=other_structure)
    do_decide(lead, project, Decision.RETAINED, amount_granted=Decimal("8000"))
    project.refresh_from_db()
    assert (project.decision, project.amount_granted, project.decided_on) == (
        Decision.RETAINED,
        Decimal("8000"),
        TODAY,
    )


def test_not_retained_keeps_no_amount(lead, call):
    project = ProjectFactory(call=call)
    do_decide(lead, project, Decision.NOT_RETAINED, amount_granted=Decimal("5"), note="Hors cadre")
    project.refresh_from_db()
    assert (project.decision, project.amount_granted) == (Decision.NOT_RETAINED, None)


def test_a_decision_is_taken_once(lead, call):
    project = ProjectFactory(call=call)
    do_decide(lead, project, Decision.NOT_RETAINED)
    with pytest.raises(ValidationError, match="a déjà reçu une décision"):
        do_decide(lead, project, Decision.RETAINED, amount_granted=Decimal("100"))
    project.refresh_from_db()
    assert project.decision == Decision.NOT_RETAINED


def test_the_amount_granted_cannot_pass_the_amount_asked(lead, call):
    project = ProjectFactory(call=call, budget_asked=Decimal("10000"))
    with pytest.raises(ValidationError) as exc:
        do_decide(lead, project, Decision.RETAINED, amount_granted=Decimal("10001"))
    assert exc.value.message_dict["amount_granted"] == [
        "Le montant accordé ne peut pas dépasser le montant demandé (10\u202f000,00 €)."
    ]
    assert Project.objects.get().decision == Decision.PENDING


def test_the_sum_granted_cannot_pass_the_calls_budget(lead, call):
    first, second = (
        ProjectFactory(call=call, budget_asked=Decimal("20000")),
        ProjectFactory(call=call, budget_asked=Decimal("20000")),
    )
    do_decide(lead, first, Decision.RETAINED, amount_granted=Decimal("20000"))
    with pytest.raises(ValidationError) as exc:
        do_decide(lead, second, Decision.RETAINED, amount_granted=Decimal("15000"))
    assert exc.value.message_dict["amount_granted"] == [
        "L'enveloppe de l'appel est de 30\u202f000,00 € et 20\u202f000,00 € sont déjà accordés : "
        "il reste 10\u202f000,00 €."
    ]


def test_only_the_lead_decides(partner, call, other_structure):
    project = ProjectFactory(call=call, holder=other_structure)
    with pytest.raises(Http404):
        do_decide(partner, project, Decision.RETAINED, amount_granted=Decimal("1"))


def test_an_unknown_decision_is_refused(lead, call):
    with pytest.raises(ValidationError, match="retenu ou non retenu"):
        do_decide(lead, ProjectFactory(call=call), "maybe")


def test_the_budget_cannot_shrink_below_what_is_granted(lead, call):
    project = ProjectFactory(call=call, budget_asked=Decimal("20000"))
    do_decide(lead, project, Decision.RETAINED, amount_granted=Decimal("20000"))
    with pytest.raises(ValidationError, match="sont déjà accordés"):
        do_update_call(lead, call, {"budget": Decimal("10000")})


def test_the_holder_edits_until_the_decision(lead, partner, call, other_structure, rouen):
    project = do_propose_project(partner, call, proposal(rouen))
    assert do_update_project(partner, project, {"title": "Foot du vendredi"}) == ["title"]
    do_decide(lead, project, Decision.NOT_RETAINED)
    with pytest.raises(ValidationError, match="ne se modifie plus"):
        do_update_project(partner, project, {"title": "Encore"})


def test_another_partner_cannot_edit(actor, programme, call, rouen, partner):
    from tests.factories.organisations import ParticipationFactory

    third = StructureFactory()
    ParticipationFactory(programme=programme, structure=third)
    project = do_propose_project(partner, call, proposal(rouen))
    with pytest.raises(Http404):
        do_update_project(actor(Role.COORDINATOR, third), project, {"title": "x"})


def test_who_sees_which_project(actor, lead, partner, programme, call, other_structure):
    from tests.factories.organisations import ParticipationFactory

    third = StructureFactory()
    ParticipationFactory(programme=programme, structure=third)
    pending = ProjectFactory(call=call, holder=other_structure)
    retained = ProjectFactory(call=call, holder=other_structure, decision=Decision.RETAINED)
    onlooker = actor(Role.CASE_WORKER, third)
    assert set(projects_visible_to(lead)) == {pending, retained}
    assert set(projects_visible_to(partner)) == {pending, retained}
    assert list(projects_visible_to(onlooker)) == [retained]
    assert list(projects_visible_to(actor(Role.COORDINATOR, StructureFactory()))) == []
