"""Reading the audit log: who may see which events, filters, export, retention."""

import dataclasses
import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils import timezone

from accroche.access import audit
from accroche.access.actor import Actor
from accroche.access.models import AuditEvent
from accroche.access.permissions import Perm
from accroche.accounts.models import User
from accroche.organisations.models import Structure
from accroche.tables import Table, render

# Kept one year; the database trigger refuses to delete anything younger than 366 days.
RETENTION_DAYS = 366


@dataclass(frozen=True)
class AuditFilters:
    user_email: str = ""
    action: str = ""
    object_type: str = ""
    object_id: int | None = None
    since: datetime.date | None = None
    until: datetime.date | None = None


def audit_events_visible_to(actor: Actor) -> QuerySet[AuditEvent]:
    """The DPO sees every event; coordinators and admins what their structure's people did."""
    if not actor.can(Perm.VIEW_AUDIT):
        return AuditEvent.objects.none()
    if actor.can(Perm.VIEW_WHOLE_AUDIT_LOG):
        return AuditEvent.objects.all()
    return AuditEvent.objects.filter(structure_id=actor.structure_id)


def filter_events(events: QuerySet[AuditEvent], filters: AuditFilters) -> QuerySet[AuditEvent]:
    if filters.user_email:
        ids = User.objects.filter(email__iexact=filters.user_email.strip()).values("pk")
        events = events.filter(user_id__in=ids)
    if filters.action:
        events = events.filter(action=filters.action)
    if filters.object_type:
        events = events.filter(object_type=filters.object_type)
    if filters.object_id is not None:
        events = events.filter(object_id=filters.object_id)
    if filters.since:
        events = events.filter(at__date__gte=filters.since)
    if filters.until:
        events = events.filter(at__date__lte=filters.until)
    return events


def names_for(events: Iterable[AuditEvent]) -> tuple[dict[int, str], dict[int, str]]:
    """Display names of the users and structures of a page of events, in two queries."""
    events = list(events)
    user_ids = {e.user_id for e in events if e.user_id}
    structure_ids = {e.structure_id for e in events if e.structure_id}
    users = {u.pk: f"{u.get_full_name()} <{u.email}>" for u in User.objects.filter(pk__in=user_ids)}
    structures = dict(Structure.objects.filter(pk__in=structure_ids).values_list("pk", "name"))
    return users, structures


def export_csv(actor: Actor, events: QuerySet[AuditEvent]) -> bytes:
    """The filtered events as CSV (the export itself is logged)."""
    rows = list(events[:100_000])
    users, structures = names_for(rows)
    headers = ["date", "utilisateur", "structure", "rôle", "canal", "action", "objet",
               "identifiant", "identifiants listés", "champs"]  # fmt: skip
    table = Table("audit", "journal", headers)
    for e in rows:
        table.rows.append(
            [
                timezone.localtime(e.at).isoformat(timespec="seconds"),
                users.get(e.user_id or 0, ""),
                structures.get(e.structure_id or 0, ""),
                e.role,
                e.via,
                e.action,
                e.object_type,
                e.object_id,
                " ".join(str(i) for i in e.object_ids),
                " ".join(e.fields),
            ]
        )
    audit.log(actor, AuditEvent.Action.EXPORT, "audit", object_ids=[])
    return render([table], "csv")


def log_journal_view(
    actor: Actor, filters: AuditFilters | None, shown: Iterable[AuditEvent], page: int
) -> None:
    """Reading the access log is itself logged: who looked, with which filters (as
    "name=value" in ``fields``), which events were on the page."""
    wanted = dataclasses.asdict(filters) if filters is not None else {}
    fields = [f"{name}={value}" for name, value in wanted.items() if value not in ("", None)]
    audit.log(
        actor,
        AuditEvent.Action.LIST,
        "audit",
        object_ids=[e.pk for e in shown],
        fields=[*fields, f"page={page}"],
    )


def purge_expired(now: datetime.datetime | None = None) -> int:
    limit = (now or timezone.now()) - datetime.timedelta(days=RETENTION_DAYS + 1)
    deleted, _ = AuditEvent.objects.filter(at__lt=limit).delete()
    return deleted
