"""Right to rectification (RGPD art. 16): the request is noted in the audit log, then the
file is corrected through its ordinary form (whose changes are logged as usual)."""

from accroche.access import audit
from accroche.access.actor import Actor
from accroche.access.models import AuditEvent
from accroche.youth.models import Youth


def do_note_rectification_request(actor: Actor, youth: Youth) -> None:
    # One INSERT, atomic by itself: no transaction around it.
    audit.log(actor, AuditEvent.Action.UPDATE, "youth", youth.pk, fields=["rectification_request"])
