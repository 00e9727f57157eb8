"""Blocking: only pairs that share at least one *blocking key* are compared.

Each rule derives one key per record (or none); rules are chosen so that a pair with any
single kind of error (a misspelt name, a nickname, swapped first/last names, a wrong day,
month or year, a missing field) still shares at least one key. The same rules give the
keys stored per young person (``LinkageKey``, as keyed hashes) for one-record look-ups,
and the candidate pairs of a whole table (the review queue, the benchmark)."""

from collections.abc import Callable

import numpy as np

from accroche.linkage.compare import present
from accroche.linkage.normalise import Table

Rule = Callable[[Table], np.ndarray]
NONE = ""


def _join(*columns: np.ndarray) -> np.ndarray:
    ok = np.ones(len(columns[0]), dtype=bool)
    out = columns[0]
    for column in columns:
        ok &= present(column)
    for column in columns[1:]:
        out = out + "|" + column
    return np.where(ok, out, NONE)


def _text(numbers: np.ndarray) -> np.ndarray:
    return np.where(numbers > 0, numbers.astype(str).astype(object), NONE)


def _prefix(column: np.ndarray, length: int) -> np.ndarray:
    return np.array([value[:length] for value in column], dtype=object)


def _day_month(t: Table) -> np.ndarray:
    """Day and month in either order, so a swapped day and month share the key."""
    low = np.minimum(t["dob_d"], t["dob_m"])
    high = np.maximum(t["dob_d"], t["dob_m"])
    return np.where(low > 0, _join(_text(low), _text(high)), NONE)


def _date_any_order(t: Table) -> np.ndarray:
    return _join(_text(t["dob_y"]), _day_month(t))


# Every key combines enough values to stay selective when there are millions of files:
# a key shared by a fixed share of the population makes pairs grow with its square.


def names(t: Table) -> np.ndarray:
    """Both names by sound, in either order (first and last names swapped)."""
    given, last = t["given_ph"], t["last_ph"]
    ordered = np.where(given <= last, given + "|" + last, last + "|" + given)
    return np.where(present(given) & present(last), ordered, NONE)


def last_year(t: Table) -> np.ndarray:
    """A misspelt first name: last name, birth year, first letter of the first name."""
    return _join(t["last_ph"], _text(t["dob_y"]), _prefix(t["given_canon"], 1))


def given_last_start(t: Table) -> np.ndarray:
    """A misspelt last name and no usable date: first name and the last name's start."""
    return _join(t["given_ph"], _prefix(t["last"], 3))


def last_given_start(t: Table) -> np.ndarray:
    return _join(t["last_ph"], _prefix(t["given_canon"], 3))


def given_day_month(t: Table) -> np.ndarray:
    """First name and birthday whatever the year (a year off by one), last name's start."""
    return _join(t["given_ph"], _day_month(t), _prefix(t["last"], 1))


def last_day_month(t: Table) -> np.ndarray:
    return _join(t["last_ph"], _day_month(t))


def date_given_start(t: Table) -> np.ndarray:
    """Last name missing or changed: date and the first name's start."""
    return _join(_date_any_order(t), _prefix(t["given_canon"], 2))


def date_last_start(t: Table) -> np.ndarray:
    return _join(_date_any_order(t), _prefix(t["last"], 2))


def date_initials(t: Table) -> np.ndarray:
    """Date and both initials in either order (swapped names with a typo)."""
    given, last = _prefix(t["given_canon"], 1), _prefix(t["last"], 1)
    ordered = np.where(given <= last, given + last, last + given)
    return _join(_date_any_order(t), np.where(present(given) & present(last), ordered, NONE))


def phone(t: Table) -> np.ndarray:
    return t["phone"]


def phone_start(t: Table) -> np.ndarray:
    """A typo in the end of the number keeps its start, and the reverse."""
    return _prefix(t["phone"], 7)


def phone_end(t: Table) -> np.ndarray:
    ends = np.array([value[5:] for value in t["phone"]], dtype=object)
    return _join(ends, _prefix(t["given_canon"], 1))


def email(t: Table) -> np.ndarray:
    return t["email"]


def nickname_year(t: Table) -> np.ndarray:
    return _join(t["nick"], _text(t["dob_y"]))


def nickname_commune(t: Table) -> np.ndarray:
    return _join(t["nick"], t["commune"])


def handle(t: Table) -> np.ndarray:
    return t["handle"]


YOUTH_RULES: dict[str, Rule] = {
    "names": names,
    "last_year": last_year,
    "given_last": given_last_start,
    "last_given": last_given_start,
    "given_dm": given_day_month,
    "last_dm": last_day_month,
    "date_given": date_given_start,
    "date_last": date_last_start,
    "date_initials": date_initials,
    "phone": phone,
    "phone_start": phone_start,
    "phone_end": phone_end,
    "email": email,
    "nick_year": nickname_year,
    "nick_commune": nickname_commune,
    "handle": handle,
}


def record_keys(table: Table, rules: dict[str, Rule] = YOUTH_RULES) -> list[list[str]]:
    """Per record, its keys as 'rule:value' strings (the stored keys are their hashes)."""
    out: list[list[str]] = [[] for _ in range(len(next(iter(table.values()))))]
    for rule_name, rule in rules.items():
        for index, key in enumerate(rule(table)):
            if key:
                out[index].append(f"{rule_name}:{key}")
    return out


# --- candidate pairs of a whole table ----------------------------------------------------


def _pairs_within_groups(groups: np.ndarray, max_block: int) -> tuple[np.ndarray, np.ndarray]:
    """All pairs (i < j) of records with the same group id (≥ 0), skipping groups larger
    than ``max_block`` (a key that common says nothing)."""
    records = np.flatnonzero(groups >= 0)
    order = records[np.argsort(groups[records], kind="stable")]
    sorted_groups = groups[order]
    if len(order) < 2:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    starts = np.flatnonzero(np.r_[True, sorted_groups[1:] != sorted_groups[:-1]])
    sizes = np.diff(np.r_[starts, len(order)])
    size_of = np.repeat(sizes, sizes)
    rank = np.arange(len(order)) - np.repeat(starts, sizes)
    followers = np.where(size_of <= max_block, size_of - rank - 1, 0)
    left = np.repeat(np.arange(len(order)), followers)
    offset = np.arange(len(left)) - np.repeat(np.cumsum(followers) - followers, followers) + 1
    i, j = order[left], order[left + offset]
    return np.minimum(i, j), np.maximum(i, j)


def _group_ids(keys: np.ndarray) -> np.ndarray:
    """One non-negative group id per key (hashes: sorting a million strings is slow), -1
    for none."""
    hashes = np.array([hash(key) if key else -1 for key in keys], dtype=np.int64)
    return np.where(hashes == -1, -1, hashes & 0x7FFF_FFFF_FFFF_FFFF)


def candidate_pairs(
    table: Table, rules: dict[str, Rule] = YOUTH_RULES, *, max_block: int = 200
) -> tuple[np.ndarray, np.ndarray]:
    """Distinct pairs (i < j) of a table sharing at least one blocking key."""
    n = len(next(iter(table.values())))
    codes = []
    for rule in rules.values():
        i, j = _pairs_within_groups(_group_ids(rule(table)), max_block)
        codes.append(i * n + j)
    unique = np.unique(np.concatenate(codes)) if codes else np.zeros(0, np.int64)
    return unique // n, unique % n


def candidate_links(
    a: Table, b: Table, rules: dict[str, Rule], *, max_block: int = 200
) -> tuple[np.ndarray, np.ndarray]:
    """Pairs (a record of ``a``, a record of ``b``) sharing at least one blocking key."""
    n_a = len(next(iter(a.values())))
    both = {field: np.concatenate([a[field], b[field]]) for field in a}
    i, j = candidate_pairs(both, rules, max_block=max_block)
    cross = (i < n_a) & (j >= n_a)
    return i[cross], j[cross] - n_a
