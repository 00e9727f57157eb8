from django.core.checks import run_checks
from django.template import Context, Template
from django.test import override_settings

from accroche.linkage.merge import do_merge
from accroche.youth.timeline import timeline_for
from tests.linkage.conftest import KEVIN


def test_the_youth_form_slot_asks_for_possible_duplicates_as_the_form_changes():
    html = Template('<form>{% include "linkage/_possible_slot.html" %}</form>').render(
        Context({"youth": None})
    )
    assert 'hx-get="/jeunes/doublons/possibles/"' in html
    assert 'hx-include="closest form"' in html
    assert "csrfmiddlewaretoken" in html  # left out of the GET, never in a URL


def test_on_an_edit_form_the_slot_leaves_out_the_file_itself(file, structure):
    youth = file(structure, **KEVIN)
    html = Template('{% include "linkage/_possible_slot.html" %}').render(Context({"youth": youth}))
    assert f'"exclude": "{youth.pk}"' in html


def test_a_merge_shows_on_the_kept_files_timeline(case_worker, file, structure):
    keep, absorb = file(structure, **KEVIN), file(structure, **KEVIN)
    do_merge(case_worker, keep.pk, absorb.pk)
    assert [entry.kind for entry in timeline_for(case_worker, keep)].count("merge") == 1


@override_settings(LINKAGE_KEY="")
def test_a_missing_linkage_key_is_a_configuration_error():
    assert "linkage.E001" in [message.id for message in run_checks()]
