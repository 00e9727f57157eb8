"""A Fellegi–Sunter model: each comparison puts a pair at one *level* (exact, close,
different…); each level carries m = P(level | same person) and u = P(level | different
people); the pair's match weight is the sum of log2(m/u) plus the prior log-odds, and its
probability follows. The weights are also the *reasons* shown to a user.

Parameters are either set by hand (the youth model, see ``youth_model.py``) or estimated
without labels: u from random pairs, m and the prior by expectation–maximisation on the
blocked pairs (``estimate``), as splink and the original Fellegi–Sunter papers do."""

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, cast

import numpy as np
import numpy.typing as npt

from accroche.linkage.normalise import Table
from accroche.linkage.pairs import NULL, Pairs


@dataclass(frozen=True)
class Level:
    code: str
    label: Any  # French, lazily translated; the reason shown to a user
    m: float
    u: float

    @property
    def weight(self) -> float:
        return float(np.log2(self.m / self.u))


Compute = Callable[[Pairs], np.ndarray]


@dataclass(frozen=True)
class Comparison:
    name: str
    levels: tuple[Level, ...]
    compute: Compute  # → one level index per pair (int8), NULL when not comparable

    def weights(self) -> np.ndarray:
        return np.array([level.weight for level in self.levels], dtype=np.float64)


@dataclass(frozen=True)
class Model:
    comparisons: tuple[Comparison, ...]
    prior: float  # P(same person) for a pair that blocking proposed

    def levels(self, a: Table, b: Table, ia: np.ndarray, ib: np.ndarray) -> np.ndarray:
        """(pairs × comparisons) level matrix."""
        pairs = Pairs(a, b, ia, ib)
        out = np.empty((len(ia), len(self.comparisons)), dtype=np.int8)
        for k, comparison in enumerate(self.comparisons):
            out[:, k] = comparison.compute(pairs)
        return out

    def weight(self, levels: np.ndarray) -> np.ndarray:
        total = np.full(len(levels), np.log2(self.prior / (1 - self.prior)))
        for k, comparison in enumerate(self.comparisons):
            table = np.append(comparison.weights(), 0.0)  # index -1 (NULL) → 0
            total += table[levels[:, k]]
        return total

    def explain(self, levels_row: Sequence[int]) -> list["Reason"]:
        reasons = [
            Reason(self.comparisons[k].name, level.code, level.label, level.weight)
            for k, index in enumerate(levels_row)
            if index != NULL
            for level in (self.comparisons[k].levels[index],)
        ]
        return sorted(reasons, key=lambda reason: -abs(reason.weight))


@dataclass(frozen=True)
class Reason:
    comparison: str
    level: str
    label: Any
    weight: float

    @property
    def supports(self) -> bool:
        return self.weight >= 1

    @property
    def opposes(self) -> bool:
        return self.weight <= -1


def probability(weight: np.ndarray) -> np.ndarray:
    return cast(npt.NDArray[np.float64], 1.0 / (1.0 + np.exp2(-np.clip(weight, -60, 60))))


@dataclass
class Scored:
    ia: np.ndarray
    ib: np.ndarray
    levels: np.ndarray
    weight: np.ndarray
    probability: np.ndarray = field(init=False)

    def __post_init__(self) -> None:
        self.probability = probability(self.weight)

    def above(self, threshold: float) -> "Scored":
        keep = self.probability >= threshold
        return Scored(self.ia[keep], self.ib[keep], self.levels[keep], self.weight[keep])


def score(model: Model, a: Table, b: Table, ia: np.ndarray, ib: np.ndarray) -> Scored:
    levels = model.levels(a, b, ia, ib)
    return Scored(ia, ib, levels, model.weight(levels))


def matches(
    model: Model,
    a: Table,
    b: Table,
    ia: np.ndarray,
    ib: np.ndarray,
    threshold: float,
    *,
    chunk: int = 2_000_000,
) -> Scored:
    """The pairs at or above ``threshold``, scored by chunks so that memory stays bounded
    whatever the number of pairs."""
    parts = [
        score(model, a, b, ia[start : start + chunk], ib[start : start + chunk]).above(threshold)
        for start in range(0, len(ia), chunk)
    ] or [score(model, a, b, ia, ib)]
    return Scored(
        np.concatenate([part.ia for part in parts]),
        np.concatenate([part.ib for part in parts]),
        np.concatenate([part.levels for part in parts]),
        np.concatenate([part.weight for part in parts]),
    )


# --- estimation without labels -------------------------------------------------------


def level_frequencies(levels: np.ndarray, model: Model, smoothing: float = 0.5) -> list[np.ndarray]:
    """Share of each level among the comparable pairs, per comparison (Laplace-smoothed)."""
    out = []
    for k, comparison in enumerate(model.comparisons):
        column = levels[:, k]
        counts = np.bincount(column[column != NULL], minlength=len(comparison.levels))
        smoothed = counts.astype(np.float64) + smoothing
        out.append(smoothed / smoothed.sum())
    return out


def with_parameters(model: Model, m: list[np.ndarray], u: list[np.ndarray], prior: float) -> Model:
    comparisons = tuple(
        replace(
            comparison,
            levels=tuple(
                replace(level, m=float(m[k][i]), u=float(u[k][i]))
                for i, level in enumerate(comparison.levels)
            ),
        )
        for k, comparison in enumerate(model.comparisons)
    )
    return Model(comparisons, prior)


def estimate(
    model: Model,
    blocked_levels: np.ndarray,
    random_levels: np.ndarray,
    *,
    total_pairs: int,
    iterations: int = 40,
) -> Model:
    """Parameters without labels. m by EM on the blocked pairs (Winkler 1988); u from
    random pairs (nearly all of them non-matches), so that agreeing on a name that
    blocking already required still counts for what it is worth in the population; the
    prior is the estimated number of matches over all ``total_pairs`` pairs.

    Blocking is a function of the compared values, so P(match | levels, blocked) is
    P(match | levels): scoring blocked pairs with population u and prior is consistent."""
    u_random = level_frequencies(random_levels, model)
    u = [
        (x + y) / 2 for x, y in zip(u_random, level_frequencies(blocked_levels, model), strict=True)
    ]
    m = [np.array([level.m for level in c.levels], dtype=np.float64) for c in model.comparisons]
    m = [column / column.sum() for column in m]
    prior = model.prior
    g = np.zeros(len(blocked_levels))
    for _ in range(iterations):
        current = with_parameters(model, m, u, prior)
        g = probability(current.weight(blocked_levels))
        prior = float(np.clip(g.mean(), 1e-6, 1 - 1e-6))
        new_m: list[np.ndarray] = []
        new_u: list[np.ndarray] = []
        for k, comparison in enumerate(model.comparisons):
            column = blocked_levels[:, k]
            comparable = column != NULL
            n_levels = len(comparison.levels)
            for weights, out in ((g, new_m), (1 - g, new_u)):
                counts = np.bincount(
                    column[comparable], weights=weights[comparable], minlength=n_levels
                )
                out.append((counts + 1e-3) / (counts.sum() + 1e-3 * n_levels))
        m, u = new_m, new_u
    population_prior = float(np.clip(g.sum() / total_pairs, 1e-12, 0.5))
    return with_parameters(model, m, u_random, population_prior)


def prior_for(records: int, other_files_per_record: float) -> float:
    """P(two random files are the same person) in a population of ``records`` files."""
    return float(np.clip(other_files_per_record / max(records - 1, 1), 1e-12, 0.5))
