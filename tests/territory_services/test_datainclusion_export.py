import csv
import io
import json

import pytest
from data_inclusion.schema.v1 import Service as DiService

from accroche.partner_services.datainclusion import (
    as_csv,
    as_json,
    export_records,
    read_rows,
    structure_ref,
)
from accroche.partner_services.datainclusion_import import import_rows
from accroche.partner_services.services import with_details
from accroche.territory.models import Service
from tests.factories.territory_services import ServiceFactory


@pytest.fixture
def services(structure, other_structure, rouen, bihorel):
    full = ServiceFactory(
        structure=structure,
        name="Maraudes du soir",
        themes=["remobilisation--lien-social", "mobilite--preparer-un-permis"],
        zone=[rouen, bihorel],
        publics=["femmes", "jeunes"],
        fees="gratuit",
        reception_modes=["en-presentiel"],
        mobilisation_modes=["se-presenter", "telephoner"],
        mobilisable_by=["usagers"],
        mobilisation_url="https://exemple.fr/mobiliser",
        commune=rouen,
        postcode="76000",
        address="12 rue Saint-Julien",
        latitude=49.44,
        longitude=1.09,
        phone="02 35 00 00 00",
        email="maraudes@exemple.fr",
        opening_hours="Tu-Fr 17:00-21:00; Sa 14:00-19:00",
        evenings_saturdays=True,
        weekly_hours=2.5,
        weeks=10,
    )
    wide = ServiceFactory(structure=other_structure, zone_departments=["76"], type="")
    foreign = ServiceFactory(
        structure=other_structure,
        source="dora",
        external_id="dora--42",
        source_structure_id="dora--structure-7",
        zone_other=["france"],
    )
    return [full, wide, foreign]


def records():
    return export_records(with_details(Service.objects.all()))


def snapshot():
    """Everything stored about the services, relations included."""
    rows = []
    for service in with_details(Service.objects.order_by("pk")):
        values = {f.name: getattr(service, f.attname) for f in Service._meta.concrete_fields}
        values.pop("created_at")
        values["themes"] = sorted(t.value for t in service.themes.all())
        values["zone"] = sorted(c.code for c in service.zone_communes.all())
        rows.append(values)
    return rows


def test_every_exported_record_validates_with_the_package_model(services):
    exported = json.loads(as_json(records()))
    assert len(exported) == 3
    for record in exported:
        assert DiService.model_validate(record).nom


def test_the_csv_export_validates_too(services):
    for row in read_rows(as_csv(records()).encode(), "services.csv"):
        DiService.model_validate(row[1])


def test_the_record_carries_the_data_inclusion_fields(services, structure):
    record = next(r for r in records() if r["nom"] == "Maraudes du soir")
    assert record["structure_id"] == structure_ref(structure)
    assert record["zone_eligibilite"] == ["76095", "76540"]
    assert record["thematiques"] == ["mobilite--preparer-un-permis", "remobilisation--lien-social"]
    assert record["horaires_accueil"] == "Tu-Fr 17:00-21:00; Sa 14:00-19:00"
    assert record["code_insee"] == "76540"


def test_a_foreign_service_keeps_its_source_ids(services):
    record = next(r for r in records() if r["source"] == "dora")
    assert (record["id"], record["structure_id"]) == ("dora--42", "dora--structure-7")
    assert record["zone_eligibilite"] == ["france"]


@pytest.mark.parametrize(("render", "name"), [(as_json, "s.json"), (as_csv, "s.csv")])
def test_reimporting_an_export_changes_nothing(services, render, name):
    before = snapshot()
    rows = read_rows(render(records()).encode(), name)
    result = import_rows(rows, default_structure=None, may_edit=lambda s: True)
    assert (result.created, result.updated, result.unchanged, result.errors) == (0, 0, 3, [])
    assert snapshot() == before


def test_an_export_imported_elsewhere_recreates_the_same_services(services, other_structure):
    text = as_json(records())
    before = [{k: v for k, v in r.items() if k != "id"} for r in snapshot()]
    Service.objects.all().delete()
    rows = read_rows(text.encode(), "s.json")
    # The foreign (DORA) service needs a structure of ours: the one it had.
    result = import_rows(rows, default_structure=other_structure, may_edit=lambda s: True)
    assert result.created == 3
    after = [{k: v for k, v in r.items() if k != "id"} for r in snapshot()]
    assert sorted(after, key=str) == sorted(before, key=str)


def test_the_csv_has_one_column_per_schema_field(services):
    header = next(csv.reader(io.StringIO(as_csv(records()))))
    assert header == list(DiService.model_fields)


def test_a_formula_is_neutralised_in_the_csv_and_reads_back_as_typed(structure):
    typed = {"name": '=HYPERLINK("https://pirate.invalid";"clic")', "phone": "+33 6 12 34 56 78"}
    ServiceFactory(structure=structure, **typed)
    text = as_csv(records())
    [row] = list(csv.DictReader(io.StringIO(text)))
    assert (row["nom"], row["telephone"]) == ("'" + typed["name"], "'" + typed["phone"])
    [(_line, record)] = read_rows(text.encode(), "services.csv")
    assert (record["nom"], record["telephone"]) == (typed["name"], typed["phone"])
