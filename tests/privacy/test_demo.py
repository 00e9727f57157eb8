"""The demo shows an anonymised file and a file whose retention notice was sent."""

import datetime
from io import StringIO

import time_machine
from django.core.management import call_command

from accroche.privacy.models import Erasure, RetentionNotice
from accroche.privacy.retention import apply_retention, pending_notice
from accroche.youth.models import Youth

NOW = datetime.datetime(2026, 11, 20, 12, 0, tzinfo=datetime.UTC)


def test_the_demo_has_an_anonymised_file_and_a_retention_notice(demo_reference):
    with time_machine.travel(NOW, tick=False):
        call_command("seed_demo", stdout=StringIO())
        erased = Erasure.objects.get().youth
        assert erased.display_name == "Fiche anonymisée"
        notice = RetentionNotice.objects.get()
        assert pending_notice(Youth.objects.get(pk=notice.youth_id)) == notice
        assert notice.due_on == datetime.date(2026, 12, 8)
        # The daily job agrees with the demo: nothing more to do today.
        run = apply_retention()
    assert (run.notified, run.anonymised) == (0, 0)
