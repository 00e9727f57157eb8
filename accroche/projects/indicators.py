"""Figures of the funded projects: each project's own (summed over its reports), rolled up
per call and per programme. Every total is a sum of stored reports, so it can be drilled
down to them and recomputed with the same result."""

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q, QuerySet, Sum

from accroche.organisations.models import Programme
from accroche.projects.models import Call, Decision, Project, ProjectReport


@dataclass(frozen=True)
class Reported:
    youths_reached: int = 0
    actions_done: int = 0
    spent: Decimal = Decimal("0")


@dataclass(frozen=True)
class Rollup:
    proposed: int
    retained: int
    not_retained: int
    pending: int
    asked: Decimal
    granted: Decimal
    co_funding: Decimal
    target_youths: int
    target_actions: int
    reported: Reported

    @property
    def youths_rate(self) -> int | None:
        """Young people reached, in % of the retained projects' targets."""
        if not self.target_youths:
            return None
        return round(100 * self.reported.youths_reached / self.target_youths)


CENT = Decimal("0.01")
_REPORT_SUMS = {
    "youths": Sum("youths_reached"),
    "actions": Sum("actions_done"),
    "spent": Sum("spent"),
}


def _euros(value: Decimal | None) -> Decimal:
    """Sums come back as 8000 or 8000.00 depending on the database: always two decimals."""
    return (value or Decimal("0")).quantize(CENT)


def reported_by_project(project_ids: Iterable[int]) -> dict[int, Reported]:
    rows = (
        ProjectReport.objects.filter(project_id__in=list(project_ids))
        .values("project_id")
        .annotate(**_REPORT_SUMS)
    )
    return {
        r["project_id"]: Reported(r["youths"] or 0, r["actions"] or 0, _euros(r["spent"]))
        for r in rows
    }


def rollup(projects: QuerySet[Project]) -> Rollup:
    """Two aggregate queries whatever the number of projects and reports."""
    retained = Q(decision=Decision.RETAINED)
    totals = projects.aggregate(
        proposed=Count("pk"),
        retained=Count("pk", filter=retained),
        not_retained=Count("pk", filter=Q(decision=Decision.NOT_RETAINED)),
        pending=Count("pk", filter=Q(decision=Decision.PENDING)),
        asked=Sum("budget_asked"),
        granted=Sum("amount_granted", filter=retained),
        co_funding=Sum("co_funding", filter=retained),
        target_youths=Sum("target_youths", filter=retained),
        target_actions=Sum("target_actions", filter=retained),
    )
    sums = ProjectReport.objects.filter(project__in=projects.filter(retained)).aggregate(
        **_REPORT_SUMS
    )
    return Rollup(
        proposed=totals["proposed"],
        retained=totals["retained"],
        not_retained=totals["not_retained"],
        pending=totals["pending"],
        asked=_euros(totals["asked"]),
        granted=_euros(totals["granted"]),
        co_funding=_euros(totals["co_funding"]),
        target_youths=totals["target_youths"] or 0,
        target_actions=totals["target_actions"] or 0,
        reported=Reported(sums["youths"] or 0, sums["actions"] or 0, _euros(sums["spent"])),
    )


def call_rollup(call: Call) -> Rollup:
    return rollup(Project.objects.filter(call=call))


def programme_rollup(programme: Programme) -> Rollup:
    return rollup(Project.objects.filter(call__programme=programme))
