from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from accroche.access.roles import Role
from accroche.backup.dumps import dump, fingerprint, restored_copy
from accroche.backup.media import restore_media
from tests.factories.organisations import MembershipFactory
from tests.factories.youth import ConsentFactory, YouthFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def data():
    membership = MembershipFactory(role=Role.CASE_WORKER)
    for name in ("Aya", "Kévin", "Zoé"):
        youth = YouthFactory(holder_structure=membership.structure, first_name=name)
        ConsentFactory(youth=youth, shared_with=[MembershipFactory().structure])


def test_a_restored_backup_has_the_same_rows_and_content(data, tmp_path):
    backup = dump(tmp_path / "accroche.backup")
    live = fingerprint()
    with restored_copy(backup, tmp_path) as copy:
        assert copy == live
    assert live["youth_youth"][0] == 3
    assert live["youth_consent_shared_with"][0] == 3


def test_the_fingerprint_sees_a_changed_value(data, tmp_path):
    backup = dump(tmp_path / "accroche.backup")
    from accroche.youth.models import Youth

    Youth.objects.filter(first_name="Aya").update(first_name="Ayaa")
    with restored_copy(backup, tmp_path) as copy:
        assert copy["youth_youth"] != fingerprint()["youth_youth"]
        assert copy["youth_consent"] == fingerprint()["youth_consent"]


def test_the_command_dumps_and_verifies(data, tmp_path):
    out = StringIO()
    call_command("backup", "dump", str(tmp_path / "b"), stdout=out)
    call_command("backup", "verify", str(tmp_path / "b"), stdout=out)
    assert "identical content" in out.getvalue()


def test_verify_fails_when_the_data_moved_on(data, tmp_path):
    call_command("backup", "dump", str(tmp_path / "b"), stdout=StringIO())
    YouthFactory(first_name="Nouveau")
    with pytest.raises(CommandError, match="youth_youth"):
        call_command("backup", "verify", str(tmp_path / "b"), stdout=StringIO())


@pytest.fixture
def receipts(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    folder = settings.MEDIA_ROOT / "justificatifs" / "2026"
    folder.mkdir(parents=True)
    (folder / "facture-casque.pdf").write_bytes(b"%PDF-1.4 receipt")
    return settings.MEDIA_ROOT


def test_uploaded_files_are_backed_up_and_restored(data, receipts, tmp_path):
    out = StringIO()
    call_command("backup", "dump", str(tmp_path / "b"), stdout=out)
    call_command("backup", "verify", str(tmp_path / "b"), stdout=out)
    assert "1 uploaded files, identical content" in out.getvalue()

    elsewhere = tmp_path / "new-server"
    assert restore_media(tmp_path / "b", into=elsewhere) == 1
    restored = elsewhere / "justificatifs" / "2026" / "facture-casque.pdf"
    assert restored.read_bytes() == b"%PDF-1.4 receipt"


def test_verify_sees_a_changed_receipt(data, receipts, tmp_path):
    call_command("backup", "dump", str(tmp_path / "b"), stdout=StringIO())
    (receipts / "justificatifs" / "2026" / "facture-casque.pdf").write_bytes(b"changed")
    with pytest.raises(CommandError, match="uploaded files"):
        call_command("backup", "verify", str(tmp_path / "b"), stdout=StringIO())


def test_a_restore_never_overwrites_a_different_file(data, receipts, tmp_path):
    call_command("backup", "dump", str(tmp_path / "b"), stdout=StringIO())
    (receipts / "justificatifs" / "2026" / "facture-casque.pdf").write_bytes(b"newer")
    with pytest.raises(FileExistsError, match=r"facture-casque\.pdf"):
        restore_media(tmp_path / "b")
    assert restore_media(tmp_path / "b", into=tmp_path / "empty") == 1
