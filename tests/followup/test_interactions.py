import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from accroche.followup.interactions import do_record_interaction
from accroche.followup.models import Interaction, InteractionKind
from accroche.youth.models import Youth

NOW = datetime.datetime(2026, 5, 4, 14, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def _frozen(time_machine):
    time_machine.move_to(NOW)


def record(actor, youth, **extra):
    data = {"kind": InteractionKind.INTERVIEW, "happened_at": NOW, "duration_minutes": 45}
    return do_record_interaction(actor, youth, data | extra)


def test_an_interview_moves_the_last_contact_forward(referent, youth):
    record(referent, youth)
    assert Youth.objects.get(pk=youth.pk).last_contact_at == NOW


def test_an_older_interview_does_not_move_it_back(referent, youth):
    record(referent, youth)
    record(referent, youth, happened_at=NOW - datetime.timedelta(days=10))
    assert Youth.objects.get(pk=youth.pk).last_contact_at == NOW


def test_an_interview_in_the_future_is_refused(referent, youth):
    with pytest.raises(ValidationError, match="futur"):
        record(referent, youth, happened_at=timezone.now() + datetime.timedelta(hours=2))
    assert not Interaction.objects.exists()


def test_a_duration_out_of_range_is_refused(referent, youth):
    with pytest.raises(ValidationError, match="entre 1 et 600"):
        record(referent, youth, duration_minutes=900)


def test_a_restricted_note_is_read_only_by_its_structure(referent, youth, other_structure):
    interaction = record(referent, youth, note="Parle de violences.", note_restricted=True)
    assert interaction.note_for(referent.structure_id) == "Parle de violences."
    assert interaction.note_for(other_structure.pk) == ""


def test_restricting_no_note_is_refused(referent, youth):
    with pytest.raises(ValidationError, match="pas de note"):
        record(referent, youth, note_restricted=True)


def test_an_interaction_before_2000_is_refused(referent, youth):
    with pytest.raises(ValidationError) as error:
        record(referent, youth, happened_at=datetime.datetime(1999, 6, 1, 10, tzinfo=datetime.UTC))
    assert error.value.message_dict["happened_at"] == [
        "Un échange ne peut pas dater d'avant le 1er janvier 2000 : vérifiez l'année."
    ]
    assert not Interaction.objects.exists()
