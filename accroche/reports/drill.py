"""The records behind a figure, as a given user may see them: the young people through the
access layer (accroche/youth/access.py, audited), the outreach sessions through the
outreach access rules. What exists but is not visible is counted, never shown."""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import Coalesce

from accroche.access.actor import Actor
from accroche.access.permissions import Perm
from accroche.followup.models import BudgetLine
from accroche.outreach.access import sessions_visible_to
from accroche.outreach.models import OutreachSession, Place
from accroche.reports.filters import ReportFilter
from accroche.reports.indicators import DRILL_KEYS, sessions_behind, youths_behind
from accroche.youth.access import list_youths, youths_visible_to
from accroche.youth.models import Youth

LIMIT = 200
SESSION_KEYS = ("contacts", "place")


def can_drill(actor: Actor, key: str) -> bool:
    """Partners and evaluators see aggregates only; listing records needs the right to read
    files (young people) or to record outreach (sessions)."""
    if key in SESSION_KEYS:
        return actor.can(Perm.RECORD_OUTREACH)
    return key in DRILL_KEYS and actor.can(Perm.VIEW_YOUTH)


@dataclass
class Drilled:
    rows: Sequence[Any]
    total: int  # behind the figure
    visible: int  # of which the user may see

    @property
    def hidden(self) -> int:
        return self.total - self.visible

    @property
    def truncated(self) -> bool:
        return self.visible > len(self.rows)


def drill_youths(
    actor: Actor, f: ReportFilter, key: str, line: BudgetLine | None = None
) -> Drilled:
    """Three queries: the counts, the visible files (first ``LIMIT``), the audit entry."""
    return drill_these(actor, youths_behind(f, key, line))


def drill_these(actor: Actor, behind: QuerySet[Youth]) -> Drilled:
    """Any set of young people behind a figure, as ``actor`` may see them."""
    visible_q = Q(pk__in=youths_visible_to(actor).values("pk"))
    counts = behind.aggregate(total=Count("pk"), visible=Count("pk", filter=visible_q))
    shown = behind.filter(visible_q).select_related("holder_structure", "residence_commune")
    rows = list_youths(actor, shown.order_by("first_name", "nickname", "pk")[:LIMIT])
    return Drilled(rows=rows, total=counts["total"], visible=counts["visible"])


def drill_sessions(actor: Actor, f: ReportFilter, place: Place | None = None) -> Drilled:
    """Two queries (plus one for the places of the sessions shown): outreach sessions hold
    no file, but only their structure and joint partners read them."""
    behind = sessions_behind(f, place)
    visible_q = Q(pk__in=sessions_visible_to(actor).values("pk"))
    counts = behind.aggregate(total=Count("pk"), visible=Count("pk", filter=visible_q))
    shown = (
        OutreachSession.objects.filter(pk__in=behind.filter(visible_q).values("pk"))
        .select_related("structure")
        .prefetch_related("places")
        .annotate(counted=Coalesce(Sum("counts__count"), 0))
        .order_by("-started_at", "-pk")[:LIMIT]
    )
    return Drilled(rows=list(shown), total=counts["total"], visible=counts["visible"])
