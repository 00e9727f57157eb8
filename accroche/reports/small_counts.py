"""One small-count rule for every figure that leaves the structures holding the files.

Whoever may not read the files (evaluators, partners: without ``Perm.SEE_SMALL_COUNTS``)
sees a count of 1 to 4 people as ``MASKED`` ("< 5"), the threshold of the evaluation
export (``pseudonymise.MIN_CELL``), on the pages, in their downloads and in the API. Zero
is shown: it is nobody. Totals stay the true totals (never the sum of what is shown);
so that a masked cell cannot be found again by subtracting the others from the total,
a group (the cells adding up to one total) with a single masked cell hides its next
smallest cell too, shown ``AT_LEAST`` ("≥ 5"), which it is. A total under 5 is masked
like any cell."""

from collections.abc import Sequence

from accroche.access.actor import Actor
from accroche.access.permissions import Perm
from accroche.reports.pseudonymise import MIN_CELL

MASKED = f"< {MIN_CELL}"
AT_LEAST = f"≥ {MIN_CELL}"
Shown = int | str


def sees_small_counts(actor: Actor) -> bool:
    return actor.can(Perm.SEE_SMALL_COUNTS)


def _small(value: int) -> bool:
    return 0 < value < MIN_CELL


def mask_small(value: int, actor: Actor) -> Shown:
    """One figure, as this actor may see it."""
    if sees_small_counts(actor) or not _small(value):
        return value
    return MASKED


def mask_group(cells: Sequence[int], total: int, actor: Actor) -> tuple[list[Shown], Shown]:
    """Cells adding up to ``total``, and the total, as this actor may see them."""
    if sees_small_counts(actor):
        return list(cells), total
    shown: list[Shown] = [MASKED if _small(value) else value for value in cells]
    shown_total = mask_small(total, actor)
    masked = [i for i, value in enumerate(cells) if _small(value)]
    if len(masked) == 1 and shown_total != MASKED:
        others = [i for i, value in enumerate(cells) if value and i not in masked]
        if others:
            shown[min(others, key=lambda i: cells[i])] = AT_LEAST
    return shown, shown_total
