import pytest

from accroche.access.actor import Actor
from accroche.access.youth import youths_visible_to
from accroche.organisations.roles import Role
from accroche.youth.models import Youth
from accroche.youth.search import search_youths
from tests.factories.youth import YouthFactory


def make(structure, **names):  # type: ignore[no-untyped-def]
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
    ],
)
def test_it_forgives_accents_spelling_and_phone_formats(structure, stored, typed):
    youth = make(structure, **stored)
    assert list(search_youths(Youth.objects.all(), typed)) == [youth]


def test_every_word_must_match(structure):
    make(structure, first_name="Aya", last_name="Diallo")
    assert list(search_youths(Youth.objects.all(), "aya camara")) == []


def test_search_stays_inside_what_the_user_may_see(member, structure, other_structure):
    make(other_structure, first_name="Kévin")
    membership = member(Role.CASE_WORKER, structure)
    visible = youths_visible_to(Actor(user=membership.user, membership=membership))
    assert list(search_youths(visible, "kevin")) == []
