"""Lists of young people ("Mes jeunes"): filters over what the access layer lets the actor
see, then the current enrolment of the rows shown in one more query."""

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, cast

from django.core.cache import caches
from django.db.models import Exists, F, OuterRef, Q, QuerySet
from django.utils import timezone

from accroche.access.actor import Actor
from accroche.access.permissions import Perm
from accroche.youth.access import youths_visible_to
from accroche.youth.models import Enrolment, Phase, Youth
from accroche.youth.search import search_visible

NO_CONTACT_DAYS = (7, 21, 60)


@dataclass(frozen=True)
class YouthFilters:
    mine: bool = False  # only the files whose active enrolment has the actor as referent
    phase: str = ""
    commune_id: int | None = None
    qpv_id: int | None = None
    no_contact_days: int | None = None  # no contact for at least that many days (or never)
    query: str = ""


def mine_by_default(actor: Actor) -> bool:
    return actor.can(Perm.DEFAULT_TO_OWN_CASELOAD)


def filter_youths(actor: Actor, filters: YouthFilters) -> QuerySet[Youth]:
    """Unlogged, like ``youths_visible_to``: evaluate it through ``list_youths``."""
    qs = youths_visible_to(actor)
    active = Enrolment.objects.filter(youth=OuterRef("pk")).exclude(phase=Phase.EXITED)
    if filters.mine:
        qs = qs.filter(Exists(active.filter(referent=actor.membership)))
    if filters.phase == Phase.EXITED:
        exited = Enrolment.objects.filter(youth=OuterRef("pk"), phase=Phase.EXITED)
        qs = qs.filter(Exists(exited) & ~Exists(active))
    elif filters.phase:
        qs = qs.filter(Exists(active.filter(phase=filters.phase)))
    if filters.commune_id is not None:
        qs = qs.filter(residence_commune_id=filters.commune_id)
    if filters.qpv_id is not None:
        qs = qs.filter(residence_qpv_id=filters.qpv_id)
    if filters.no_contact_days:
        since = timezone.now() - datetime.timedelta(days=filters.no_contact_days)
        qs = qs.filter(Q(last_contact_at__lt=since) | Q(last_contact_at__isnull=True))
    if filters.query:
        qs = search_visible(actor, qs, filters.query)
    return (
        # The QPV by a second query: joined, PostgreSQL mis-estimates the rows (one) and
        # compares each of them with every QPV (15 ms for 119 files at national size).
        qs.select_related("residence_commune")
        .prefetch_related("residence_qpv")
        .order_by(F("last_contact_at").asc(nulls_first=True), "first_name", "nickname", "pk")
    )


# What a row says of the current enrolment: set on each young person by attach_current.
CURRENT = {
    "current_phase": "phase",
    "current_programme": "programme__name",
    "current_referent_id": "referent_id",
    "referent_first_name": "referent__user__first_name",
    "referent_last_name": "referent__user__last_name",
}


def attach_current(youths: Sequence[Youth]) -> None:
    """Sets the ``CURRENT`` attributes of each young person from their latest active
    enrolment (None without one), in one query for the page: five correlated sub-queries
    per row cost more to compile and to run."""
    latest: dict[int, tuple[Any, ...]] = {}
    rows = (
        Enrolment.objects.filter(youth_id__in=[youth.pk for youth in youths])
        .exclude(phase=Phase.EXITED)
        .order_by("youth_id", "-entry_date", "-pk")
        .values_list("youth_id", *CURRENT.values())
    )
    for youth_id, *values in rows:
        latest.setdefault(youth_id, tuple(values))
    for youth in youths:
        for name, value in zip(CURRENT, latest.get(youth.pk, (None,) * len(CURRENT)), strict=True):
            setattr(youth, name, value)


Places = tuple[list[tuple[int, str]], list[tuple[int, str]]]
# The filter menus are kept this long per structure: the list is the page a referent opens
# most, and reading where its files live took 7 of its 46 ms among 1.5 million files
# (bench/explain.py). A commune new to the structure shows in the menu within this delay.
PLACES_SECONDS = 60


def filter_choices(actor: Actor) -> Places:
    """The communes and QPV where the visible young people live, as (id, name) sorted by
    name, for the filter menus: one query for both, kept ``PLACES_SECONDS`` per structure
    (what a structure sees is the same for all its members who may see files)."""
    if not actor.can(Perm.VIEW_YOUTH):
        return [], []
    places = caches["local"].get_or_set(
        f"youth-places:{actor.structure_id}", lambda: _places(actor), PLACES_SECONDS
    )
    return cast(Places, places)


def _places(actor: Actor) -> Places:
    communes: dict[int, str] = {}
    qpvs: dict[int, str] = {}
    rows = (
        youths_visible_to(actor)
        .filter(Q(residence_commune__isnull=False) | Q(residence_qpv__isnull=False))
        .order_by()
        .values_list(
            "residence_commune_id",
            "residence_commune__name",
            "residence_qpv_id",
            "residence_qpv__name",
        )
        .distinct()
    )
    for commune_id, commune_name, qpv_id, qpv_name in rows:
        if commune_id is not None:
            communes[commune_id] = commune_name
        if qpv_id is not None:
            qpvs[qpv_id] = qpv_name
    return _by_name(communes), _by_name(qpvs)


def _by_name(names: dict[int, str]) -> list[tuple[int, str]]:
    return sorted(names.items(), key=lambda item: (item[1], item[0]))
