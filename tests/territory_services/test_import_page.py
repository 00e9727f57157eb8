import json

from django.core.files.uploadedfile import SimpleUploadedFile

from accroche.access.roles import Role
from accroche.partner_services.datainclusion import structure_ref
from accroche.territory.models import Service
from tests.territory_services.conftest import assert_redirects_to_login


def upload(records, name="services.json"):
    return SimpleUploadedFile(name, json.dumps(records).encode(), content_type="application/json")


def row(structure, n, **extra):
    return {
        "source": "accroche",
        "structure_id": structure_ref(structure),
        "id": f"accroche--p-{n}",
        "nom": f"Service {n}",
        "description": "Un service du quartier.",
        "date_maj": "2026-01-15",
        "thematiques": ["famille--garde-denfants"],
    } | extra


def test_it_requires_login(client):
    assert_redirects_to_login(client.get("/territoire/services/importer/"))


def test_a_partner_cannot_import(client_for, structure):
    assert (
        client_for(Role.PARTNER, structure).get("/territoire/services/importer/").status_code == 404
    )


def test_good_rows_are_kept_and_bad_ones_listed_in_french(client_for, structure):
    client = client_for(Role.COORDINATOR, structure)
    records = [row(structure, 1), row(structure, 2, publics=["tous-publics", "jeunes"])]
    response = client.post("/territoire/services/importer/", {"file": upload(records)})
    assert "1 service ajouté" in response.text
    assert "1 ligne n'a pas été importée" in response.text
    assert "« tous-publics » ne se combine pas avec d&#x27;autres publics." in response.text
    assert list(Service.objects.values_list("name", flat=True)) == ["Service 1"]


def test_an_unreadable_file_is_explained(client_for, structure):
    client = client_for(Role.COORDINATOR, structure)
    bad = SimpleUploadedFile("services.csv", b"\xff\xfe\x00", content_type="text/csv")
    response = client.post("/territoire/services/importer/", {"file": bad})
    assert "Le fichier doit être encodé en UTF-8." in response.text
