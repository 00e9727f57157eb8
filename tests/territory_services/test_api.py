import datetime

import pytest

from accroche.access.roles import Role
from accroche.partner_services.datainclusion import structure_ref
from accroche.territory.models import Service, ThemeCategory
from accroche.youth.models import Barrier, Diagnostic
from tests.factories.territory_services import ServiceFactory
from tests.factories.youth import YouthFactory


@pytest.fixture
def as_(api_client, member):
    def make(role, structure):
        return api_client(member(role, structure))

    return make


def test_anonymous_gets_401(client):
    assert client.get("/api/territory/services").status_code == 401


def test_list_returns_data_inclusion_records(as_, structure, rouen):
    ServiceFactory(structure=structure, zone=[rouen], name="Permis solidaire")
    [item] = as_(Role.PARTNER, structure).get("/api/territory/services?commune=76540").json()
    assert item["record"]["nom"] == "Permis solidaire"
    assert item["record"]["structure_id"] == structure_ref(structure)


def test_create_update_delete(as_, structure, rouen):
    client = as_(Role.MEDIATOR, structure)
    created = client.post(
        "/api/territory/services",
        {
            "name": "Atelier CV",
            "description": "Faire son CV en une séance.",
            "themes": ["preparer-sa-candidature--realiser-un-cv-et-ou-une-lettre-de-motivation"],
            "zone_communes": ["76540"],
            "opening_hours": "Sa 10:00-12:00",
        },
        content_type="application/json",
    )
    assert created.status_code == 201
    pk = created.json()["id"]
    assert created.json()["evenings_saturdays"] is True
    patched = client.patch(
        f"/api/territory/services/{pk}",
        {"phone": "02 35 00 00 01"},
        content_type="application/json",
    )
    assert patched.json()["record"]["telephone"] == "+33235000001"
    assert client.delete(f"/api/territory/services/{pk}").status_code == 204
    assert not Service.objects.exists()


def test_a_bad_service_is_a_french_422(as_, structure):
    response = as_(Role.MEDIATOR, structure).post(
        "/api/territory/services",
        {"name": "Atelier", "description": "Court.", "themes": ["magie"]},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert response.json()["errors"] == [
        {"field": "themes", "message": "Thématiques inconnues : magie."}
    ]


def test_another_structures_service_is_404(as_, structure, other_structure):
    service = ServiceFactory(structure=other_structure)
    client = as_(Role.MEDIATOR, structure)
    assert (
        client.patch(
            f"/api/territory/services/{service.pk}", {}, content_type="application/json"
        ).status_code
        == 404
    )
    assert client.delete(f"/api/territory/services/{service.pk}").status_code == 404


def test_import_keeps_good_rows(as_, structure):
    good = {
        "source": "accroche",
        "structure_id": structure_ref(structure),
        "id": "accroche--api-1",
        "nom": "Service API",
        "description": "Importé par l'API.",
        "date_maj": "2026-01-01",
        "thematiques": ["sante--sante-mentale"],
    }
    bad = good | {"id": "accroche--api-2", "type": "cours"}
    result = (
        as_(Role.COORDINATOR, structure)
        .post("/api/territory/services/import", [good, bad], content_type="application/json")
        .json()
    )
    assert (result["created"], [e["line"] for e in result["errors"]]) == (1, [2])


def test_export_is_the_data_inclusion_list(as_, structure):
    ServiceFactory(structure=structure)
    [record] = as_(Role.EVALUATOR, structure).get("/api/territory/services/export").json()
    assert record["source"] == "accroche"


def test_help_for_a_youth_follows_the_access_layer(as_, structure, other_structure, rouen):
    youth = YouthFactory(holder_structure=structure, residence_commune=rouen)
    diagnostic = Diagnostic.objects.create(
        youth=youth, done_on=datetime.date(2026, 3, 1), author_structure=structure
    )
    Barrier.objects.create(
        diagnostic=diagnostic, category=ThemeCategory.objects.get(value="sante"), severity=2
    )
    mine = as_(Role.CASE_WORKER, structure).get(f"/api/territory/youth/{youth.pk}/help")
    theirs = as_(Role.CASE_WORKER, other_structure).get(f"/api/territory/youth/{youth.pk}/help")
    assert mine.json()["barriers"] == [
        {"domain": "sante", "label": "Santé", "severity": 2, "gap": True, "services": []}
    ]
    assert theirs.status_code == 404


def test_coverage(as_, programme, structure, rouen):
    ServiceFactory(zone=[rouen])
    rows = (
        as_(Role.COORDINATOR, structure)
        .get(f"/api/territory/programmes/{programme.pk}/coverage")
        .json()
    )
    rouen_row = next(r for r in rows if r["commune"] == "76540")
    assert rouen_row["local"]["mobilite"] == 1
    assert "mobilite" not in rouen_row["gaps"]


def test_territorial_diagnostics_round_trip(as_, programme, structure, rouen):
    client = as_(Role.COORDINATOR, structure)
    first = client.post(
        f"/api/territory/programmes/{programme.pk}/diagnostics",
        {"communes": ["76540"], "done_on": "2026-01-10", "mesh_score": 2},
        content_type="application/json",
    )
    assert first.status_code == 201
    area = first.json()["area_id"]
    second = client.post(
        f"/api/territory/areas/{area}/versions",
        {"done_on": "2026-02-10", "mesh_score": 4, "needs": "Santé mentale."},
        content_type="application/json",
    )
    assert second.json()["version"] == 2
    compared = client.get(f"/api/territory/areas/{area}/compare").json()
    assert compared["score_change"] == 2
    assert [
        a["name"]
        for a in client.get(f"/api/territory/programmes/{programme.pk}/diagnostics").json()
    ] == ["Rouen"]


def test_a_case_worker_cannot_record_a_territorial_diagnostic(as_, programme, structure):
    response = as_(Role.CASE_WORKER, structure).post(
        f"/api/territory/programmes/{programme.pk}/diagnostics",
        {"communes": ["76540"], "done_on": "2026-01-10", "mesh_score": 2},
        content_type="application/json",
    )
    assert response.status_code == 404
