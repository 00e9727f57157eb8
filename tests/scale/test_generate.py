import datetime

import pytest
from django.core.management import call_command
from django.db.models import F
from django.http import Http404

from accroche.access.actor import Actor
from accroche.access.models import AuditEvent
from accroche.organisations.models import Membership
from accroche.outreach.models import Contact
from accroche.synthetic.generate import generate
from accroche.youth.access import get_youth, youths_visible_to
from accroche.youth.models import Consent, Enrolment, Youth
from tests.factories.territory import CommuneFactory

TODAY = datetime.date(2026, 12, 1)


@pytest.fixture(autouse=True)
def _communes() -> None:
    CommuneFactory.create_batch(25)


def test_small_builds_a_consistent_consortium():
    result = generate(1_000, seed=7, today=TODAY)
    assert Youth.objects.count() == 1_000
    assert result.counts["access.AuditEvent"] > 10_000
    assert result.counts["outreach.Contact"] + result.counts["followup.Interaction"] > 5_000
    assert len(result.structures) == 6
    # Every enrolment's referent works in the structure that holds the file.
    assert not Enrolment.objects.exclude(referent__structure=F("youth__holder_structure"))
    assert not Contact.objects.filter(youth__isnull=False).exclude(
        structure=F("youth__holder_structure")
    )
    assert Youth.objects.filter(search_text="").count() == 0


def test_the_same_seed_gives_the_same_content():
    first = generate(300, seed=7, today=TODAY, dry_run=True)
    again = generate(300, seed=7, today=TODAY, dry_run=True)
    other = generate(300, seed=8, today=TODAY, dry_run=True)
    written = generate(300, seed=7, today=TODAY)
    assert first.digest == again.digest == written.digest
    assert other.digest != first.digest
    assert Youth.objects.count() == written.youths == 300


def test_names_carry_realistic_errors_and_duplicates():
    generate(500, seed=7, today=TODAY)
    names = list(Youth.objects.values_list("first_name", "last_name"))
    assert len(set(names)) < len(names)  # the same person met by two structures
    assert any(first.isupper() or last.isupper() for first, last in names)


def test_the_generated_files_pass_the_access_layer():
    result = generate(400, seed=7, today=TODAY)
    staff = result.structures[0]
    worker = Membership.objects.select_related("user").get(pk=staff.case_workers[0][1])
    actor = Actor(user=worker.user, membership=worker)
    shared = Consent.objects.filter(
        purpose="sharing", withdrawn_on__isnull=True, shared_with=staff.structure_id
    ).values("youth_id")
    expected = Youth.objects.filter(holder_structure_id=staff.structure_id) | Youth.objects.filter(
        pk__in=shared
    )
    visible = youths_visible_to(actor)
    assert set(visible.values_list("pk", flat=True)) == set(expected.values_list("pk", flat=True))
    assert visible.count() < Youth.objects.count()
    own = visible.filter(holder_structure_id=staff.structure_id).first()
    assert get_youth(actor, own.pk) == own
    assert AuditEvent.objects.filter(object_id=own.pk, user_id=worker.user.pk).exists()
    hidden = Youth.objects.exclude(pk__in=visible).first()
    with pytest.raises(Http404):
        get_youth(actor, hidden.pk)


def test_the_command_prints_the_digest(capsys):
    call_command("generate_data", "--youths", "50", "--seed", "3", "--today", "2026-12-01")
    assert "digest " in capsys.readouterr().out
    assert Youth.objects.count() == 50
