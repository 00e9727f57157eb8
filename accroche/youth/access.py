"""The only way to read a young person's file: by who is looking, with audit.

A structure sees a file it holds, or one whose young person consented to share it with
that structure (and has not withdrawn). Anything else is a 404, exactly like a missing id.
"""

import functools
from collections.abc import Iterable, Sequence
from typing import Any, NamedTuple, TypeVar

from django.db import connection
from django.db.models import Model, Q, QuerySet
from django.db.models.expressions import RawSQL
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from accroche.access import audit
from accroche.access.actor import Actor
from accroche.access.models import AuditEvent
from accroche.access.permissions import Perm
from accroche.linkage.models import absorbed_youth_ids
from accroche.youth.models import Consent, Youth

OBJECT_TYPE = "youth"
M = TypeVar("M", bound=Model)


def youths_visible_to(actor: Actor) -> QuerySet[Youth]:
    """Unlogged queryset, for composing queries. Whatever shows personal data to a user
    goes through ``get_youth`` or ``list_youths``, which write the audit log."""
    if not actor.can(Perm.VIEW_YOUTH):
        return Youth.objects.none()
    seen, absorbed, _ = _compiled_rule(actor.structure_id, connection.vendor)
    # A file merged into another is hidden.
    return Youth.objects.filter(pk__in=seen).exclude(pk__in=absorbed)


def count_visible(actor: Actor) -> int:
    """``youths_visible_to(actor).count()``, counted on the ids alone: the count of the
    files table read every visible file's row again (4.8 -> 1.2 ms for 1,034 files among
    1.5 million, the home page's figure; 0.9 ms with youth/0007's indexes)."""
    if not actor.can(Perm.VIEW_YOUTH):
        return 0
    sql, params = _compiled_rule(actor.structure_id, connection.vendor).count_query
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return int(cursor.fetchone()[0])


def visible_rows(actor: Actor, field: str = "youth") -> Q:
    """A condition on the rows of another table (``field``: their foreign key to the young
    person) that keeps those of files the actor sees: the rule of ``youths_visible_to``,
    written on the row's own column. ``youth__in=youths_visible_to(actor)`` nests the
    files table once more, and PostgreSQL then re-reads the visible set for every row (the
    home alerts' enrolments: 13.7 -> 3.6 ms among 1.5 million files)."""
    if not actor.can(Perm.VIEW_YOUTH):
        return Q(pk__in=[])
    column = f"{field}_id__in"
    seen, absorbed, _ = _compiled_rule(actor.structure_id, connection.vendor)
    return Q(**{column: seen}) & ~Q(**{column: absorbed})


def seen_ids(structure_id: int) -> QuerySet[Any]:
    """The rule: the ids of the files a structure holds or was shared with."""
    held, shared = _sides(structure_id)
    # One indexed set rather than "held OR in shared": PostgreSQL answers an OR with a
    # sub-query by reading every file (bench/explain.py: 63 ms against 18 ms among 150,000).
    return held.union(shared)


def _sides(structure_id: int) -> tuple[QuerySet[Any], QuerySet[Any]]:
    held = Youth.objects.filter(holder_structure_id=structure_id).order_by().values("pk")
    shared = (
        Consent.objects.filter(
            purpose=Consent.Purpose.SHARING,
            withdrawn_on__isnull=True,
            shared_with=structure_id,
        )
        .order_by()
        .values("youth_id")
    )
    return held, shared


class _Compiled(NamedTuple):
    seen: RawSQL  # seen_ids(structure)
    absorbed: RawSQL  # absorbed_youth_ids()
    count_query: tuple[str, tuple[Any, ...]]  # count_visible's SQL and parameters


@functools.lru_cache(maxsize=4096)
def _compiled_rule(structure_id: int, vendor: str) -> _Compiled:
    """The rule for one structure, compiled to SQL once per process: the ORM took 0.9 ms of
    CPU to compile it into each query that applies it (four on the home page), 0.07 ms as
    ready SQL. The SQL holds no data, only the structure's id, so it never goes stale;
    ``vendor`` keys it by database engine. The ORM writes it all, values as parameters."""
    seen_sql, seen_params = seen_ids(structure_id).query.sql_with_params()
    absorbed = absorbed_youth_ids().order_by()  # a sub-query needs no order (Merge has one)
    absorbed_sql, absorbed_params = absorbed.query.sql_with_params()
    # The count: each side without the absorbed files, then their union.
    held, shared = _sides(structure_id)
    union = held.exclude(pk__in=absorbed).union(shared.exclude(youth_id__in=absorbed))
    union_sql, union_params = union.query.sql_with_params()
    return _Compiled(
        RawSQL(seen_sql, seen_params),  # noqa: S611
        RawSQL(absorbed_sql, absorbed_params),  # noqa: S611
        (f"SELECT COUNT(*) FROM ({union_sql}) visible", tuple(union_params)),  # noqa: S608
    )


class ReadOnlyFile(Exception):
    """An edit of an anonymised file: its state, not the actor's rights, refuses it (the
    web and the API answer 409 Conflict with this message)."""

    message = _("Cette fiche est anonymisée : elle ne peut plus être modifiée.")


def get_youth(actor: Actor, pk: int, *, edit: bool = False) -> Youth:
    """The file, or a 404; ``edit``: for a change, so an anonymised file refuses it here,
    the one door of every change made to a file (``ReadOnlyFile``)."""
    if edit and not actor.can(Perm.EDIT_YOUTH):
        raise Http404
    youth = (
        youths_visible_to(actor)
        .select_related("residence_commune", "residence_qpv", "holder_structure")
        .filter(pk=pk)
        .first()
    )
    if youth is None:
        raise Http404
    if edit and youth.anonymised_at is not None:
        raise ReadOnlyFile
    audit.log(actor, AuditEvent.Action.READ, OBJECT_TYPE, youth.pk)
    return youth


def list_youths(actor: Actor, queryset: QuerySet[Youth] | None = None) -> Sequence[Youth]:
    """Evaluate a (filtered, sliced) visible queryset and log which files were shown."""
    qs = queryset if queryset is not None else youths_visible_to(actor)
    youths = list(qs)
    if youths:
        audit.log(
            actor, AuditEvent.Action.LIST, OBJECT_TYPE, object_ids=[youth.pk for youth in youths]
        )
    return youths


def structures_seeing(youth: Youth, consents: Sequence[Consent] | None = None) -> set[int]:
    """The structures that see this file: its holder and those an active sharing consent
    names (the same rule as ``youths_visible_to``, from the file's side). ``consents``:
    all of the file's consents, already loaded with their ``shared_with`` (the file page
    has them), spares the query."""
    shared: Iterable[int | None]
    if consents is not None:
        shared = [
            structure.pk
            for consent in consents
            if consent.purpose == Consent.Purpose.SHARING and consent.withdrawn_on is None
            for structure in consent.shared_with.all()
        ]
    else:
        shared = Consent.objects.filter(
            youth=youth, purpose=Consent.Purpose.SHARING, withdrawn_on__isnull=True
        ).values_list("shared_with", flat=True)
    return {youth.holder_structure_id, *(pk for pk in shared if pk is not None)}


def attached_visible_to(
    actor: Actor, queryset: QuerySet[M], youth_field: str = "youth"
) -> QuerySet[M]:
    """Objects attached to a young person (consents, enrolments, diagnostics…), limited to
    the files the actor sees. Unlogged, like ``youths_visible_to``."""
    return queryset.filter(**{f"{youth_field}__in": youths_visible_to(actor)})
