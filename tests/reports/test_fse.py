# Fixtures imported from conftest_b are re-bound as test arguments.
# ruff: noqa: F811
import datetime

import pytest

from accroche.reports import fse_rules as rules
from accroche.reports.fse import BREAKDOWNS, GENDERS, fse_report
from accroche.youth.models import Activity, Resources, SpeContact
from tests.reports.conftest_b import FseScene, fse_programme, fse_scene  # noqa: F401

D = datetime.date


def counts(report, key):
    """[women, men, non-binary, not stated, total]"""
    line = report.line(key)
    return [*line.by_gender(), line.total]


def test_one_day_of_support_or_less_is_not_a_participant() -> None:
    assert not rules.is_participant(D(2026, 3, 5), D(2026, 3, 5), D(2026, 5, 31))
    assert rules.is_participant(D(2026, 3, 5), D(2026, 3, 6), D(2026, 5, 31))
    assert not rules.is_participant(D(2026, 5, 31), None, D(2026, 5, 31))  # entered today


def test_age_on_entry_uses_the_birthday_then_the_estimated_year() -> None:
    assert rules.age_on(D(2026, 3, 10), D(2008, 6, 1), None) == 17
    assert rules.age_on(D(2026, 6, 1), D(2008, 6, 1), None) == 18
    assert rules.age_on(D(2026, 3, 10), None, 2000) == 26
    bands = [rules.age_band(age) for age in (17, 18, 29, 30, 54, 55)]
    assert bands == ["under_18", "18_29", "18_29", "30_54", "30_54", "55_plus"]


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"entry_activity": Activity.EMPLOYED}, rules.EMPLOYED),
        ({"entry_activity": Activity.TRAINING}, rules.INACTIVE),
        ({"entry_activity": Activity.NEET}, rules.INACTIVE),
        (
            {"entry_activity": Activity.NEET, "entry_resources": Resources.UNEMPLOYMENT},
            rules.UNEMPLOYED,
        ),
        ({"entry_activity": ""}, rules.UNKNOWN),
    ],
)
def test_employment_status_at_entry(fields: dict[str, object], expected: str) -> None:
    row = {"entry_resources": "", "entry_last_spe_contact_source": "",
           "entry_last_spe_contact_on": None, "entry_date": D(2026, 3, 1), **fields}  # fmt: skip
    assert rules.employment_status(row) == expected


def test_a_recent_france_travail_contact_makes_a_registered_job_seeker() -> None:
    row = {"entry_activity": Activity.NEET, "entry_resources": "", "entry_date": D(2026, 3, 1),
           "entry_last_spe_contact_source": SpeContact.FRANCE_TRAVAIL}  # fmt: skip
    assert (
        rules.employment_status({**row, "entry_last_spe_contact_on": D(2025, 10, 1)})
        == "unemployed"
    )
    assert (
        rules.employment_status({**row, "entry_last_spe_contact_on": D(2025, 6, 1)}) == "inactive"
    )


def test_participants_at_entry_by_gender(fse_scene: FseScene) -> None:
    report = fse_report(fse_scene.filter())
    assert counts(report, "total") == [2, 2, 1, 0, 5]
    assert report.too_short == 1
    assert counts(report, "employment_unemployed") == [2, 0, 0, 0, 2]
    assert counts(report, "employment_inactive") == [0, 1, 1, 0, 2]
    assert counts(report, "employment_employed") == [0, 1, 0, 0, 1]


def test_age_and_isced_groups(fse_scene: FseScene) -> None:
    report = fse_report(fse_scene.filter())
    assert [report.line(f"age_{b}").total for b in rules.AGE_BANDS] == [1, 1, 1, 1, 1]
    assert [report.line(f"isced_{g}").total for g in rules.ISCED_GROUPS] == [1, 2, 1, 1]
    assert counts(report, "isced_3-4") == [1, 0, 1, 0, 2]


def test_disability_third_country_and_housing_exclusion(fse_scene: FseScene) -> None:
    report = fse_report(fse_scene.filter())
    assert counts(report, "disability") == [1, 0, 0, 0, 1]
    assert counts(report, "third_country") == [1, 0, 0, 0, 1]
    assert counts(report, "housing_exclusion") == [1, 1, 0, 0, 2]
    assert not report.line("rural").available


def test_results_upon_leaving(fse_scene: FseScene) -> None:
    report = fse_report(fse_scene.filter())
    assert counts(report, "left") == [2, 1, 1, 0, 4]
    assert counts(report, "left_education") == [1, 0, 0, 0, 1]
    assert counts(report, "left_employment") == [1, 1, 0, 0, 2]
    assert counts(report, "left_job_searching") == [0, 0, 1, 0, 1]
    assert not report.line("left_qualification").available


def test_results_six_months_after(fse_scene: FseScene) -> None:
    report = fse_report(fse_scene.filter())
    assert counts(report, "six_recorded") == [1, 1, 0, 0, 2]
    assert counts(report, "six_employment") == [0, 1, 0, 0, 1]
    assert counts(report, "six_education") == [1, 0, 0, 0, 1]


def test_a_person_entered_twice_is_one_participant(fse_scene: FseScene) -> None:
    report = fse_report(fse_scene.filter())
    m2 = fse_scene.youths["M2"].pk
    assert [p.youth_id for p in report.entrants].count(m2) == 1
    assert m2 not in {p.youth_id for p in report.leavers}  # entered again: still followed


def test_breakdowns_add_up_to_the_total_for_each_gender(fse_scene: FseScene) -> None:
    report = fse_report(fse_scene.filter())
    total = report.line("total").by_gender()
    for keys in BREAKDOWNS.values():
        sums = [sum(report.line(k).by_gender()[i] for k in keys) for i in range(len(GENDERS))]
        assert sums == total


def test_another_period_counts_other_people(fse_scene: FseScene) -> None:
    f = fse_scene.filter()
    june = type(f)(programme=f.programme, start=D(2026, 6, 1), end=D(2026, 6, 30))
    report = fse_report(june)
    assert [p.youth_id for p in report.entrants] == [fse_scene.youths["L"].pk]
    assert report.line("left").total == 0
