"""Tolerant search of young people: accents, case, hyphens, common misspellings, phone.

Works on any queryset, so it always runs inside what the access layer lets a user see."""

from django.db.models import Q, QuerySet

from accroche.text import digits, fold, phonetic, phonetic_text
from accroche.youth.models import Youth

MIN_PHONE_DIGITS = 4


def refresh_search_fields(youth: Youth) -> None:
    names = " ".join(part for part in (youth.first_name, youth.nickname, youth.last_name) if part)
    youth.search_text = fold(f"{names} {youth.social_handle}")[:400]
    youth.search_phonetic = phonetic_text(names)[:400]
    youth.phone_digits = digits(youth.phone)[-30:]


SEARCH_FIELDS = ["search_text", "search_phonetic", "phone_digits"]


def search_youths(queryset: QuerySet[Youth], query: str) -> QuerySet[Youth]:
    """Every word of the query must match a name (folded or by sound) or the phone."""
    query_digits = digits(query)
    if (
        len(query_digits) >= MIN_PHONE_DIGITS
        and len(query_digits) >= len(query.replace(" ", "")) - 1
    ):
        # "06 12 34" or "+33612": a phone number, whatever the spacing.
        tail = query_digits[-9:] if query_digits.startswith(("33", "0033")) else query_digits
        return queryset.filter(phone_digits__contains=tail.lstrip("0") or tail)
    for word in fold(query).split():
        condition = Q(search_text__contains=word)
        key = phonetic(word)
        if len(key) >= 2:
            condition |= Q(search_phonetic__contains=key)
        queryset = queryset.filter(condition)
    return queryset
