"""Two structures press "take" at the same moment on PostgreSQL: exactly one wins."""

import threading

import pytest
from django.db import connection

from accroche.access.actor import Actor
from accroche.access.roles import Role
from accroche.outreach.models import Referral
from accroche.outreach.referrals import take
from tests.factories.organisations import MembershipFactory, ParticipationFactory
from tests.factories.outreach import ReferralFactory


@pytest.mark.django_db(transaction=True)
def test_only_one_structure_wins_a_simultaneous_take(postgres_only, programme, other_structure):
    ParticipationFactory(programme=programme, structure=other_structure)
    referral = ReferralFactory(programme=programme)
    referral.routed_to.add(other_structure)
    actors = [
        Actor(user=m.user, membership=m)
        for m in (
            MembershipFactory(role=Role.MEDIATOR, structure=programme.lead_structure),
            MembershipFactory(role=Role.MEDIATOR, structure=other_structure),
        )
    ]
    barrier, outcomes = threading.Barrier(2), []

    def press(actor: Actor) -> None:
        stale = Referral.objects.get(pk=referral.pk)
        barrier.wait()
        try:
            take(actor, stale)
            outcomes.append("won")
        except Exception as exc:  # the loser gets a French ValidationError
            outcomes.append(type(exc).__name__)
        finally:
            connection.close()

    threads = [threading.Thread(target=press, args=(a,)) for a in actors]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["ValidationError", "won"]
    assert Referral.objects.get(pk=referral.pk).state == "taken"
