"""The audit log is written here, by the access layer, never by the views."""

from collections.abc import Iterable

from accroche.access.actor import Actor
from accroche.access.models import AuditEvent


def log(
    actor: Actor,
    action: str,
    object_type: str,
    object_id: int | None = None,
    *,
    object_ids: Iterable[int] = (),
    fields: Iterable[str] = (),
) -> AuditEvent:
    return AuditEvent.objects.create(
        user_id=actor.user.pk,
        structure_id=actor.structure_id,
        role=actor.role,
        via=actor.via,
        action=action,
        object_type=object_type,
        object_id=object_id,
        object_ids=list(object_ids),
        fields=sorted(fields),
    )


def log_lists(actor: Actor, shown: Iterable[tuple[str, list[int]]]) -> None:
    """One LIST row per kind of record shown, all written in one INSERT (a page that shows
    a file's actions, interviews, appointments… at once). Kinds with nothing shown are not
    written. One row is saved alone: Django wraps a bulk insert in a transaction, two more
    round trips for a single statement that is atomic by itself."""
    events = [
        AuditEvent(
            user_id=actor.user.pk,
            structure_id=actor.structure_id,
            role=actor.role,
            via=actor.via,
            action=AuditEvent.Action.LIST,
            object_type=object_type,
            object_ids=ids,
        )
        for object_type, ids in shown
        if ids
    ]
    if len(events) == 1:
        events[0].save(force_insert=True)
    elif events:
        AuditEvent.objects.bulk_create(events)


def log_system(action: str, object_type: str, object_id: int | None = None) -> AuditEvent:
    return AuditEvent.objects.create(
        via=AuditEvent.Via.SYSTEM, action=action, object_type=object_type, object_id=object_id
    )
