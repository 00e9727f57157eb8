import datetime

import pytest
import time_machine
from django.urls import reverse

from accroche.access.roles import Role
from accroche.linkage.merge import do_merge
from accroche.linkage.models import Merge, NotDuplicate
from tests.linkage.conftest import KEVIN

QUEUE = reverse("linkage:queue")
POSSIBLE = reverse("linkage:possible")
TYPED = {"first_name": "Kevin", "last_name": "Durant", "birth_date": "2004-03-12"}


@pytest.fixture
def owner(member, login, structure):
    return login(member(Role.CASE_WORKER, structure))


@pytest.fixture
def pair(file, structure):
    return file(structure, **KEVIN), file(structure, **(KEVIN | {"first_name": "Kev"}))


def test_the_queue_shows_both_files_side_by_side(owner, pair):
    response = owner.get(QUEUE)
    assert response.status_code == 200
    assert "Kev Durand" in response.text
    assert "même date de naissance" in response.text


def test_an_empty_queue_says_what_happens_next(owner):
    response = owner.get(QUEUE)
    assert "Aucun doublon probable" in response.text


def test_the_queue_needs_a_login(client):
    assert client.get(QUEUE)["Location"].startswith("/compte/connexion/")


@pytest.mark.parametrize("role", [Role.PARTNER, Role.EVALUATOR, Role.ADMIN])
def test_roles_that_read_no_file_get_a_404(member, login, structure, role):
    assert login(member(role, structure)).get(QUEUE).status_code == 404


def test_merging_from_the_queue(owner, pair):
    keep, absorb = pair
    data = {"a": keep.pk, "b": absorb.pk, "keep": absorb.pk}
    response = owner.post(reverse("linkage:merge"), data)
    assert response.status_code == 302
    merge = Merge.objects.get()
    assert (merge.keep_id, merge.absorbed_id) == (absorb.pk, keep.pk)
    assert "annulable jusqu" in owner.get(QUEUE).text


def test_a_bad_choice_says_why_and_changes_nothing(owner, pair):
    keep, absorb = pair
    response = owner.post(reverse("linkage:merge"), {"a": keep.pk, "b": absorb.pk, "keep": 0})
    assert response.status_code == 422
    assert "Choisissez l&#x27;une des deux fiches" in response.text
    assert not Merge.objects.exists()


def test_another_structure_cannot_merge(member, login, other_structure, pair):
    outsider = login(member(Role.CASE_WORKER, other_structure))
    keep, absorb = pair
    data = {"a": keep.pk, "b": absorb.pk, "keep": keep.pk}
    assert outsider.post(reverse("linkage:merge"), data).status_code == 404
    assert not Merge.objects.exists()


def test_not_the_same_person(owner, pair):
    a, b = pair
    assert owner.post(reverse("linkage:not_duplicate"), {"a": a.pk, "b": b.pk}).status_code == 302
    assert NotDuplicate.objects.filter(youth_a=min(a.pk, b.pk)).exists()
    assert "Aucun doublon probable" in owner.get(QUEUE).text


def test_undo_from_the_queue(owner, pair, case_worker):
    merge = do_merge(case_worker, pair[0].pk, pair[1].pk)
    assert owner.post(reverse("linkage:undo", args=[merge.pk])).status_code == 302
    merge.refresh_from_db()
    assert merge.undone_at is not None


def test_undo_after_30_days_says_why(owner, pair, case_worker):
    with time_machine.travel(datetime.datetime(2026, 3, 1, 12, tzinfo=datetime.UTC)):
        merge = do_merge(case_worker, pair[0].pk, pair[1].pk)
    with time_machine.travel(datetime.datetime(2026, 4, 2, 12, tzinfo=datetime.UTC)):
        response = owner.post(reverse("linkage:undo", args=[merge.pk]))
    assert response.status_code == 422
    assert "plus de 30 jours" in response.text


def test_the_possible_duplicates_partial_names_the_visible_file(owner, file, structure):
    youth = file(structure, **KEVIN)
    response = owner.get(POSSIBLE, TYPED, headers={"HX-Request": "true"})
    assert reverse("youth:detail", args=[youth.pk]) in response.text


def test_another_structures_file_shows_nothing_but_the_structure(owner, file, other_structure):
    other = file(
        other_structure,
        **KEVIN,
        nickname="KD76",
        email="k.durand@exemple.fr",
        social_handle="@kdurand",
    )
    response = owner.get(POSSIBLE, TYPED)
    assert "Centre social des Hauts" in response.text
    for value in ("Durand", "Kévin", "KD76", "06 12", "0612", "12/03", "2004", "k.durand", "@kd"):
        assert value not in response.text
    assert f"/{other.pk}/" not in response.text


def test_the_partial_is_empty_when_nothing_matches(owner):
    response = owner.get(POSSIBLE, {"first_name": "Zoé", "birth_date": "pas une date"})
    assert response.status_code == 200
    assert response.text.strip() == ""


def test_the_queue_page_costs_the_same_number_of_queries(
    owner, file, structure, django_assert_num_queries, django_assert_max_num_queries
):
    from tests.linkage.test_queue import make_pairs

    make_pairs(file, structure, 0, 2)
    owner.get(QUEUE)
    with django_assert_max_num_queries(30) as small:
        owner.get(QUEUE)
    make_pairs(file, structure, 2, 6)
    with django_assert_num_queries(len(small.captured_queries)):
        assert owner.get(QUEUE).text.count("<article") == 6
