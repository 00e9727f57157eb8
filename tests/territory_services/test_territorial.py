import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.http import Http404

from accroche.access.roles import Role
from accroche.partner_services.territorial import (
    compare,
    do_record_first_diagnostic,
    do_record_new_version,
    with_content,
)
from accroche.territory.models import DiagnosticArea, TerritorialDiagnostic
from tests.factories.organisations import StructureFactory

TODAY = datetime.date(2026, 6, 15)


def data(**overrides):
    values = {
        "done_on": datetime.date(2026, 3, 1),
        "mesh_score": 2,
        "partnership": "Contacts ponctuels.",
        "needs": "Garde d'enfants.",
        "resource_people": [{"name": "Karine Lemaire", "role": "Principale adjointe"}],
    }
    return values | overrides


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(TODAY):
        yield


@pytest.fixture
def lead(actor, programme):
    return actor(Role.COORDINATOR, programme.lead_structure)


def test_a_first_diagnostic_makes_a_sector_named_after_the_commune(lead, programme, rouen):
    diagnostic = do_record_first_diagnostic(lead, programme, [rouen], data())
    assert (diagnostic.area.name, diagnostic.version) == ("Rouen", 1)
    assert [p.name for p in diagnostic.resource_people.all()] == ["Karine Lemaire"]


def test_a_group_of_communes_is_one_sector(lead, programme, rouen, bihorel):
    diagnostic = do_record_first_diagnostic(
        lead, programme, [rouen, bihorel], data(), name="Plateau Nord"
    )
    assert diagnostic.area.communes.count() == 2


def test_the_same_communes_twice_asks_for_a_new_version(lead, programme, rouen):
    do_record_first_diagnostic(lead, programme, [rouen], data())
    with pytest.raises(ValidationError, match="faites-en une nouvelle version"):
        do_record_first_diagnostic(lead, programme, [rouen], data(), name="Autre nom")


def test_a_commune_outside_the_territory_is_refused(lead, programme, evreux):
    with pytest.raises(ValidationError, match="pas dans le territoire"):
        do_record_first_diagnostic(lead, programme, [evreux], data())


def test_a_new_version_keeps_the_old_one(lead, programme, rouen):
    first = do_record_first_diagnostic(lead, programme, [rouen], data())
    second = do_record_new_version(lead, first.area, data(done_on=TODAY, mesh_score=4))
    assert second.version == 2
    assert TerritorialDiagnostic.objects.get(pk=first.pk).mesh_score == 2


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"done_on": datetime.date(2026, 1, 1)}, "done_on", "ne peut pas être plus ancienne"),
        ({"done_on": datetime.date(2026, 7, 1)}, "done_on", "dans le futur"),
        ({"mesh_score": 6}, "mesh_score", "de 1 à 5"),
        ({"resource_people": [{"name": ""}]}, "resource_people", "a un nom"),
    ],
)
def test_bad_versions_are_refused_in_french(lead, programme, rouen, changes, field, message):
    first = do_record_first_diagnostic(lead, programme, [rouen], data())
    with pytest.raises(ValidationError) as exc:
        do_record_new_version(lead, first.area, data(**changes))
    assert message in " ".join(exc.value.message_dict[field])
    assert first.area.versions.count() == 1


@pytest.mark.parametrize("role", [Role.CASE_WORKER, Role.MEDIATOR, Role.PARTNER])
def test_only_coordinators_record(actor, programme, rouen, role):
    with pytest.raises(Http404):
        do_record_first_diagnostic(
            actor(role, programme.lead_structure), programme, [rouen], data()
        )


def test_a_partners_coordinator_records_too(actor, programme, other_structure, rouen):
    diagnostic = do_record_first_diagnostic(
        actor(Role.COORDINATOR, other_structure), programme, [rouen], data()
    )
    assert diagnostic.author_structure == other_structure


def test_an_outsiders_coordinator_cannot(actor, programme, rouen):
    with pytest.raises(Http404):
        do_record_first_diagnostic(
            actor(Role.COORDINATOR, StructureFactory()), programme, [rouen], data()
        )


def test_compare_shows_what_moved(lead, programme, other_structure, rouen):
    first = do_record_first_diagnostic(lead, programme, [rouen], data())
    second = do_record_new_version(
        lead,
        first.area,
        data(
            done_on=TODAY,
            mesh_score=4,
            structures=[other_structure],
            resource_people=[{"name": "Olivier Renaud", "role": "Éducateur sportif"}],
        ),
    )
    versions = {d.pk: d for d in with_content(TerritorialDiagnostic.objects.all())}
    result = compare(versions[second.pk], versions[first.pk])
    assert result.score_change == 2
    assert result.structures_added == (other_structure.name,)
    assert result.people_added == ("Olivier Renaud – Éducateur sportif",)
    assert result.people_gone == ("Karine Lemaire – Principale adjointe",)
    assert [f.label for f in result.fields if f.changed] == ["qualité du maillage"]


def test_saving_the_same_text_from_a_browser_changes_nothing(lead, programme, rouen):
    # A browser sends a textarea's line ends as "\r\n"; the API and the first form as "\n".
    first = do_record_first_diagnostic(lead, programme, [rouen], data(needs="Garde.\nLogement."))
    second = do_record_new_version(
        lead, first.area, data(done_on=TODAY, needs="Garde.\r\nLogement.  \r\n")
    )
    versions = {d.pk: d for d in with_content(TerritorialDiagnostic.objects.all())}
    assert [
        f.label for f in compare(versions[first.pk], versions[second.pk]).fields if f.changed
    ] == []
    assert versions[second.pk].needs == "Garde.\nLogement."


def test_a_version_stored_with_crlf_still_compares_equal(lead, programme, rouen):
    first = do_record_first_diagnostic(lead, programme, [rouen], data(needs="Garde.\nLogement."))
    second = do_record_new_version(lead, first.area, data(done_on=TODAY))
    TerritorialDiagnostic.objects.filter(pk=second.pk).update(needs="Garde.\r\nLogement.")
    versions = {d.pk: d for d in with_content(TerritorialDiagnostic.objects.all())}
    assert not any(f.changed for f in compare(versions[first.pk], versions[second.pk]).fields)


# --- pages ----------------------------------------------------------------------------


def test_the_list_invites_to_diagnose_each_commune(client_for, programme):
    text = (
        client_for(Role.COORDINATOR, programme.lead_structure)
        .get(f"/territoire/dispositifs/{programme.pk}/diagnostics/")
        .text
    )
    assert "Faire le diagnostic de Rouen" in text


def test_the_form_records_a_first_diagnostic(client_for, programme, rouen):
    client = client_for(Role.COORDINATOR, programme.lead_structure)
    response = client.post(
        f"/territoire/dispositifs/{programme.pk}/diagnostics/nouveau/",
        {
            "communes": "Rouen",
            "done_on": "2026-03-01",
            "mesh_score": "3",
            "needs": "Mobilité le soir.",
            "people-TOTAL_FORMS": "2",
            "people-INITIAL_FORMS": "0",
            "people-0-name": "Hélène Voisin",
            "people-0-role": "Bibliothécaire",
        },
    )
    area = DiagnosticArea.objects.get()
    assert response["Location"] == f"/territoire/secteurs/{area.pk}/"
    assert area.versions.get().resource_people.get().name == "Hélène Voisin"


def test_a_bad_form_keeps_what_was_typed(client_for, programme, rouen):
    client = client_for(Role.COORDINATOR, programme.lead_structure)
    response = client.post(
        f"/territoire/dispositifs/{programme.pk}/diagnostics/nouveau/",
        {
            "communes": "Rouen",
            "done_on": "2026-03-01",
            "needs": "Texte à garder",
            "people-TOTAL_FORMS": "0",
            "people-INITIAL_FORMS": "0",
        },
    )
    assert "Texte à garder" in response.text
    assert not DiagnosticArea.objects.exists()


def test_a_case_worker_cannot_open_the_form(client_for, programme):
    url = f"/territoire/dispositifs/{programme.pk}/diagnostics/nouveau/"
    assert client_for(Role.CASE_WORKER, programme.lead_structure).get(url).status_code == 404


def test_an_outsider_cannot_read_a_sector(client_for, lead, programme, rouen):
    area = do_record_first_diagnostic(lead, programme, [rouen], data()).area
    response = client_for(Role.COORDINATOR, StructureFactory()).get(
        f"/territoire/secteurs/{area.pk}/"
    )
    assert response.status_code == 404


def test_the_sector_page_and_the_comparison(client_for, lead, programme, rouen):
    first = do_record_first_diagnostic(lead, programme, [rouen], data())
    do_record_new_version(lead, first.area, data(done_on=TODAY, mesh_score=5, needs="Logement."))
    client = client_for(Role.PARTNER, programme.lead_structure)
    page = client.get(f"/territoire/secteurs/{first.area_id}/").text
    compared = client.get(f"/territoire/secteurs/{first.area_id}/comparer/").text
    assert "5/5" in page
    assert "Maillage : 2/5 → 5/5" in compared
    assert "en progrès" in compared


@pytest.mark.parametrize("count", [2, 4])
def test_list_queries_do_not_grow(client_for, lead, programme, count, django_assert_num_queries):
    from tests.factories.territory import CommuneFactory

    for _ in range(count):
        commune = CommuneFactory()
        programme.communes.add(commune)
        first = do_record_first_diagnostic(lead, programme, [commune], data())
        do_record_new_version(lead, first.area, data(done_on=TODAY))
    client = client_for(Role.COORDINATOR, programme.lead_structure)
    with django_assert_num_queries(11):
        assert client.get(f"/territoire/dispositifs/{programme.pk}/diagnostics/").status_code == 200


@pytest.mark.parametrize("people", [1, 3])
def test_sector_queries_do_not_grow(
    client_for, lead, programme, rouen, people, django_assert_num_queries
):
    rows = [{"name": f"Personne {n}"} for n in range(people)]
    first = do_record_first_diagnostic(lead, programme, [rouen], data(resource_people=rows))
    do_record_new_version(lead, first.area, data(done_on=TODAY, resource_people=rows))
    client = client_for(Role.COORDINATOR, programme.lead_structure)
    with django_assert_num_queries(14):
        assert client.get(f"/territoire/secteurs/{first.area_id}/").status_code == 200
