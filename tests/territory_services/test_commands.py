import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from accroche.territory.models import Service
from tests.factories.territory_services import ServiceFactory


def test_export_then_import_changes_nothing(tmp_path, structure, rouen):
    ServiceFactory(structure=structure, zone=[rouen])
    out = StringIO()
    call_command("export_services", stdout=out)
    path = tmp_path / "services.json"
    path.write_text(out.getvalue(), encoding="utf-8")
    report = StringIO()
    call_command("import_services", str(path), stdout=report, stderr=StringIO())
    assert json.loads(out.getvalue())[0]["zone_eligibilite"] == ["76540"]
    assert "0 ajoutés, 0 mis à jour, 1 inchangés, 0 en erreur" in report.getvalue()


def test_bad_rows_go_to_stderr(tmp_path, structure):
    path = tmp_path / "services.csv"
    path.write_text("source,structure_id,id,nom\naccroche,x,y,ab\n", encoding="utf-8")
    errors = StringIO()
    call_command("import_services", str(path), stdout=StringIO(), stderr=errors)
    assert errors.getvalue().startswith("ligne 2 (y) : ")
    assert not Service.objects.exists()


def test_a_missing_file_is_an_error(tmp_path):
    with pytest.raises(CommandError, match="introuvable"):
        call_command("import_services", str(tmp_path / "nope.json"))
