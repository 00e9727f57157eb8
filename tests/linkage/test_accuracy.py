"""Small, fast versions of bench/linkage.py: the full figures are in bench/results."""

import numpy as np

from accroche.linkage.blocking import candidate_links, candidate_pairs
from accroche.linkage.normalise import normalise, to_table
from accroche.linkage.pprl_model import PPRL_MODEL, encoder
from accroche.linkage.score import estimate, score
from accroche.linkage.youth_model import YOUTH_MODEL, for_population
from bench import febrl
from bench.synthetic import dataset, true_pairs


def f1(scored, truth):
    keep = scored.probability >= 0.5
    found = set(zip(scored.ia[keep].tolist(), scored.ib[keep].tolist(), strict=True))
    hits = len(found & truth)
    return 2 * hits / (len(found) + len(truth))


def synthetic(size: int = 1_000):
    records = dataset(size, seed=99)
    rows = [normalise(record) for record in records]
    table = to_table(rows)
    return rows, table, candidate_pairs(table), true_pairs(records)


def test_f1_on_a_french_synthetic_set():
    _rows, table, (ia, ib), truth = synthetic()
    scored = score(for_population(YOUTH_MODEL, len(_rows)), table, table, ia, ib)
    assert f1(scored, truth) >= 0.95


def test_f1_on_a_french_synthetic_set_through_encodings():
    rows, _table, (ia, ib), truth = synthetic()
    encoded = encoder(b"k" * 32).stored_table(rows, [str(i) for i in range(len(rows))])
    scored = score(for_population(PPRL_MODEL, len(rows)), encoded, encoded, ia, ib)
    assert f1(scored, truth) >= 0.93


def test_f1_on_febrl4_with_parameters_estimated_without_labels():
    data = febrl.load("febrl4")
    a, b = data["a"], data["b"]
    ia, ib = candidate_links(a, b, febrl.RULES)
    rng = np.random.default_rng(0)
    random_pairs = (rng.integers(0, 5_000, 100_000), rng.integers(0, 5_000, 100_000))
    model = estimate(
        febrl.MODEL,
        febrl.MODEL.levels(a, b, ia, ib),
        febrl.MODEL.levels(a, b, *random_pairs),
        total_pairs=5_000 * 5_000,
    )
    assert f1(score(model, a, b, ia, ib), data["truth"]) >= 0.99
