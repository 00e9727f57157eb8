"""The pure evaluator: each rule met / not met / unknown, with the data it used."""

import datetime

import pytest

from accroche.youth.eligibility import Facts, Rules, age_on, evaluate, months_before

ENTRY = datetime.date(2026, 3, 15)
RULES = Rules(min_age=16, max_age=25, max_age_with_rqth=29)


def age_status(rules: Rules = RULES, **facts) -> str:
    return evaluate(rules, Facts(on=ENTRY, **facts)).rules[0].status


@pytest.mark.parametrize(
    ("birth", "expected"),
    [
        (datetime.date(2000, 3, 15), 26),  # birthday on the day: the new age counts
        (datetime.date(2000, 3, 16), 25),  # birthday tomorrow
        (datetime.date(2000, 3, 14), 26),
        (datetime.date(2004, 2, 29), 22),
    ],
)
def test_age_on(birth, expected):
    assert age_on(birth, ENTRY) == expected


def test_26th_birthday_on_the_entry_day_is_too_old():
    assert age_status(birth_date=datetime.date(2000, 3, 15), rqth=False) == "not_met"


def test_the_day_before_the_26th_birthday_is_still_25():
    assert age_status(birth_date=datetime.date(2000, 3, 16), rqth=False) == "met"


def test_16th_birthday_on_the_entry_day_is_old_enough():
    assert age_status(birth_date=datetime.date(2010, 3, 15)) == "met"


def test_the_day_before_the_16th_birthday_is_too_young():
    assert age_status(birth_date=datetime.date(2010, 3, 16)) == "not_met"


def test_29_with_rqth_is_met():
    assert age_status(birth_date=datetime.date(1997, 1, 1), rqth=True) == "met"


def test_29_without_rqth_is_not_met():
    assert age_status(birth_date=datetime.date(1997, 1, 1), rqth=False) == "not_met"


def test_30_with_rqth_is_not_met():
    assert age_status(birth_date=datetime.date(1996, 1, 1), rqth=True) == "not_met"


def test_27_with_rqth_unknown_is_unknown_not_not_met():
    result = evaluate(RULES, Facts(on=ENTRY, birth_date=datetime.date(1999, 1, 1)))
    assert result.rules[0].status == "unknown"
    assert "RQTH : non renseignée" in result.rules[0].used


def test_without_a_rqth_ceiling_27_is_not_met_whatever_the_rqth():
    rules = Rules(min_age=16, max_age=25, max_age_with_rqth=None)
    assert age_status(rules, birth_date=datetime.date(1999, 1, 1)) == "not_met"


@pytest.mark.parametrize(
    ("year", "expected"),
    [
        (2005, "met"),  # 20 or 21
        (2000, "unknown"),  # 25 or 26: straddles the bound
        (1999, "unknown"),  # 26 or 27, RQTH unknown
        (2010, "unknown"),  # 15 or 16
        (2011, "not_met"),  # 14 or 15
    ],
)
def test_a_birth_year_gives_an_age_range(year, expected):
    assert age_status(birth_year=year) == expected


def test_a_birth_year_straddling_is_met_with_rqth_when_both_ages_fit():
    assert age_status(birth_year=2000, rqth=True) == "met"


def test_no_birth_data_is_unknown():
    rule = evaluate(RULES, Facts(on=ENTRY)).rules[0]
    assert (rule.status, rule.used) == ("unknown", "Date ou année de naissance non renseignée")


def test_the_rule_says_which_data_it_used():
    rule = evaluate(RULES, Facts(on=ENTRY, birth_date=datetime.date(2004, 6, 2), rqth=False)).rules[
        0
    ]
    assert rule.used == "Né·e le 2 juin 2004 : 21 ans le 15 mars 2026 ; RQTH : non"
    assert rule.label == "Âge : de 16 à 25 ans, 29 ans avec une RQTH"


FULL = Rules(
    min_age=16,
    max_age=25,
    max_age_with_rqth=29,
    max_diploma_rank=4,
    max_diploma_label="Niveau 4 : baccalauréat",
    months_without_spe_contact=5,
    neet_required=True,
    territory_required=True,
    territory_commune_ids=frozenset({1}),
)
GOOD = {
    "birth_date": datetime.date(2005, 1, 1),
    "rqth": False,
    "activity": "neet",
    "diploma_rank": 3,
    "last_spe_contact_source": "never",
    "commune_id": 1,
}


def statuses(**changes) -> dict[str, str]:
    result = evaluate(FULL, Facts(on=ENTRY, **(GOOD | changes)))
    return {rule.code: rule.status for rule in result.rules}


def overall(**changes) -> str:
    return evaluate(FULL, Facts(on=ENTRY, **(GOOD | changes))).overall


def test_every_rule_met_is_eligible():
    assert set(statuses().values()) == {"met"}
    assert overall() == "eligible"


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"diploma_rank": None}, "diploma"),
        ({"last_spe_contact_source": ""}, "spe_contact"),
        ({"activity": ""}, "neet"),
        ({"commune_id": None}, "territory"),
    ],
)
def test_missing_data_is_unknown_and_the_file_incomplete(changes, code):
    assert statuses(**changes)[code] == "unknown"
    assert overall(**changes) == "incomplete"


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"diploma_rank": 5}, "diploma"),
        ({"activity": "training"}, "neet"),
        ({"commune_id": 2}, "territory"),
        (
            {
                "last_spe_contact_source": "mission_locale",
                "last_spe_contact_on": datetime.date(2025, 10, 16),
            },
            "spe_contact",
        ),
    ],
)
def test_a_rule_not_met_makes_the_file_not_eligible_even_with_unknowns(changes, code):
    assert statuses(**changes, birth_date=None)[code] == "not_met"
    assert overall(**changes, birth_date=None) == "not_eligible"


def test_the_diploma_bound_is_inclusive():
    assert statuses(diploma_rank=4)["diploma"] == "met"


def test_a_last_contact_exactly_n_months_before_entry_counts():
    facts = {"last_spe_contact_source": "france_travail"}
    assert (
        statuses(**facts, last_spe_contact_on=datetime.date(2025, 10, 15))["spe_contact"] == "met"
    )
    assert (
        statuses(**facts, last_spe_contact_on=datetime.date(2025, 10, 16))["spe_contact"]
        == "not_met"
    )


def test_a_last_contact_date_without_its_source_still_counts():
    assert (
        statuses(last_spe_contact_source="", last_spe_contact_on=datetime.date(2024, 1, 1))[
            "spe_contact"
        ]
        == "met"
    )


def test_a_programme_without_territory_leaves_the_rule_unknown():
    rules = Rules(min_age=16, max_age=25, territory_required=True)
    result = evaluate(rules, Facts(on=ENTRY, birth_date=datetime.date(2005, 1, 1), commune_id=1))
    assert result.rules[-1].status == "unknown"


def test_rules_not_set_are_not_evaluated():
    result = evaluate(Rules(min_age=16, max_age=25), Facts(on=ENTRY))
    assert [rule.code for rule in result.rules] == ["age"]


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (datetime.date(2026, 3, 15), 5, datetime.date(2025, 10, 15)),
        (datetime.date(2026, 3, 31), 1, datetime.date(2026, 2, 28)),
        (datetime.date(2024, 3, 31), 1, datetime.date(2024, 2, 29)),
        (datetime.date(2026, 1, 10), 13, datetime.date(2024, 12, 10)),
    ],
)
def test_months_before(day, months, expected):
    assert months_before(day, months) == expected


def test_the_result_survives_its_json_round_trip():
    result = evaluate(FULL, Facts(on=ENTRY, **GOOD))
    assert type(result).from_json(result.as_json()) == result
