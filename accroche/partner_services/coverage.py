"""Coverage of a programme's territory: for each commune × data·inclusion category, how
many services answer it there, so that gaps stand out. Computed from two aggregate
queries whatever the number of services."""

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from django.db.models import Exists, OuterRef

from accroche.organisations.models import Programme
from accroche.partner_services.services import NATIONWIDE
from accroche.territory.models import Commune, Service, ThemeCategory
from accroche.youth.diagnostics import BARRIER_DOMAINS

# Columns by default: the categories a barrier can be filed under.
BARRIER_CATEGORIES = BARRIER_DOMAINS


@dataclass(frozen=True)
class Cell:
    category: ThemeCategory
    local: int  # services in the commune itself
    wide: int  # services covering the whole département, nationwide or remotely

    @property
    def is_gap(self) -> bool:
        return self.local == 0


@dataclass(frozen=True)
class CoverageRow:
    commune: Commune
    cells: tuple[Cell, ...]

    @property
    def gaps(self) -> int:
        return sum(1 for c in self.cells if c.is_gap)


@dataclass(frozen=True)
class Coverage:
    categories: tuple[ThemeCategory, ...]
    rows: tuple[CoverageRow, ...]

    @property
    def gap_count(self) -> int:
        return sum(r.gaps for r in self.rows)


def coverage_categories(*, all_categories: bool = False) -> list[ThemeCategory]:
    qs = ThemeCategory.objects.all()
    if all_categories:
        return list(qs.order_by("label"))
    found = {c.value: c for c in qs.filter(value__in=BARRIER_CATEGORIES)}
    return [found[v] for v in BARRIER_CATEGORIES if v in found]


def coverage_for(communes: Sequence[Commune], categories: Sequence[ThemeCategory]) -> Coverage:
    commune_ids = {c.pk for c in communes}
    through = Service.zone_communes.through
    rows = (
        Service.objects.filter(structure__is_active=True, themes__category__in=categories)
        .annotate(has_zone=Exists(through.objects.filter(service_id=OuterRef("pk"))))
        .values_list(
            "pk", "commune_id", "zone_departments", "zone_other", "has_zone", "themes__category_id"
        )
        .distinct()
    )
    service_categories: dict[int, set[int]] = defaultdict(set)
    named: dict[int, set[int]] = defaultdict(set)
    wide_departments: dict[int, set[str]] = {}
    nationwide: set[int] = set()
    for pk, located_in, departments, other, has_zone, category_id in rows:
        service_categories[pk].add(category_id)
        if not has_zone and not departments and not other and located_in in commune_ids:
            named[pk].add(located_in)
        wide_departments[pk] = set(departments or [])
        if NATIONWIDE & set(other or []):
            nationwide.add(pk)
    for service_id, commune_id in through.objects.filter(
        service_id__in=list(service_categories), commune_id__in=commune_ids
    ).values_list("service_id", "commune_id"):
        named[service_id].add(commune_id)

    local: dict[tuple[int, int], int] = defaultdict(int)
    wide: dict[tuple[str, int], int] = defaultdict(int)
    national: dict[int, int] = defaultdict(int)
    for pk, category_ids in service_categories.items():
        for category_id in category_ids:
            for commune_id in named.get(pk, ()):
                local[commune_id, category_id] += 1
            for department in wide_departments.get(pk, ()):
                wide[department, category_id] += 1
            if pk in nationwide:
                national[category_id] += 1
    return Coverage(
        categories=tuple(categories),
        rows=tuple(
            CoverageRow(
                commune=commune,
                cells=tuple(
                    Cell(
                        category=category,
                        local=local[commune.pk, category.pk],
                        wide=wide[commune.department, category.pk] + national[category.pk],
                    )
                    for category in categories
                ),
            )
            for commune in communes
        ),
    )


def programme_coverage(programme: Programme, *, all_categories: bool = False) -> Coverage:
    communes = list(programme.communes.order_by("name"))
    return coverage_for(communes, coverage_categories(all_categories=all_categories))
