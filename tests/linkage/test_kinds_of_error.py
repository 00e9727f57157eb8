"""Each kind of error field workers make still finds the pair: it shares a blocking key
and scores as the same person, in clear and through the Bloom-filter encodings."""

import datetime

import numpy as np
import pytest

from accroche.linkage.blocking import record_keys
from accroche.linkage.normalise import normalise, to_table
from accroche.linkage.pprl_model import PPRL_MODEL, encoder
from accroche.linkage.score import score
from accroche.linkage.youth_model import YOUTH_MODEL, for_population
from tests.linkage.conftest import KEVIN

POPULATION = 5_000
KEY = b"k" * 32

VARIANTS = {
    "accents": {"first_name": "Kevin", "last_name": "DURAND"},
    "hyphen": {"first_name": "Kévin-Durand", "last_name": ""},
    "compound last name": {"last_name": "Durand-Traoré"},
    "compound first name": {"first_name": "Jean-Kévin"},
    "nickname": {"first_name": "Kev"},
    "typo transposition": {"first_name": "Kévni"},
    "first and last names swapped": {"first_name": "Durand", "last_name": "Kévin"},
    "phonetic": {"last_name": "Durant"},
    "day and month swapped": {"birth_date": datetime.date(2004, 12, 3)},
    "year off by one": {"birth_date": datetime.date(2005, 3, 12)},
    "year only": {"birth_date": None, "birth_year": 2004},
    "phone format": {"phone": "+33 6 12 34 56 78"},
    "phone typo": {"phone": "06 12 34 56 87", "birth_date": None},
    "email case": {"email": "KEVIN.DURAND@GMAIL.COM", "birth_date": None},
}
BASE = KEVIN | {"email": "kevin.durand@gmail.com"}


def pair_table(variant: dict) -> tuple[dict, dict]:
    rows = [normalise(BASE), normalise(BASE | variant)]
    return rows[0], rows[1]


@pytest.mark.parametrize("kind", list(VARIANTS))
def test_the_pair_shares_a_blocking_key(kind):
    first, second = pair_table(VARIANTS[kind])
    keys = record_keys(to_table([first, second]))
    assert set(keys[0]) & set(keys[1])


@pytest.mark.parametrize("kind", list(VARIANTS))
def test_the_pair_scores_as_the_same_person(kind):
    table = to_table(pair_table(VARIANTS[kind]))
    scored = score(
        for_population(YOUTH_MODEL, POPULATION), table, table, np.array([0]), np.array([1])
    )
    assert scored.probability[0] >= 0.5


@pytest.mark.parametrize("kind", list(VARIANTS))
def test_the_pair_scores_as_the_same_person_through_encodings(kind):
    first, second = pair_table(VARIANTS[kind])
    encoded = encoder(KEY).stored_table([first, second], ["1", "2"])
    scored = score(
        for_population(PPRL_MODEL, POPULATION), encoded, encoded, np.array([0]), np.array([1])
    )
    assert scored.probability[0] >= 0.5


def test_a_sibling_is_not_the_same_person():
    sibling = {
        "first_name": "Inès",
        "birth_date": datetime.date(2007, 9, 1),
        "gender": "woman",
        "phone": "07 11 22 33 44",
        "email": "",
    }
    table = to_table(pair_table(sibling))
    scored = score(
        for_population(YOUTH_MODEL, POPULATION), table, table, np.array([0]), np.array([1])
    )
    assert scored.probability[0] < 0.5


def test_a_namesake_born_another_day_is_not_the_same_person():
    namesake = {"birth_date": datetime.date(2001, 7, 25), "phone": "07 99 88 77 66", "email": ""}
    table = to_table(pair_table(namesake))
    scored = score(
        for_population(YOUTH_MODEL, POPULATION), table, table, np.array([0]), np.array([1])
    )
    assert scored.probability[0] < 0.5


def test_reasons_say_what_brings_the_files_together_and_apart():
    table = to_table(pair_table(VARIANTS["day and month swapped"]))
    scored = score(YOUTH_MODEL, table, table, np.array([0]), np.array([1]))
    codes = {(r.comparison, r.level) for r in YOUTH_MODEL.explain(scored.levels[0])}
    assert {("birth", "swapped"), ("given", "exact"), ("phone", "exact")} <= codes


def test_a_shared_nickname_is_counted_once():
    rows = [normalise({"nickname": "Momo", "birth_year": 2004}) for _ in range(2)]
    table = to_table(rows)
    scored = score(YOUTH_MODEL, table, table, np.array([0]), np.array([1]))
    assert [r.comparison for r in YOUTH_MODEL.explain(scored.levels[0])].count("given") == 0
