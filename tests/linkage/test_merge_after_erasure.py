"""A merge can still be undone after one of its files was erased: the files separate,
each record goes back where it came from, the kept file gets back its own values, and
nothing the erasure removed comes back."""

from typing import Any

from accroche.access.actor import Actor
from accroche.followup.models import Interaction
from accroche.linkage.merge import do_merge, do_undo_merge
from accroche.linkage.models import Merge
from accroche.privacy.erasure import do_erase_youth
from accroche.youth.access import youths_visible_to
from accroche.youth.models import Gender, Youth
from tests.factories.followup import InteractionFactory
from tests.linkage.conftest import KEVIN

NOTE = "Dort chez sa tante à Elbeuf"


def fresh(youth: Youth) -> Youth:
    return Youth.objects.get(pk=youth.pk)


def kevins(file: Any, structure: Any) -> tuple[Youth, Youth, Interaction]:
    """A kept file with a name only, and an absorbed one with phone, birth date, gender and
    an interview whose note names a place."""
    keep = file(structure, first_name="Kévin", last_name="Durand", gender=Gender.NOT_STATED)
    absorb = file(structure, **KEVIN)
    return keep, absorb, InteractionFactory(youth=absorb, note=NOTE)


def test_undo_after_the_kept_file_is_erased(case_worker: Actor, file: Any, structure: Any) -> None:
    keep, absorb, interview = kevins(file, structure)
    merge = do_merge(case_worker, keep.pk, absorb.pk)
    assert fresh(keep).gender == Gender.MAN  # taken from the absorbed file
    do_erase_youth(case_worker, keep, "request")
    do_undo_merge(case_worker, merge.pk)
    keep, absorb = fresh(keep), fresh(absorb)
    assert youths_visible_to(case_worker).filter(pk=absorb.pk).exists()  # separate again
    assert keep.anonymised_at
    assert absorb.anonymised_at
    # What the erasure kept (the gender) goes back to the file it came from.
    assert (keep.gender, absorb.gender) == (Gender.NOT_STATED, Gender.MAN)
    interview.refresh_from_db()
    assert (interview.youth_id, interview.note) == (absorb.pk, "")
    assert (keep.phone, absorb.phone, absorb.first_name) == ("", "", "")


def test_undo_after_the_absorbed_file_is_erased(
    case_worker: Actor, file: Any, structure: Any
) -> None:
    keep, absorb, interview = kevins(file, structure)
    merge = do_merge(case_worker, keep.pk, absorb.pk)
    # The retention job erases the absorbed file: the person lives on in the kept one.
    do_erase_youth(None, absorb, "retention")
    assert (fresh(keep).phone, fresh(keep).birth_date) == (KEVIN["phone"], KEVIN["birth_date"])
    assert Interaction.objects.get(pk=interview.pk).note == NOTE
    do_undo_merge(case_worker, merge.pk)
    keep, absorb = fresh(keep), fresh(absorb)
    # The kept file gets back its own (empty) values; the erased file's stay erased.
    assert (keep.phone, keep.birth_date, keep.gender) == ("", None, Gender.NOT_STATED)
    assert (keep.first_name, keep.anonymised_at) == ("Kévin", None)
    assert (absorb.phone, absorb.first_name, absorb.birth_date) == ("", "", None)
    interview.refresh_from_db()
    assert (interview.youth_id, interview.note) == (absorb.pk, "")
    assert KEVIN["phone"] not in str(Merge.objects.get(pk=merge.pk).snapshot)


def test_an_edit_of_the_kept_file_after_the_erasure_is_kept_on_undo(
    case_worker: Actor, file: Any, structure: Any
) -> None:
    keep, absorb, _interview = kevins(file, structure)
    merge = do_merge(case_worker, keep.pk, absorb.pk)
    do_erase_youth(None, absorb, "retention")
    Youth.objects.filter(pk=keep.pk).update(phone="07 00 00 00 00")
    do_undo_merge(case_worker, merge.pk)
    assert (fresh(keep).phone, fresh(keep).birth_date) == ("07 00 00 00 00", None)


def test_erasure_reaches_files_merged_into_merged_files(
    case_worker: Actor, file: Any, structure: Any
) -> None:
    first, second, third = (file(structure, **KEVIN) for _ in range(3))
    older = do_merge(case_worker, second.pk, first.pk)
    newer = do_merge(case_worker, third.pk, second.pk)
    do_erase_youth(case_worker, third, "request")
    do_undo_merge(case_worker, newer.pk)
    do_undo_merge(case_worker, older.pk)
    for youth in (first, second, third):
        youth = fresh(youth)
        assert (youth.first_name, youth.phone, youth.anonymised_at is not None) == ("", "", True)


def test_erasure_spares_a_file_whose_merge_was_undone(
    case_worker: Actor, file: Any, structure: Any
) -> None:
    keep, other, _interview = kevins(file, structure)
    do_undo_merge(case_worker, do_merge(case_worker, keep.pk, other.pk).pk)  # not the same person
    do_erase_youth(case_worker, keep, "request")
    other = fresh(other)
    assert (other.first_name, other.phone, other.anonymised_at) == ("Kévin", KEVIN["phone"], None)


def test_erasing_the_kept_file_later_drops_what_its_merge_kept(
    case_worker: Actor, file: Any, structure: Any
) -> None:
    keep, absorb, _interview = kevins(file, structure)
    merge = do_merge(case_worker, keep.pk, absorb.pk)
    do_erase_youth(None, absorb, "retention")
    assert KEVIN["phone"] in str(Merge.objects.get(pk=merge.pk).snapshot)  # also on keep
    do_erase_youth(case_worker, keep, "request")
    assert KEVIN["phone"] not in str(Merge.objects.get(pk=merge.pk).snapshot)
    do_undo_merge(case_worker, merge.pk)
    assert (fresh(keep).gender, fresh(keep).phone) == (Gender.NOT_STATED, "")
