import pytest
from django.core.cache import caches

from accroche.access.actor import Actor
from accroche.access.roles import Role
from accroche.youth import search
from accroche.youth.access import youths_visible_to
from accroche.youth.models import Youth
from accroche.youth.search import search_youths
from tests.factories.youth import YouthFactory


def make(structure, **names):
    return YouthFactory(holder_structure=structure, **names)


@pytest.mark.parametrize(
    ("stored", "typed"),
    [
        ({"first_name": "Kévin"}, "kevin"),
        ({"first_name": "Mohammed"}, "Mohamed"),
        ({"first_name": "Jean-Baptiste"}, "jean baptiste"),
        ({"first_name": "Philippe"}, "filipe"),
        ({"first_name": "", "nickname": "La Fouine"}, "fouine"),
        ({"first_name": "Aya", "last_name": "Diallo"}, "aya dial"),
        ({"first_name": "Aya", "phone": "06 12 34 56 78"}, "0612345678"),
        ({"first_name": "Aya", "phone": "0612345678"}, "+33 6 12 34 56 78"),
        ({"first_name": "Aya", "phone": "06.12.34.56.78"}, "56 78"),
        ({"first_name": "Aya", "phone": "+33612345678"}, "06 12 34 56 78"),  # as stored now
    ],
)
@pytest.mark.parametrize("scan", [False, True])
def test_it_forgives_accents_spelling_and_phone_formats(structure, stored, typed, scan):
    """Both plans (by the trigram indexes, or reading the rows: ``scan``) find the same."""
    youth = make(structure, **stored)
    make(structure, first_name="Zoé", last_name="Martin", phone="0799999999")
    assert list(search_youths(Youth.objects.all(), typed, scan=scan)) == [youth]


def test_every_word_must_match(structure):
    make(structure, first_name="Aya", last_name="Diallo")
    assert list(search_youths(Youth.objects.all(), "aya camara")) == []


def test_search_stays_inside_what_the_user_may_see(member, structure, other_structure):
    make(other_structure, first_name="Kévin")
    membership = member(Role.CASE_WORKER, structure)
    visible = youths_visible_to(Actor(user=membership.user, membership=membership))
    assert list(search_youths(visible, "kevin")) == []


def test_the_plan_follows_how_many_files_the_structure_sees(
    member, structure, other_structure, monkeypatch
):
    """Reading a structure's files beats the indexes up to SCAN_LIMIT of them; the count
    is kept SIZE_SECONDS per structure, and only chooses the plan."""
    monkeypatch.setattr(search, "SCAN_LIMIT", 2)
    small = member(Role.CASE_WORKER, structure)
    big = member(Role.CASE_WORKER, other_structure)
    make(structure, first_name="Kévin")
    for name in ("Kévin", "Kevin", "Aya"):
        make(other_structure, first_name=name)
    small_actor = Actor(user=small.user, membership=small)
    big_actor = Actor(user=big.user, membership=big)
    assert search.plan_is_scan(small_actor)
    assert not search.plan_is_scan(big_actor)
    for who, found in ((small_actor, 1), (big_actor, 2)):
        assert search.search_visible(who, youths_visible_to(who), "kevin").count() == found
    make(structure, first_name="Léa")
    make(structure, first_name="Inès")
    assert search.plan_is_scan(small_actor)  # the kept count, until it expires
    caches["local"].clear()
    assert not search.plan_is_scan(small_actor)
    assert search.search_visible(small_actor, youths_visible_to(small_actor), "kevin").count() == 1


def test_a_role_that_reads_no_file_gets_nothing_by_either_plan(member, structure):
    make(structure, first_name="Kévin")
    evaluator = member(Role.EVALUATOR, structure)
    who = Actor(user=evaluator.user, membership=evaluator)
    assert list(search.search_visible(who, youths_visible_to(who), "kevin")) == []
