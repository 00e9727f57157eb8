import pytest
from django.core.exceptions import ValidationError
from django.http import Http404

from accroche.linkage.matching import do_mark_not_duplicate, review_queue
from accroche.linkage.merge import do_merge
from tests.linkage.conftest import KEVIN


def test_probable_duplicates_are_listed_with_reasons(case_worker, file, structure):
    a = file(structure, **KEVIN)
    b = file(structure, **(KEVIN | {"first_name": "Kev"}))
    file(structure, first_name="Aya", last_name="Diallo")
    [pair] = review_queue(case_worker)
    assert {pair.a, pair.b} == {a, b}
    assert pair.probability >= 0.5
    assert pair.supporting


def test_only_files_the_user_sees_are_paired(case_worker, file, structure, other_structure):
    file(structure, **KEVIN)
    file(other_structure, **KEVIN)
    assert review_queue(case_worker) == []


def test_a_pair_said_different_leaves_the_queue(case_worker, file, structure):
    a, b = file(structure, **KEVIN), file(structure, **KEVIN)
    do_mark_not_duplicate(case_worker, b.pk, a.pk)
    assert review_queue(case_worker) == []


def test_a_merged_pair_leaves_the_queue(case_worker, file, structure):
    a, b = file(structure, **KEVIN), file(structure, **KEVIN)
    do_merge(case_worker, a.pk, b.pk)
    assert review_queue(case_worker) == []


def test_a_pair_of_one_file_is_refused(case_worker, file, structure):
    a = file(structure, **KEVIN)
    with pytest.raises(ValidationError):
        do_mark_not_duplicate(case_worker, a.pk, a.pk)


def test_a_decision_needs_to_see_both_files(other_case_worker, file, structure, other_structure):
    a, b = file(structure, **KEVIN), file(other_structure, **KEVIN)
    with pytest.raises(Http404):
        do_mark_not_duplicate(other_case_worker, a.pk, b.pk)


PEOPLE = [
    ("Aya", "Diallo"),
    ("Yanis", "Martin"),
    ("Inès", "Lefebvre"),
    ("Bilal", "Traoré"),
    ("Manon", "Petit"),
    ("Sofiane", "Haddad"),
]


def make_pairs(file, structure, start, stop):
    """Two files per person, the second under a typo of the first name."""
    for i in range(start, stop):
        first, last = PEOPLE[i]
        person = {
            "first_name": first,
            "last_name": last,
            "phone": f"06 {i}1 {i}2 {i}3 {i}4",
            "birth_date": KEVIN["birth_date"].replace(day=i + 1),
        }
        file(structure, **person)
        file(structure, **(person | {"first_name": first + "e"}))


def test_the_queue_costs_the_same_number_of_queries_for_more_files(
    case_worker, file, structure, django_assert_num_queries
):
    make_pairs(file, structure, 0, 3)
    with django_assert_num_queries(5) as small:
        assert len(review_queue(case_worker)) == 3
    make_pairs(file, structure, 3, 6)
    with django_assert_num_queries(len(small.captured_queries)):
        assert len(review_queue(case_worker)) == 6
