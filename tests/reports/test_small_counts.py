"""The small-count rule on hand-written figures (accroche.reports.small_counts)."""

from accroche.access.permissions import Perm
from accroche.reports.small_counts import mask_group, mask_small


class _Viewer:
    def __init__(self, *perms: Perm) -> None:
        self.perms = set(perms)

    def can(self, perm: Perm) -> bool:
        return perm in self.perms


OUTSIDE, HOLDER = _Viewer(), _Viewer(Perm.SEE_SMALL_COUNTS)


def test_one_to_four_people_are_masked_zero_and_five_are_not():
    assert [mask_small(n, OUTSIDE) for n in (0, 1, 4, 5, 12)] == [0, "< 5", "< 5", 5, 12]
    assert [mask_small(n, HOLDER) for n in (1, 4)] == [1, 4]


def test_a_single_masked_cell_hides_the_next_smallest_so_the_total_gives_nothing_away():
    # 6 women, 1 man, total 7: "7 − 6" would give the man away.
    assert mask_group([6, 1, 0, 0], 7, OUTSIDE) == (["≥ 5", "< 5", 0, 0], 7)
    # 9 + 6 + 2: the 6 goes, the 9 stays.
    assert mask_group([9, 6, 2], 17, OUTSIDE) == ([9, "≥ 5", "< 5"], 17)
    # Two masked cells already hide each other; a total under 5 is masked itself.
    assert mask_group([10, 2, 1], 13, OUTSIDE) == ([10, "< 5", "< 5"], 13)
    assert mask_group([3, 0], 3, OUTSIDE) == (["< 5", 0], "< 5")
    assert mask_group([6, 1], 7, HOLDER) == ([6, 1], 7)
