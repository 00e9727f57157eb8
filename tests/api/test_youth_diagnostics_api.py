import datetime

import pytest

from accroche.access.roles import Role
from accroche.youth.models import Diagnostic
from tests.factories.youth import DiagnosticFactory, ThemeCategoryFactory, YouthFactory


@pytest.fixture
def categories():
    return [ThemeCategoryFactory(value=v) for v in ("mobilite", "sante", "logement-hebergement")]


def post(client, url, data):
    return client.post(url, data, content_type="application/json")


def test_create_and_read_a_diagnostic(api_client, member, structure, categories):
    youth = YouthFactory(holder_structure=structure)
    client = api_client(member(Role.CASE_WORKER, structure))
    response = post(
        client,
        f"/api/youth/{youth.pk}/diagnostics",
        {
            "done_on": "2026-03-01",
            "immediate_need": "Hébergement",
            "barriers": [{"domain": "logement-hebergement", "severity": 3, "note": "À la rue"}],
        },
    )
    assert response.status_code == 201
    body = response.json()
    assert body["barriers"][0]["domain"] == "logement-hebergement"
    assert body["immediate_need_on"] == "2026-03-01"
    read = client.get(f"/api/youth/{youth.pk}/diagnostics/{body['id']}").json()
    assert read == body


def test_unknown_domains_and_severities_are_refused(api_client, member, structure, categories):
    youth = YouthFactory(holder_structure=structure)
    client = api_client(member(Role.CASE_WORKER, structure))
    response = post(
        client,
        f"/api/youth/{youth.pk}/diagnostics",
        {"done_on": "2026-03-01", "barriers": [{"domain": "astrologie", "severity": 2}]},
    )
    assert response.json()["errors"] == [
        {"field": "barriers", "message": "Domaines inconnus : astrologie."}
    ]
    response = post(
        client,
        f"/api/youth/{youth.pk}/diagnostics",
        {"done_on": "2026-03-01", "barriers": [{"domain": "sante", "severity": 5}]},
    )
    assert response.json()["errors"][0]["message"] == "La valeur doit être au plus 3."
    assert not Diagnostic.objects.exists()


def test_progression(api_client, member, structure):
    youth = YouthFactory(holder_structure=structure)
    DiagnosticFactory(youth=youth, done_on=datetime.date(2026, 1, 5), barriers={"sante": 3})
    DiagnosticFactory(youth=youth, done_on=datetime.date(2026, 3, 5), barriers={"sante": 1})
    body = (
        api_client(member(Role.CASE_WORKER, structure))
        .get(f"/api/youth/{youth.pk}/diagnostics/progression")
        .json()
    )
    assert body["dates"] == ["2026-01-05", "2026-03-05"]
    assert body["rows"] == [
        {"domain": "sante", "label": "Sante", "severities": [3, 1], "change": -2}
    ]


def test_immediate_need_met(api_client, member, structure):
    diagnostic = DiagnosticFactory(
        youth__holder_structure=structure,
        immediate_need="Colis",
        immediate_need_on=datetime.date(2026, 1, 5),
    )
    client = api_client(member(Role.CASE_WORKER, structure))
    url = f"/api/youth/{diagnostic.youth_id}/diagnostics/{diagnostic.pk}/immediate-need-met"
    assert post(client, url, {"on": "2026-01-06"}).json()["immediate_need_met_on"] == "2026-01-06"
    assert post(client, url, {}).status_code == 422


def test_the_timeline_newest_first(api_client, member, structure):
    youth = YouthFactory(holder_structure=structure)
    DiagnosticFactory(youth=youth, done_on=datetime.date(2026, 1, 5), needs="x")
    DiagnosticFactory(youth=youth, done_on=datetime.date(2026, 3, 5), needs="y")
    body = (
        api_client(member(Role.CASE_WORKER, structure))
        .get(f"/api/youth/{youth.pk}/timeline")
        .json()
    )
    assert [e["at"][:10] for e in body] == ["2026-03-05", "2026-01-05"]


def test_a_diagnostic_of_another_file_is_a_404(api_client, member, structure):
    youth = YouthFactory(holder_structure=structure)
    other = DiagnosticFactory(youth__holder_structure=structure)
    client = api_client(member(Role.CASE_WORKER, structure))
    assert client.get(f"/api/youth/{youth.pk}/diagnostics/{other.pk}").status_code == 404
