import io

from django.core.management import call_command

from accroche.jobs.registry import run_due_jobs
from accroche.linkage.index import current_encoder
from accroche.linkage.models import Encoding, LinkageKey
from accroche.youth.models import Youth
from tests.factories.youth import YouthFactory
from tests.linkage.conftest import KEVIN


def test_saving_a_file_encodes_it_once_committed(structure, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        youth = YouthFactory(holder_structure=structure, **KEVIN)
    encoding = Encoding.objects.get(youth=youth)
    assert (encoding.structure, encoding.key_fingerprint) == (
        structure,
        current_encoder().fingerprint,
    )
    assert LinkageKey.objects.filter(youth=youth).count() >= 5


def test_a_change_replaces_the_keys(structure, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        youth = YouthFactory(holder_structure=structure, **KEVIN)
    before = set(LinkageKey.objects.filter(youth=youth).values_list("key", flat=True))
    with django_capture_on_commit_callbacks(execute=True):
        youth.phone = "07 98 76 54 32"
        youth.save()
    after = set(LinkageKey.objects.filter(youth=youth).values_list("key", flat=True))
    assert before != after
    assert len(before & after) > 0


def test_stored_keys_are_hashes_not_names(file, structure):
    youth = file(structure, **KEVIN)
    keys = LinkageKey.objects.filter(youth=youth).values_list("key", flat=True)
    assert all(isinstance(key, int) for key in keys)


def test_the_command_rebuilds_everything(structure):
    YouthFactory.create_batch(3, holder_structure=structure)
    out = io.StringIO()
    call_command("refresh_linkage", stdout=out)
    assert out.getvalue().strip() == "3 files encoded"
    assert Encoding.objects.count() == Youth.objects.count() == 3


def test_the_daily_job_catches_up_files_changed_in_bulk(file, structure):
    youth = file(structure, **KEVIN)
    Encoding.objects.all().delete()
    other = YouthFactory(holder_structure=structure)
    run_due_jobs(force=True, only="refresh_linkage")
    assert set(Encoding.objects.values_list("youth_id", flat=True)) == {youth.pk, other.pk}
