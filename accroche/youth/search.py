"""Tolerant search of young people: accents, case, hyphens, common misspellings, phone.

Works on any queryset, so it always runs inside what the access layer lets a user see."""

from typing import Any, cast

from django.core.cache import caches
from django.db.models import F, Q, QuerySet, Value
from django.db.models.functions import Concat
from django.db.models.lookups import Contains

from accroche.access.actor import Actor
from accroche.access.permissions import Perm
from accroche.text import digits, fold, phonetic, phonetic_text
from accroche.youth.access import count_visible
from accroche.youth.models import Youth

MIN_PHONE_DIGITS = 4


def refresh_search_fields(youth: Youth) -> None:
    names = " ".join(part for part in (youth.first_name, youth.nickname, youth.last_name) if part)
    youth.search_text = fold(f"{names} {youth.social_handle}")[:400]
    youth.search_phonetic = phonetic_text(names)[:400]
    youth.phone_digits = digits(youth.phone)[-30:]


SEARCH_FIELDS = ["search_text", "search_phonetic", "phone_digits"]


def search_youths(queryset: QuerySet[Youth], query: str, *, scan: bool = False) -> QuerySet[Youth]:
    """Every word of the query must match a name (folded or by sound) or the phone.

    ``scan``: compare the rows of ``queryset`` one by one instead of asking the trigram
    indexes (``search_visible`` decides). Same rows either way."""

    def contains(field: str, text: str) -> Contains:
        # ``field || ''`` is the same text, but no index is on it: PostgreSQL then reads
        # the queryset's own rows (a structure's files) rather than every file matching.
        column: Any = Concat(field, Value("")) if scan else F(field)
        return Contains(column, text)

    query_digits = digits(query)
    if (
        len(query_digits) >= MIN_PHONE_DIGITS
        and len(query_digits) >= len(query.replace(" ", "")) - 1
    ):
        # "06 12 34" or "+33612": a phone number, whatever the spacing.
        tail = query_digits[-9:] if query_digits.startswith(("33", "0033")) else query_digits
        return queryset.filter(contains("phone_digits", tail.lstrip("0") or tail))
    for word in fold(query).split():
        condition = Q(contains("search_text", word))
        key = phonetic(word)
        if len(key) >= 2:
            condition |= Q(contains("search_phonetic", key))
        queryset = queryset.filter(condition)
    return queryset


# Below this many visible files, reading them is cheaper than the trigram indexes, whose
# cost grows with the whole table: for a structure seeing 1,034 files among 1.5 million,
# 60 surnames cut to five letters took p50 7.3-9.7 / p95 33-48 ms by the indexes and
# p50 5.8 / p95 7.4-8.3 ms read one by one (the page's query, in-process). Reading costs
# about 4 µs per file: 20 ms at this limit.
SCAN_LIMIT = 5_000
# How long a structure's count of visible files is kept to choose: it changes the plan
# only, never the rows found.
SIZE_SECONDS = 600


def search_visible(actor: Actor, queryset: QuerySet[Youth], query: str) -> QuerySet[Youth]:
    """``search_youths`` on a queryset within what the actor sees, by the cheaper plan."""
    return search_youths(queryset, query, scan=plan_is_scan(actor))


def plan_is_scan(actor: Actor) -> bool:
    if not actor.can(Perm.VIEW_YOUTH):
        return True  # nothing to read
    size = caches["local"].get_or_set(
        f"visible-count:{actor.structure_id}", lambda: count_visible(actor), SIZE_SECONDS
    )
    return cast(int, size) <= SCAN_LIMIT
