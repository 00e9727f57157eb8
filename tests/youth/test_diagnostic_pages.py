import datetime

import pytest
from django.urls import reverse

from accroche.access.roles import Role
from accroche.youth.models import Diagnostic
from tests.factories.youth import DiagnosticFactory, YouthFactory


def test_the_first_diagnostic(login, member, structure, categories):
    youth = YouthFactory(holder_structure=structure)
    client = login(member(Role.CASE_WORKER, structure))
    url = reverse("youth:diagnostic_create", args=[youth.pk])
    form = client.get(url).text
    assert form.count('name="severity_') == 5 * len(categories)  # "not assessed" and 0–3
    response = client.post(
        url,
        {
            "done_on": "2026-03-10",
            "severity_mobilite": "3",
            "note_mobilite": "Pas de permis",
            "severity_sante": "0",
            "wishes": "Cariste",
        },
    )
    diagnostic = Diagnostic.objects.get()
    assert response.url == reverse("youth:diagnostic", args=[youth.pk, diagnostic.pk])
    assert sorted(diagnostic.barriers.values_list("severity", flat=True)) == [0, 3]


def test_a_repeated_diagnostic_starts_from_the_last_one(login, member, structure, categories):
    previous = DiagnosticFactory(youth__holder_structure=structure, barriers={"sante": 2})
    client = login(member(Role.CASE_WORKER, structure))
    form = client.get(reverse("youth:diagnostic_create", args=[previous.youth_id])).text
    assert 'name="severity_sante" value="2" id="id_severity_sante_3" checked' in form


def test_a_note_without_severity_keeps_what_was_typed(login, member, structure, categories):
    youth = YouthFactory(holder_structure=structure)
    response = login(member(Role.CASE_WORKER, structure)).post(
        reverse("youth:diagnostic_create", args=[youth.pk]),
        {"done_on": "2026-03-10", "note_sante": "Dort mal", "needs": "Un médecin"},
    )
    assert "Choisissez une sévérité pour garder la note." in response.text
    assert "Dort mal" in response.text
    assert "Un médecin" in response.text
    assert not Diagnostic.objects.exists()


def test_a_future_date_is_refused_in_french(login, member, structure, categories):
    youth = YouthFactory(holder_structure=structure)
    future = (datetime.date.today() + datetime.timedelta(days=1)).isoformat()
    response = login(member(Role.CASE_WORKER, structure)).post(
        reverse("youth:diagnostic_create", args=[youth.pk]),
        {"done_on": future, "severity_mobilite": "1"},
    )
    assert "La date du diagnostic ne peut pas être dans le futur." in response.text
    assert not Diagnostic.objects.exists()


def test_the_progression_page_has_a_chart_and_the_same_data_as_a_table(login, member, structure):
    youth = YouthFactory(holder_structure=structure)
    DiagnosticFactory(youth=youth, done_on=datetime.date(2026, 2, 1), barriers={"mobilite": 3})
    DiagnosticFactory(youth=youth, done_on=datetime.date(2026, 4, 1), barriers={"mobilite": 1})
    text = (
        login(member(Role.CASE_WORKER, structure))
        .get(reverse("youth:diagnostics", args=[youth.pk]))
        .text
    )
    assert "vendor/chartjs/chart.umd.min.js" in text
    assert 'id="progression-data"' in text
    assert "en baisse de 2" in text


def test_a_single_diagnostic_has_no_chart(login, member, structure):
    youth = YouthFactory(holder_structure=structure)
    DiagnosticFactory(youth=youth, barriers={"mobilite": 3})
    text = (
        login(member(Role.CASE_WORKER, structure))
        .get(reverse("youth:diagnostics", args=[youth.pk]))
        .text
    )
    assert "chart.umd" not in text
    assert "la progression apparaîtra au prochain" in text


def test_the_diagnostic_page_of_another_structure_is_a_404(
    login, member, structure, other_structure
):
    diagnostic = DiagnosticFactory(youth__holder_structure=structure)
    url = reverse("youth:diagnostic", args=[diagnostic.youth_id, diagnostic.pk])
    assert login(member(Role.CASE_WORKER, structure)).get(url).status_code == 200
    assert login(member(Role.CASE_WORKER, other_structure)).get(url).status_code == 404


@pytest.mark.parametrize("role", [Role.PARTNER, Role.EVALUATOR, Role.ADMIN])
def test_roles_without_file_access_get_a_404(login, member, structure, role):
    diagnostic = DiagnosticFactory(youth__holder_structure=structure)
    url = reverse("youth:diagnostics", args=[diagnostic.youth_id])
    assert login(member(role, structure)).get(url).status_code == 404


def test_marking_the_need_met_from_the_file(login, member, structure):
    diagnostic = DiagnosticFactory(
        youth__holder_structure=structure,
        immediate_need="Colis",
        immediate_need_on=datetime.date.today(),
    )
    client = login(member(Role.CASE_WORKER, structure))
    url = reverse("youth:immediate_need_met", args=[diagnostic.youth_id, diagnostic.pk])
    assert client.get(url).status_code == 405
    client.post(url)
    diagnostic.refresh_from_db()
    assert diagnostic.immediate_need_met_on == datetime.date.today()
