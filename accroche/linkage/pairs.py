"""Candidate pairs and the columns a comparison reads from them."""

from collections.abc import Callable
from typing import Any, cast

import numpy as np
import numpy.typing as npt

from accroche.linkage.normalise import Table

NULL = -1  # level of a comparison that cannot be made (a value is missing): weight 0


class Pairs:
    """Candidate pairs (a[ia[i]], b[ib[i]]) with the columns they need, taken once."""

    def __init__(self, a: Table, b: Table, ia: np.ndarray, ib: np.ndarray) -> None:
        self.tables = (a, b)
        self.index = (ia, ib)
        self.n = len(ia)
        self._memo: dict[Any, np.ndarray] = {}

    def a(self, field: str) -> np.ndarray:
        return self.memo(("a", field), lambda: self.tables[0][field][self.index[0]])

    def b(self, field: str) -> np.ndarray:
        return self.memo(("b", field), lambda: self.tables[1][field][self.index[1]])

    def id_a(self, field: str) -> np.ndarray:
        """Hash ids of a string field (0 when empty): equality without string compares."""
        return self.memo(("a#", field), lambda: self._ids(0, field))

    def id_b(self, field: str) -> np.ndarray:
        return self.memo(("b#", field), lambda: self._ids(1, field))

    def _ids(self, side: int, field: str) -> np.ndarray:
        table = self.tables[side]
        if f"{field}#" in table:
            return cast(npt.NDArray[np.int64], table[f"{field}#"][self.index[side]])
        column = self.a(field) if side == 0 else self.b(field)
        return np.array([hash(value) if value else 0 for value in column], dtype=np.int64)

    def memo(self, key: Any, compute: Callable[[], np.ndarray]) -> np.ndarray:
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]
