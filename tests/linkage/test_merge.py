import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.http import Http404

from accroche.access.models import AuditEvent
from accroche.access.roles import Role
from accroche.linkage.merge import do_merge, do_undo_merge
from accroche.linkage.models import Merge
from accroche.youth.access import get_youth, youths_visible_to
from accroche.youth.models import Youth
from tests.factories.organisations import StructureFactory
from tests.factories.outreach import ContactFactory
from tests.factories.territory import CommuneFactory
from tests.factories.youth import ConsentFactory, DiagnosticFactory, EnrolmentFactory
from tests.linkage.conftest import KEVIN, as_actor


def attached(youth: Youth) -> dict[str, set[int]]:
    """Every row of every model pointing at the file, found through
    Youth._meta.related_objects, so models added later are checked too."""
    out = {}
    for relation in Youth._meta.related_objects:
        model = relation.related_model
        if model._meta.app_label == "linkage" or relation.many_to_many:
            continue
        rows = model._base_manager.filter(**{relation.field.name: youth.pk})
        out[model._meta.label] = set(rows.values_list("pk", flat=True))
    return out


@pytest.fixture
def twins(file, structure, other_structure):
    """Two files of Kévin in ``structure``, each with a history."""
    keep = file(structure, **KEVIN)
    absorb = file(structure, **(KEVIN | {"first_name": "Kev", "phone": ""}))
    for youth in (keep, absorb):
        ConsentFactory(youth=youth, purpose="follow_up")
        DiagnosticFactory(youth=youth)
        ContactFactory(youth=youth, structure=structure)
    ConsentFactory(youth=absorb, shared_with=[other_structure])
    EnrolmentFactory(youth=absorb)
    return keep, absorb


def test_merging_moves_the_whole_history_to_the_kept_file(case_worker, twins):
    keep, absorb = twins
    before = {name: attached(keep)[name] | attached(absorb)[name] for name in attached(keep)}
    do_merge(case_worker, keep.pk, absorb.pk)
    assert attached(keep) == before
    assert not any(attached(absorb).values())


def test_undo_puts_every_row_back_where_it_was(case_worker, twins):
    keep, absorb = twins
    before = (attached(keep), attached(absorb))
    merge = do_merge(case_worker, keep.pk, absorb.pk)
    do_undo_merge(case_worker, merge.pk)
    assert (attached(keep), attached(absorb)) == before


def test_the_sharing_consent_keeps_its_structures(case_worker, twins, other_structure):
    keep, absorb = twins
    do_merge(case_worker, keep.pk, absorb.pk)
    assert keep.consents.filter(shared_with=other_structure).exists()


def test_the_absorbed_file_is_hidden_but_kept(case_worker, twins):
    keep, absorb = twins
    do_merge(case_worker, keep.pk, absorb.pk)
    assert list(youths_visible_to(case_worker)) == [keep]
    with pytest.raises(Http404):
        get_youth(case_worker, absorb.pk)
    assert Youth.objects.filter(pk=absorb.pk).exists()


def test_empty_fields_of_the_kept_file_are_filled_and_restored_on_undo(
    case_worker, file, structure
):
    keep = file(structure, first_name="Kévin", last_name="Durand")
    absorb = file(structure, **KEVIN)
    merge = do_merge(case_worker, keep.pk, absorb.pk)
    keep.refresh_from_db()
    assert (keep.phone, keep.birth_date) == (KEVIN["phone"], KEVIN["birth_date"])
    do_undo_merge(case_worker, merge.pk)
    keep.refresh_from_db()
    assert (keep.phone, keep.birth_date) == ("", None)


def test_own_many_to_many_links_are_added_then_removed(case_worker, file, structure):
    keep, absorb = file(structure, **KEVIN), file(structure, **KEVIN)
    commune = CommuneFactory()
    absorb.frequented_communes.add(commune)
    merge = do_merge(case_worker, keep.pk, absorb.pk)
    assert list(keep.frequented_communes.all()) == [commune]
    do_undo_merge(case_worker, merge.pk)
    assert list(keep.frequented_communes.all()) == []
    assert list(absorb.frequented_communes.all()) == [commune]


def test_merge_and_undo_are_audited_on_both_files(case_worker, twins):
    keep, absorb = twins
    do_undo_merge(case_worker, do_merge(case_worker, keep.pk, absorb.pk).pk)
    rows = AuditEvent.objects.filter(object_type="youth", action="update")
    assert sorted(rows.values_list("object_id", "fields")) == sorted(
        [
            (keep.pk, ["merge"]),
            (absorb.pk, ["merge"]),
            (keep.pk, ["unmerge"]),
            (absorb.pk, ["unmerge"]),
        ]
    )


def test_only_someone_who_sees_both_files_may_merge(
    other_case_worker, file, structure, other_structure
):
    mine = file(other_structure, **KEVIN)
    theirs = file(structure, **KEVIN)
    with pytest.raises(Http404):
        do_merge(other_case_worker, mine.pk, theirs.pk)
    assert not Merge.objects.exists()


def test_a_merge_that_would_cut_a_structure_off_its_file_is_refused(
    file, other_case_worker, structure, other_structure
):
    theirs = file(structure, **KEVIN)  # held by structure, shared with other_structure
    ConsentFactory(youth=theirs, shared_with=[other_structure])
    mine = file(other_structure, **KEVIN)
    with pytest.raises(ValidationError, match="Prévention Seine ne verrai"):
        do_merge(other_case_worker, mine.pk, theirs.pk)  # structure would lose its file
    assert not Merge.objects.exists()
    assert do_merge(other_case_worker, theirs.pk, mine.pk).keep_id == theirs.pk


def test_a_conflict_refuses_the_merge_with_a_french_message(case_worker, file, structure):
    keep, absorb = file(structure, **KEVIN), file(structure, **KEVIN)
    enrolment = EnrolmentFactory(youth=keep)
    EnrolmentFactory(youth=absorb, programme=enrolment.programme)
    with pytest.raises(ValidationError, match="parcours en cours"):
        do_merge(case_worker, keep.pk, absorb.pk)
    assert absorb.enrolments.count() == 1


def test_a_file_cannot_be_merged_with_itself(case_worker, file, structure):
    youth = file(structure, **KEVIN)
    with pytest.raises(ValidationError):
        do_merge(case_worker, youth.pk, youth.pk)


def test_undo_is_refused_after_30_days(case_worker, twins):
    keep, absorb = twins
    with time_machine.travel(datetime.datetime(2026, 3, 1, 12, tzinfo=datetime.UTC)):
        merge = do_merge(case_worker, keep.pk, absorb.pk)
    with (
        time_machine.travel(datetime.datetime(2026, 4, 1, 12, tzinfo=datetime.UTC)),
        pytest.raises(ValidationError, match="plus de 30 jours"),
    ):
        do_undo_merge(case_worker, merge.pk)
    assert list(youths_visible_to(case_worker)) == [keep]


def test_undo_is_possible_on_the_thirtieth_day(case_worker, twins):
    keep, absorb = twins
    with time_machine.travel(datetime.datetime(2026, 3, 1, 12, tzinfo=datetime.UTC)):
        merge = do_merge(case_worker, keep.pk, absorb.pk)
    with time_machine.travel(datetime.datetime(2026, 3, 31, 11, tzinfo=datetime.UTC)):
        do_undo_merge(case_worker, merge.pk)
    assert set(youths_visible_to(case_worker)) == {keep, absorb}


def test_a_later_merge_must_be_undone_first(case_worker, file, structure):
    first, second, third = (file(structure, **KEVIN) for _ in range(3))
    earlier = do_merge(case_worker, second.pk, first.pk)
    do_merge(case_worker, third.pk, second.pk)
    with pytest.raises(ValidationError, match="annulez d'abord"):
        do_undo_merge(case_worker, earlier.pk)


def test_a_structure_that_does_not_see_the_file_cannot_undo(case_worker, member, twins):
    keep, absorb = twins
    merge = do_merge(case_worker, keep.pk, absorb.pk)
    stranger = as_actor(member(Role.COORDINATOR, StructureFactory()))
    with pytest.raises(Http404):
        do_undo_merge(stranger, merge.pk)


def test_erasing_a_file_erases_its_merges_and_their_snapshot(case_worker, twins):
    keep, absorb = twins
    do_merge(case_worker, keep.pk, absorb.pk)
    absorb.delete()
    assert not Merge.objects.exists()
