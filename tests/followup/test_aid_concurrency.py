"""Two coordinators approving at the same moment cannot overspend a budget line: real
concurrent transactions on PostgreSQL (SQLite serialises writers anyway)."""

import threading
import time
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from accroche.access.actor import Actor
from accroche.access.roles import Role
from accroche.followup import aid as aid_module
from accroche.followup.models import Aid, AidStatus
from tests.factories.followup import AidFactory, BudgetLineFactory
from tests.factories.organisations import MembershipFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def slow_check(monkeypatch):
    """Widen the race: each approval waits between reading what is committed and writing,
    so without the row lock both would read the same remaining envelope."""
    original = aid_module.over_budget

    def slow(*args, **kwargs):
        found = original(*args, **kwargs)
        time.sleep(0.4)
        return found

    monkeypatch.setattr(aid_module, "over_budget", slow)


def approve_together(aids: list[Aid]) -> list[str]:
    lead = aids[0].budget_line.programme.lead_structure
    coordinators = [MembershipFactory(structure=lead, role=Role.COORDINATOR) for _ in aids]
    start = threading.Barrier(len(aids))
    results: list[str] = []

    def approve(membership, aid) -> None:
        try:
            start.wait()
            aid_module.do_approve_aid(Actor(user=membership.user, membership=membership), aid)
            results.append("approved")
        except ValidationError as exc:
            results.append(" ".join(exc.messages))
        finally:
            connection.close()

    threads = [
        threading.Thread(target=approve, args=pair) for pair in zip(coordinators, aids, strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results


def test_two_approvals_cannot_overspend_the_envelope(postgres_only, slow_check):
    line = BudgetLineFactory(programme=ProgrammeFactory(), envelope=Decimal("300"))
    aids = [AidFactory(budget_line=line, amount=Decimal("200")) for _ in range(2)]
    results = approve_together(aids)
    assert results.count("approved") == 1
    assert any("dépasse l'enveloppe" in result for result in results)
    assert Aid.objects.filter(status=AidStatus.APPROVED).count() == 1


def test_two_approvals_cannot_exceed_the_quota(postgres_only, slow_check):
    line = BudgetLineFactory(programme=ProgrammeFactory(), envelope=Decimal("9000"), unit_quota=1)
    aids = [AidFactory(budget_line=line, amount=Decimal("10")) for _ in range(2)]
    results = approve_together(aids)
    assert results.count("approved") == 1
    assert Aid.objects.filter(status=AidStatus.APPROVED).count() == 1
