import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accroche.access.actor import Actor
from accroche.access.audit import log_lists
from accroche.access.models import AuditEvent
from accroche.access.roles import Role


def _actor(member, structure) -> Actor:
    membership = member(Role.CASE_WORKER, structure)
    return Actor(user=membership.user, membership=membership)


@pytest.mark.django_db(transaction=True)  # autocommit, as in a request
def test_one_kind_shown_is_one_statement(member, structure, audit_log_emptied_after):
    actor = _actor(member, structure)
    with CaptureQueriesContext(connection) as queries:
        log_lists(actor, [("youth", [3, 1]), ("action", [])])
    assert [q["sql"].split()[0] for q in queries] == ["INSERT"]
    event = AuditEvent.objects.get()
    assert (event.action, event.object_type, event.object_ids) == ("list", "youth", [3, 1])
    assert (event.user_id, event.structure_id, event.role) == (
        actor.user.pk,
        structure.pk,
        Role.CASE_WORKER,
    )


def test_several_kinds_are_written_together(member, structure):
    actor = _actor(member, structure)
    log_lists(actor, [("youth", [1]), ("action", [7, 8]), ("interview", [])])
    assert sorted(AuditEvent.objects.values_list("object_type", "object_ids")) == [
        ("action", [7, 8]),
        ("youth", [1]),
    ]


def test_nothing_shown_writes_nothing(member, structure):
    log_lists(_actor(member, structure), [("youth", [])])
    assert not AuditEvent.objects.exists()
