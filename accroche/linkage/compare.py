"""Vectorised comparisons: each takes the pairs (two tables and two index arrays) and
returns one level index per pair. String similarity comes from rapidfuzz (Jaro–Winkler,
Damerau–Levenshtein, token sets), computed in C over all pairs at once."""

from collections.abc import Callable, Sequence
from typing import cast

import numpy as np
import numpy.typing as npt
from rapidfuzz import fuzz, process
from rapidfuzz.distance import DamerauLevenshtein, JaroWinkler

from accroche.linkage.pairs import NULL, Pairs

# Threads rapidfuzz may use; the benchmark raises it, a web request keeps one.
WORKERS = 1


def jaro_winkler(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    if len(x) == 0:
        return np.zeros(0, dtype=np.float32)
    return process.cpdist(
        x, y, scorer=JaroWinkler.normalized_similarity, dtype=np.float32, workers=WORKERS
    )


def edit_distance(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Damerau–Levenshtein: a transposition ("0612" / "0621") costs one edit."""
    if len(x) == 0:
        return np.zeros(0, dtype=np.int32)
    return process.cpdist(x, y, scorer=DamerauLevenshtein.distance, dtype=np.int32, workers=WORKERS)


def contained(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """The words of one value are all in the other: 'diallo' / 'diallo camara'."""
    if len(x) == 0:
        return np.zeros(0, dtype=bool)
    ratio = process.cpdist(x, y, scorer=fuzz.token_set_ratio, dtype=np.float32, workers=WORKERS)
    return ratio >= 100


def only(
    mask: np.ndarray,
    measure: Callable[[np.ndarray, np.ndarray], np.ndarray],
    x: np.ndarray,
    y: np.ndarray,
    default: float,
) -> np.ndarray:
    """``measure(x, y)`` computed only where ``mask`` holds (the costly string measures
    are skipped for pairs whose level is already decided), ``default`` elsewhere."""
    if mask.all():
        return measure(x, y)
    out = np.full(len(x), default, dtype=np.float32)
    if mask.any():
        out[mask] = measure(x[mask], y[mask])
    return out


def present(x: np.ndarray) -> np.ndarray:
    return cast(npt.NDArray[np.bool_], x != "")


def select(conditions: Sequence[np.ndarray], comparable: np.ndarray) -> np.ndarray:
    """Level = index of the first true condition, len(conditions) if none, NULL if the
    pair is not comparable."""
    out = np.full(len(comparable), len(conditions), dtype=np.int8)
    for index in range(len(conditions) - 1, -1, -1):
        out[conditions[index]] = index
    out[~comparable] = NULL
    return out


# --- generic comparisons, used by the benchmark models --------------------------------


def exact(field: str) -> Callable[[Pairs], np.ndarray]:
    def compute(p: Pairs) -> np.ndarray:
        x, y = p.a(field), p.b(field)
        return select([x == y], present(x) & present(y))

    return compute


def similar(field: str, thresholds: Sequence[float]) -> Callable[[Pairs], np.ndarray]:
    """exact, then Jaro–Winkler ≥ each threshold, then different."""

    def compute(p: Pairs) -> np.ndarray:
        x, y = p.a(field), p.b(field)
        similarity = jaro_winkler(x, y)
        return select([x == y, *(similarity >= t for t in thresholds)], present(x) & present(y))

    return compute


def edits(field: str, distances: Sequence[int]) -> Callable[[Pairs], np.ndarray]:
    """exact, then at most each number of edits, then different."""

    def compute(p: Pairs) -> np.ndarray:
        x, y = p.a(field), p.b(field)
        distance = edit_distance(x, y)
        return select([x == y, *(distance <= d for d in distances)], present(x) & present(y))

    return compute


# --- dates ------------------------------------------------------------------------------


def _digits8(year: np.ndarray, month: np.ndarray, day: np.ndarray) -> np.ndarray:
    value = year.astype(np.int64) * 10_000 + month.astype(np.int64) * 100 + day
    return np.stack([(value // 10**k) % 10 for k in range(7, -1, -1)], axis=1)


def one_digit_off(
    ya: np.ndarray, ma: np.ndarray, da: np.ndarray, yb: np.ndarray, mb: np.ndarray, db: np.ndarray
) -> np.ndarray:
    """yyyymmdd differ by one digit, or by two adjacent digits swapped."""
    x, y = _digits8(ya, ma, da), _digits8(yb, mb, db)
    differ = x != y
    count = differ.sum(axis=1)
    adjacent = differ[:, :-1] & differ[:, 1:]
    swapped = adjacent & (x[:, :-1] == y[:, 1:]) & (x[:, 1:] == y[:, :-1])
    return cast(npt.NDArray[np.bool_], (count == 1) | ((count == 2) & swapped.any(axis=1)))


DATE_LEVELS = (
    "exact",
    "day_month_swapped",
    "typo",
    "year_off_by_one",
    "same_year",
    "year_near",
    "different",
)


def birth_date(p: Pairs) -> np.ndarray:
    ya, ma, da = p.a("dob_y"), p.a("dob_m"), p.a("dob_d")
    yb, mb, db = p.b("dob_y"), p.b("dob_m"), p.b("dob_d")
    full = (ma > 0) & (mb > 0) & (da > 0) & (db > 0)
    same_year = ya == yb
    gap = np.abs(ya.astype(np.int32) - yb.astype(np.int32))
    # One digit off leaves two of year, month and day equal: measure only those pairs.
    near = full & ((same_year & ((ma == mb) | (da == db))) | ((ma == mb) & (da == db)))
    typo = np.zeros(len(ya), dtype=bool)
    if near.any():
        typo[near] = one_digit_off(ya[near], ma[near], da[near], yb[near], mb[near], db[near])
    return select(
        [
            full & same_year & (ma == mb) & (da == db),
            full & same_year & (da == mb) & (ma == db),
            typo,
            full & (gap == 1) & (ma == mb) & (da == db),
            ~full & same_year,
            ~full & (gap == 1),
        ],
        (ya > 0) & (yb > 0),
    )
