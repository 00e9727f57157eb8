import pytest

from accroche.access.roles import Role
from accroche.territory.models import Service, Theme
from tests.factories.territory_services import ServiceFactory
from tests.territory_services.conftest import assert_redirects_to_login


def test_the_list_requires_login(client):
    assert_redirects_to_login(client.get("/territoire/services/"))


@pytest.mark.parametrize("role", list(Role))
def test_every_role_reads_the_services(client_for, structure, role):
    ServiceFactory(name="Permis solidaire")
    response = client_for(role, structure).get("/territoire/services/")
    assert "Permis solidaire" in response.text


def test_the_list_filters_by_commune_and_domain(client_for, structure, rouen, elbeuf):
    ServiceFactory(name="À Rouen", zone=[rouen])
    ServiceFactory(name="À Elbeuf", zone=[elbeuf])
    ServiceFactory(name="Santé Rouen", zone=[rouen], themes=["sante--acces-aux-soins"])
    mobilite = Theme.objects.get(value="mobilite--preparer-un-permis").category_id
    text = (
        client_for(Role.MEDIATOR, structure)
        .get(f"/territoire/services/?commune=76540&category={mobilite}")
        .text
    )
    assert "À Rouen" in text
    assert "À Elbeuf" not in text
    assert "Santé Rouen" not in text


@pytest.mark.parametrize("count", [3, 6])
def test_list_queries_do_not_grow(client_for, structure, rouen, count, django_assert_num_queries):
    client = client_for(Role.MEDIATOR, structure)
    for _ in range(count):
        ServiceFactory(
            zone=[rouen], themes=["sante--acces-aux-soins", "numerique--acquerir-un-equipement"]
        )
    with django_assert_num_queries(10):
        assert client.get("/territoire/services/").status_code == 200


def test_the_detail_shows_labels_not_codes(client_for, structure):
    service = ServiceFactory(type="aide-financiere", publics=["jeunes"], fees="gratuit")
    text = client_for(Role.PARTNER, structure).get(f"/territoire/services/{service.pk}/").text
    assert "Aide financière" in text
    assert "Jeunes" in text
    assert "Gratuit" in text


def test_a_missing_service_is_404(client_for, structure):
    assert client_for(Role.MEDIATOR, structure).get("/territoire/services/999/").status_code == 404


def post_data(**overrides):
    theme = Theme.objects.get(value="mobilite--preparer-un-permis")
    values = {
        "name": "Permis solidaire",
        "description": "Une partie du permis financée.",
        "themes": [theme.pk],
        "publics": ["jeunes"],
        "zone_communes": "Rouen",
        "opening_hours": "Sa 10:00-12:00",
    }
    return values | overrides


def test_a_field_worker_adds_a_service(client_for, structure, rouen):
    response = client_for(Role.MEDIATOR, structure).post(
        "/territoire/services/nouveau/", post_data()
    )
    service = Service.objects.get()
    assert response.status_code == 302
    assert service.structure == structure
    assert service.evenings_saturdays
    assert [c.code for c in service.zone_communes.all()] == ["76540"]


def test_bad_input_is_explained_and_kept(client_for, structure, rouen):
    response = client_for(Role.MEDIATOR, structure).post(
        "/territoire/services/nouveau/", post_data(themes=[], name="Mon service à garder")
    )
    assert "Choisissez au moins une thématique" in response.text
    assert "Mon service à garder" in response.text
    assert not Service.objects.exists()


def test_a_partner_cannot_add(client_for, structure):
    assert (
        client_for(Role.PARTNER, structure).get("/territoire/services/nouveau/").status_code == 404
    )


def test_another_structures_service_cannot_be_edited(client_for, structure, other_structure):
    service = ServiceFactory(structure=other_structure)
    client = client_for(Role.MEDIATOR, structure)
    assert client.get(f"/territoire/services/{service.pk}/modifier/").status_code == 404
    assert client.post(f"/territoire/services/{service.pk}/supprimer/").status_code == 404
    assert Service.objects.exists()


def test_the_owner_edits_and_deletes(client_for, structure):
    service = ServiceFactory(structure=structure, name="Avant")
    client = client_for(Role.CASE_WORKER, structure)
    form = client.get(f"/territoire/services/{service.pk}/modifier/")
    assert "Avant" in form.text
    client.post(
        f"/territoire/services/{service.pk}/modifier/", post_data(name="Après", zone_communes="")
    )
    service.refresh_from_db()
    assert service.name == "Après"
    client.post(f"/territoire/services/{service.pk}/supprimer/")
    assert not Service.objects.exists()


def test_the_export_is_a_download(client_for, structure):
    ServiceFactory(structure=structure)
    response = client_for(Role.PARTNER, structure).get("/territoire/services/export.csv")
    assert response["Content-Disposition"].startswith('attachment; filename="services-')
    assert response.content.decode().startswith("source,structure_id,id,nom")


def test_the_lead_coordinator_picks_the_partners_structure(client_for, programme, other_structure):
    client = client_for(Role.COORDINATOR, programme.lead_structure)
    assert other_structure.name in client.get("/territoire/services/nouveau/").text
    client.post("/territoire/services/nouveau/", post_data(structure=other_structure.pk))
    assert Service.objects.get().structure == other_structure


def test_a_structure_outside_the_choice_is_ignored(client_for, structure, other_structure, rouen):
    client = client_for(Role.MEDIATOR, structure)
    client.post("/territoire/services/nouveau/", post_data(structure=other_structure.pk))
    assert Service.objects.get().structure == structure
