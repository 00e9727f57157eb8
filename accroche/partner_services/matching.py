"""Who can help with this, here: the partner services that answer a barrier near where a
young person lives or spends time, nearest first, or a gap when there is none.

Proximity, best first:
1. in the commune: the service's zone names one of the young person's communes (or, with
   no zone given, the service is located there);
2. on the programme's territory: it serves another commune of the territory;
3. in the département (or nationwide, or remotely): its zone covers the département.
Anything farther is not "here".
"""

import enum
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from accroche.partner_services.services import NATIONWIDE, with_details
from accroche.territory.models import Commune, Service, Theme, ThemeCategory

PER_BARRIER = 5


class Proximity(enum.IntEnum):
    COMMUNE = 1
    TERRITORY = 2
    DEPARTMENT = 3

    @property
    def label(self) -> str:
        return str(PROXIMITY_LABELS[self])


PROXIMITY_LABELS = {
    Proximity.COMMUNE: _("dans la commune"),
    Proximity.TERRITORY: _("sur le territoire du dispositif"),
    Proximity.DEPARTMENT: _("dans le département ou à distance"),
}


@dataclass(frozen=True)
class Nearby:
    service: Service
    proximity: Proximity


@dataclass(frozen=True)
class BarrierHelp:
    category: ThemeCategory
    severity: int
    services: tuple[Nearby, ...]
    more: int = 0  # nearby services left out of ``services``

    @property
    def is_gap(self) -> bool:
        return not self.services


def service_communes(service: Service) -> set[int]:
    """The communes a service names (its zone, else where it is located)."""
    zone = {c.pk for c in service.zone_communes.all()}
    if not zone and not service.zone_departments and not service.zone_other:
        return {service.commune_id} if service.commune_id else set()
    return zone


def proximity(
    service: Service, communes: Sequence[Commune], territory: set[int]
) -> Proximity | None:
    named = service_communes(service)
    if named & {c.pk for c in communes}:
        return Proximity.COMMUNE
    if named & territory:
        return Proximity.TERRITORY
    departments = {c.department for c in communes}
    if set(service.zone_departments) & departments or NATIONWIDE & set(service.zone_other):
        return Proximity.DEPARTMENT
    return None


def services_for(
    subject: ThemeCategory | Theme | Iterable[ThemeCategory],
    communes: Sequence[Commune],
    *,
    territory: Iterable[int] = (),
) -> list[Nearby]:
    """Services of active structures answering ``subject`` (a category, a theme, or
    several categories) near ``communes``, nearest first then by name."""
    return _rank(_candidates(subject), communes, set(territory))


def _candidates(subject: ThemeCategory | Theme | Iterable[ThemeCategory]) -> QuerySet[Service]:
    if isinstance(subject, Theme):
        match = Q(themes=subject)
    elif isinstance(subject, ThemeCategory):
        match = Q(themes__category=subject)
    else:
        match = Q(themes__category__in=list(subject))
    ids = Service.objects.filter(match, structure__is_active=True).values("pk")
    return with_details(Service.objects.filter(pk__in=ids))


def _rank(
    services: Iterable[Service], communes: Sequence[Commune], territory: set[int]
) -> list[Nearby]:
    found = []
    for service in services:
        rank = proximity(service, communes, territory)
        if rank is not None:
            found.append(Nearby(service, rank))
    return sorted(found, key=lambda n: (n.proximity, n.service.name.lower(), n.service.pk))


def help_for_barriers(
    barriers: Iterable[tuple[ThemeCategory, int]],
    communes: Sequence[Commune],
    *,
    territory: Iterable[int] = (),
    per_barrier: int = PER_BARRIER,
) -> list[BarrierHelp]:
    """For each barrier of severity 1 or more, most severe first: the services nearby
    (at most ``per_barrier``), or none, which is a gap. In a fixed number of queries."""
    wanted = sorted(
        ((c, s) for c, s in barriers if s > 0), key=lambda b: (-b[1], b[0].label.lower())
    )
    if not wanted:
        return []
    territory = set(territory)
    candidates = list(_candidates([c for c, _s in wanted]))
    result = []
    for category, severity in wanted:
        answering = [
            s for s in candidates if any(t.category_id == category.pk for t in s.themes.all())
        ]
        nearby = _rank(answering, communes, territory)
        result.append(
            BarrierHelp(
                category=category,
                severity=severity,
                services=tuple(nearby[:per_barrier]),
                more=max(0, len(nearby) - per_barrier),
            )
        )
    return result
