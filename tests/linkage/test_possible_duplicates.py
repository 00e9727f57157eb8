import datetime

import pytest
from django.http import Http404

from accroche.access.models import AuditEvent
from accroche.access.roles import Role
from accroche.linkage.matching import possible_duplicates
from accroche.linkage.merge import do_merge
from tests.linkage.conftest import KEVIN, as_actor

TYPED = {"first_name": "Kevin", "last_name": "Durant", "birth_date": datetime.date(2004, 3, 12)}


def test_a_visible_file_is_proposed_with_its_reasons(case_worker, file, structure):
    youth = file(structure, **KEVIN)
    found = possible_duplicates(case_worker, TYPED)
    assert [c.youth for c in found.candidates] == [youth]
    assert "même date de naissance" in [str(r.label) for r in found.candidates[0].supporting]


def test_nothing_is_proposed_for_someone_else(case_worker, file, structure):
    file(structure, **KEVIN)
    other = {"first_name": "Aya", "last_name": "Diallo", "birth_date": datetime.date(2006, 1, 2)}
    assert possible_duplicates(case_worker, other).candidates == []


def test_the_file_being_edited_is_not_proposed(case_worker, file, structure):
    youth = file(structure, **KEVIN)
    assert possible_duplicates(case_worker, TYPED, exclude=youth.pk).candidates == []


def test_another_structures_file_gives_only_its_name(case_worker, file, other_structure):
    file(other_structure, **KEVIN)
    found = possible_duplicates(case_worker, TYPED)
    assert found.candidates == []
    assert found.elsewhere == ["Centre social des Hauts"]


def test_a_shared_file_is_proposed_in_clear_not_as_a_hint(
    case_worker, file, structure, other_structure
):
    from tests.factories.youth import ConsentFactory

    youth = file(other_structure, **KEVIN)
    ConsentFactory(youth=youth, shared_with=[structure])
    found = possible_duplicates(case_worker, TYPED)
    assert ([c.youth for c in found.candidates], found.elsewhere) == ([youth], [])


def test_a_first_name_alone_asks_nothing_of_other_structures(case_worker, file, other_structure):
    file(other_structure, **KEVIN)
    assert (
        possible_duplicates(case_worker, {"first_name": "Kévin", "last_name": "Durand"}).elsewhere
        == []
    )


def test_a_merged_file_is_no_longer_proposed(case_worker, file, structure):
    keep, absorb = file(structure, **KEVIN), file(structure, **KEVIN)
    do_merge(case_worker, keep.pk, absorb.pk)
    assert [c.youth for c in possible_duplicates(case_worker, TYPED).candidates] == [keep]


def test_the_hint_is_audited_without_personal_data(case_worker, file, other_structure):
    youth = file(other_structure, **KEVIN)
    possible_duplicates(case_worker, TYPED)
    event = AuditEvent.objects.get(object_type="linkage_hint")
    assert (event.object_ids, event.fields, event.structure_id) == (
        [youth.pk],
        ["structure"],
        case_worker.structure_id,
    )


@pytest.mark.parametrize("role", [Role.PARTNER, Role.EVALUATOR, Role.ADMIN])
def test_roles_that_read_no_file_get_a_404(member, structure, role):
    with pytest.raises(Http404):
        possible_duplicates(as_actor(member(role, structure)), TYPED)
