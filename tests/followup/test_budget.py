from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404

from accroche.access.roles import Role
from accroche.followup.budget import (
    budget_lines_visible_to,
    do_create_budget_line,
    do_update_budget_line,
    get_budget_line,
    with_usage,
)
from accroche.followup.models import AidKind, AidStatus, BudgetLine
from tests.factories.followup import AidFactory, BudgetLineFactory


@pytest.fixture
def coordinator(actor, structure):
    return actor(Role.COORDINATOR, structure)


def line_data(programme, **extra):
    return {
        "programme": programme,
        "label": "Permis AM",
        "kind": AidKind.MOPED_LICENCE,
        "year": 2026,
        "envelope": Decimal("6000"),
        "unit_quota": 15,
    } | extra


def test_a_lead_coordinator_creates_a_line(coordinator, programme):
    line = do_create_budget_line(coordinator, line_data(programme))
    assert (line.envelope, line.unit_quota) == (Decimal("6000"), 15)


def test_a_partner_coordinator_cannot(actor, programme, other_structure):
    with pytest.raises(ValidationError, match="porte votre structure"):
        do_create_budget_line(actor(Role.COORDINATOR, other_structure), line_data(programme))
    assert not BudgetLine.objects.exists()


def test_case_workers_read_lines_but_do_not_edit_them(referent, programme):
    line = BudgetLineFactory(programme=programme)
    assert list(budget_lines_visible_to(referent)) == [line]
    with pytest.raises(Http404):
        get_budget_line(referent, line.pk, edit=True)


def test_the_same_label_twice_in_a_year_is_refused(coordinator, programme):
    do_create_budget_line(coordinator, line_data(programme))
    with pytest.raises(ValidationError, match="existe déjà"):
        do_create_budget_line(coordinator, line_data(programme))


def test_usage_counts_approved_and_paid_apart_from_requests(programme):
    line = BudgetLineFactory(programme=programme)
    AidFactory(budget_line=line, amount=Decimal("100"), status=AidStatus.APPROVED)
    AidFactory(budget_line=line, amount=Decimal("50"), status=AidStatus.PAID)
    AidFactory(budget_line=line, amount=Decimal("70"), status=AidStatus.REQUESTED)
    AidFactory(budget_line=line, amount=Decimal("999"), status=AidStatus.REFUSED)
    found = with_usage(BudgetLine.objects.all()).get()
    assert (found.committed_amount, found.committed_units) == (Decimal("150"), 2)
    assert (found.pending_amount, found.pending_units) == (Decimal("70"), 1)


def test_the_envelope_never_goes_below_what_is_committed(coordinator, programme):
    line = BudgetLineFactory(programme=programme, envelope=Decimal("500"), year=2026)
    AidFactory(budget_line=line, amount=Decimal("400"), status=AidStatus.PAID)
    with pytest.raises(ValidationError, match="déjà engagés"):
        do_update_budget_line(coordinator, line, line_data(programme, envelope=Decimal("300")))
    line.refresh_from_db()
    assert line.envelope == Decimal("500")
