"""Identifiers of a young person, normalised for comparison.

A record (a Youth, a form's data, an imported row, a benchmark row) becomes one row of a
*table*: a dict of equal-length numpy arrays, one per normalised field, so that blocking
and comparison run vectorised on thousands or millions of pairs at once. Missing strings
are "" and missing numbers 0."""

import datetime
import re
from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import Any

import numpy as np

from accroche.linkage.nicknames import canonical_token
from accroche.text import digits, fold, phonetic

Table = dict[str, np.ndarray]

STRING_FIELDS = (
    "given",  # folded first name(s): "jean baptiste"
    "given_canon",  # diminutives and variants expanded: "seb" → "sebastien"
    "given_ph",  # French phonetic key of the canonical first name
    "nick",  # folded nickname
    "last",  # folded last name(s)
    "last_ph",  # phonetic key of the last name
    "phone",  # national significant number (9 digits for France)
    "email",
    "commune",  # INSEE code
    "gender",  # "f", "m" or ""
    "handle",  # social network handle, folded, without "@"
)
NUMBER_FIELDS = ("dob_y", "dob_m", "dob_d")  # birth year, month, day; 0 when unknown


@lru_cache(maxsize=200_000)
def name(value: str) -> str:
    """'  Jean-Baptiste ' → 'jean baptiste'; digits and punctuation dropped."""
    return " ".join(re.sub(r"[^a-z ]", " ", fold(value)).split())


@lru_cache(maxsize=200_000)
def canonical_given(folded: str) -> str:
    return " ".join(canonical_token(token) for token in folded.split())


@lru_cache(maxsize=200_000)
def phonetic_key(folded: str) -> str:
    return " ".join(key for key in (phonetic(token) for token in folded.split()) if key)


def phone_number(value: str) -> str:
    """'+33 6 12 34 56 78', '0033612345678', '06.12.34.56.78' → '612345678'."""
    number = digits(value)
    if number.startswith("0033"):
        number = number[4:]
    elif number.startswith("33") and len(number) == 11:
        number = number[2:]
    number = number.lstrip("0")
    return number if len(number) >= 6 else ""


def email_address(value: str) -> str:
    value = value.strip().lower()
    return value if "@" in value else ""


def handle(value: str) -> str:
    return fold(value).lstrip("@").replace(" ", "")


_GENDERS = {"woman": "f", "man": "m", "f": "f", "m": "m"}


def normalise(record: Mapping[str, Any]) -> dict[str, Any]:
    """One record → its normalised identifiers. Accepts the Youth field names
    (first_name, nickname, last_name, birth_date, birth_year, phone, email, gender,
    social_handle, residence_commune as a code or an object with ``.code``)."""
    given = name(record.get("first_name") or "")
    nick = name(record.get("nickname") or "")
    canon = canonical_given(given)
    if not canon and nick:
        # Met under a nickname only: a known diminutive still gives a first name.
        expanded = canonical_given(nick)
        canon = expanded if expanded != nick else ""
    last = name(record.get("last_name") or "")
    birth = record.get("birth_date")
    if isinstance(birth, str):
        birth = _parse_date(birth)
    year = birth.year if birth else int(record.get("birth_year") or 0)
    commune = record.get("residence_commune") or ""
    if not isinstance(commune, str):
        commune = getattr(commune, "code", "") or ""
    return {
        "given": given,
        "given_canon": canon,
        "given_ph": phonetic_key(canon),
        "nick": nick,
        "last": last,
        "last_ph": phonetic_key(last),
        "phone": phone_number(record.get("phone") or ""),
        "email": email_address(record.get("email") or ""),
        "commune": commune,
        "gender": _GENDERS.get(record.get("gender") or "", ""),
        "handle": handle(record.get("social_handle") or ""),
        "dob_y": year,
        "dob_m": birth.month if birth else 0,
        "dob_d": birth.day if birth else 0,
    }


def _parse_date(value: str) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        return None


def ids(column: Iterable[str]) -> np.ndarray:
    """Each string as a 64-bit hash (0 for none), for fast equality over millions of pairs.
    Python's string hash is stable within a process, which is all a comparison needs."""
    return np.fromiter((hash(value) if value else 0 for value in column), dtype=np.int64)


def to_table(rows: Iterable[Mapping[str, Any]]) -> Table:
    """Normalised rows (from ``normalise``) → columns, plus ``<field>#`` hash ids."""
    columns: dict[str, list[Any]] = {field: [] for field in (*STRING_FIELDS, *NUMBER_FIELDS)}
    for row in rows:
        for field, column in columns.items():
            column.append(row[field])
    table: Table = {}
    for field in STRING_FIELDS:
        table[field] = np.array(columns.pop(field), dtype=object)
        table[f"{field}#"] = ids(table[field])
    for field in NUMBER_FIELDS:
        table[field] = np.array(columns.pop(field), dtype=np.int16)
    # Cheap per-file features that spare the string measures most pairs: initials,
    # compound names, and both ends of phone numbers and e-mails.
    for field in ("given_canon", "last"):
        table[f"{field}^"] = np.array([ord(v[0]) if v else 0 for v in table[field]], np.int32)
        table[f"{field}_"] = np.array([" " in v for v in table[field]], dtype=bool)
    for field in ("phone", "email"):
        table[f"{field}<"] = ids(v[:4] for v in table[field])
        table[f"{field}>"] = ids(v[-4:] for v in table[field])
    return table


def table_of(records: Iterable[Mapping[str, Any]]) -> Table:
    return to_table(normalise(record) for record in records)


def take(table: Table, index: np.ndarray) -> Table:
    return {field: column[index] for field, column in table.items()}


def size(table: Table) -> int:
    return len(next(iter(table.values()))) if table else 0
