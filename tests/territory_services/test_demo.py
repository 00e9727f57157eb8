import pytest
from data_inclusion.schema.v1 import Service as DiService
from django.db.models import Count

from accroche.demo.consortium import COMMUNES, build_demo
from accroche.organisations.models import Structure
from accroche.partner_services.datainclusion import as_json, export_records, read_rows
from accroche.partner_services.datainclusion_import import import_rows
from accroche.partner_services.services import with_details
from accroche.projects.models import Call, Decision, FollowUpTeam
from accroche.territory.models import Commune, DiagnosticArea, Service


@pytest.fixture
def demo_programme(demo_reference):
    """The demo built today, per test: its programme."""
    return build_demo()


def test_the_demo_territory(demo_programme):
    per_structure = Structure.objects.annotate(n=Count("services")).values_list("n", flat=True)
    assert all(2 <= n <= 4 for n in per_structure)
    diagnosed = (
        Commune.objects.filter(diagnostic_areas__programme=demo_programme).distinct().count()
    )
    assert diagnosed == len(COMMUNES) == 14
    assert DiagnosticArea.objects.annotate(n=Count("versions")).filter(n=2).count() >= 3
    assert FollowUpTeam.objects.filter(programme=demo_programme).count() == 3
    call = Call.objects.get(title="Appel à projets 2026 – vague 1")
    assert call.projects.count() == 6
    assert call.projects.filter(decision=Decision.RETAINED).count() == 4
    assert call.projects.filter(reports__isnull=False).distinct().count() == 4


def test_the_demo_export_validates_and_reimports_unchanged(demo_programme):
    text = as_json(export_records(with_details(Service.objects.all())))
    rows = read_rows(text.encode(), "demo.json")
    for _line, record in rows:
        DiService.model_validate(record)
    result = import_rows(rows, default_structure=None, may_edit=lambda s: True)
    assert (result.created, result.updated, result.errors) == (0, 0, [])
    assert result.unchanged == Service.objects.count() == len(rows)
