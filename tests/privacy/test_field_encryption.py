from io import StringIO

import pytest
from cryptography.fernet import Fernet, InvalidToken
from django.core.management import call_command
from django.db import connection
from django.test import override_settings

from accroche.encrypted_fields import encrypted_fields
from accroche.followup.models import Interaction
from accroche.privacy.checks import field_encryption_keys_are_valid
from tests.factories.followup import InteractionFactory

OLD, NEW = Fernet.generate_key().decode(), Fernet.generate_key().decode()


def stored(pk: int) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT note FROM followup_interaction WHERE id = %s", [pk])
        return cursor.fetchone()[0]


def test_a_note_is_stored_encrypted_and_read_in_clear():
    interaction = InteractionFactory(note="Suivi par le CMP")
    assert "CMP" not in stored(interaction.pk)
    assert stored(interaction.pk).startswith("gAAAAA")
    assert Interaction.objects.get(pk=interaction.pk).note == "Suivi par le CMP"


def test_an_empty_note_stays_empty_so_it_can_be_filtered():
    interaction = InteractionFactory(note="")
    assert stored(interaction.pk) == ""
    assert Interaction.objects.filter(note="").get() == interaction


def test_rotation_then_dropping_the_old_key_still_reads():
    with override_settings(FIELD_ENCRYPTION_KEYS=[OLD]):
        interaction = InteractionFactory(note="Dort chez un ami")
    with override_settings(FIELD_ENCRYPTION_KEYS=[NEW, OLD]):
        call_command("rotate_field_keys", stdout=StringIO())
    with override_settings(FIELD_ENCRYPTION_KEYS=[NEW]):
        assert Interaction.objects.get(pk=interaction.pk).note == "Dort chez un ami"
    assert Fernet(NEW.encode()).decrypt(stored(interaction.pk).encode()) == b"Dort chez un ami"


def test_without_rotation_the_old_key_is_still_needed():
    with override_settings(FIELD_ENCRYPTION_KEYS=[OLD]):
        interaction = InteractionFactory(note="Dort chez un ami")
    with override_settings(FIELD_ENCRYPTION_KEYS=[NEW]), pytest.raises(InvalidToken):
        Interaction.objects.get(pk=interaction.pk)


def test_rows_written_before_encryption_are_encrypted_by_the_rotation():
    interaction = InteractionFactory(note="")
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE followup_interaction SET note = 'en clair' WHERE id = %s", [interaction.pk]
        )
    assert Interaction.objects.get(pk=interaction.pk).note == "en clair"
    call_command("rotate_field_keys", stdout=StringIO())
    assert stored(interaction.pk).startswith("gAAAAA")


def test_the_sensitive_fields_are_encrypted():
    labels = {f"{m._meta.label}.{name}" for m, names in encrypted_fields() for name in names}
    assert {
        "youth.Diagnostic.needs",
        "youth.Barrier.note",
        "followup.Interaction.note",
        "outreach.Contact.note",
        "followup.Action.note",
    } <= labels


def test_the_command_makes_a_new_key():
    out = StringIO()
    call_command("rotate_field_keys", "--new-key", stdout=out)
    Fernet(out.getvalue().strip().encode())


@pytest.mark.parametrize(("keys", "error"), [([], "privacy.E001"), (["court"], "privacy.E002")])
def test_a_missing_or_bad_key_is_a_system_check_error(keys, error):
    with override_settings(FIELD_ENCRYPTION_KEYS=keys):
        assert [e.id for e in field_encryption_keys_are_valid()] == [error]
