import numpy as np

from accroche.linkage.blocking import _pairs_within_groups, candidate_links, candidate_pairs
from accroche.linkage.normalise import normalise, to_table
from bench.synthetic import dataset, true_pairs


def test_pairs_are_all_pairs_within_each_group_and_only_those():
    groups = np.array([0, 1, 0, -1, 1, 0, 2])
    i, j = _pairs_within_groups(groups, max_block=10)
    assert sorted(zip(i.tolist(), j.tolist(), strict=True)) == [(0, 2), (0, 5), (1, 4), (2, 5)]


def test_a_key_shared_by_too_many_files_gives_no_pair():
    i, _j = _pairs_within_groups(np.array([0, 0, 0, 1, 1]), max_block=2)
    assert i.tolist() == [3]


def test_blocking_finds_almost_every_true_pair_and_few_others():
    records = dataset(2_000, seed=7)
    table = to_table([normalise(record) for record in records])
    i, j = candidate_pairs(table)
    found = set(zip(i.tolist(), j.tolist(), strict=True))
    truth = true_pairs(records)
    assert len(found & truth) / len(truth) >= 0.95
    assert len(found) < 20 * len(records)  # nothing like the 2 million possible pairs


def test_linking_two_tables_pairs_only_across():
    rows = [normalise({"first_name": "Aya", "last_name": "Diallo", "phone": "0612345678"})]
    a, b = to_table(rows * 2), to_table(rows)
    i, j = candidate_links(a, b, {"phone": lambda t: t["phone"]})
    assert sorted(zip(i.tolist(), j.tolist(), strict=True)) == [(0, 0), (1, 0)]
