"""Matching for one young person: the barriers of their latest diagnostic, answered near
their residence and the communes they frequent, on the territory of their programmes."""

from dataclasses import dataclass

from django.db.models import Prefetch

from accroche.access import audit
from accroche.access.actor import Actor
from accroche.access.models import AuditEvent
from accroche.organisations.models import Programme
from accroche.partner_services.matching import BarrierHelp, help_for_barriers
from accroche.territory.models import Commune
from accroche.youth.models import Barrier, Diagnostic, Enrolment, Youth


@dataclass(frozen=True)
class YouthHelp:
    diagnostic: Diagnostic | None
    communes: list[Commune]
    barriers: list[BarrierHelp]

    @property
    def gaps(self) -> list[BarrierHelp]:
        return [b for b in self.barriers if b.is_gap]


def latest_diagnostic(youth: Youth) -> Diagnostic | None:
    return (
        youth.diagnostics.order_by("-done_on", "-pk")
        .prefetch_related(Prefetch("barriers", queryset=Barrier.objects.select_related("category")))
        .first()
    )


def youth_communes(youth: Youth) -> list[Commune]:
    """Where the young person lives, then where they spend time."""
    communes = [youth.residence_commune] if youth.residence_commune else []
    for commune in youth.frequented_communes.all():
        if commune not in communes:
            communes.append(commune)
    return communes


def territory_of(youth: Youth) -> set[int]:
    """The communes of the programmes the young person is currently enrolled in."""
    current = Enrolment.objects.filter(youth=youth, exited_on__isnull=True)
    through = Programme.communes.through
    return set(
        through.objects.filter(programme_id__in=current.values("programme_id")).values_list(
            "commune_id", flat=True
        )
    )


def help_for_youth(actor: Actor, youth: Youth) -> YouthHelp:
    """``youth`` must come from the access layer (``get_youth``); reading the barriers of
    their diagnostic is logged."""
    diagnostic = latest_diagnostic(youth)
    communes = youth_communes(youth)
    if diagnostic is None:
        return YouthHelp(None, communes, [])
    audit.log(actor, AuditEvent.Action.READ, "diagnostic", diagnostic.pk, fields=["barriers"])
    barriers = [(b.category, b.severity) for b in diagnostic.barriers.all()]
    return YouthHelp(
        diagnostic, communes, help_for_barriers(barriers, communes, territory=territory_of(youth))
    )
