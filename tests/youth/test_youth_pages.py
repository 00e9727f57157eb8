import datetime

from django.core.cache import caches
from django.urls import reverse

from accroche.access.models import AuditEvent
from accroche.access.roles import Role
from accroche.youth.models import Youth
from tests.factories.territory import CommuneFactory, QpvFactory
from tests.factories.youth import ConsentFactory, YouthFactory


def test_list_requires_login(client):
    assert client.get(reverse("youth:list")).status_code == 302


def test_list_shows_own_files_only(login, member, structure):
    YouthFactory(holder_structure=structure, first_name="Aya")
    YouthFactory(first_name="Inconnu")
    client = login(member(Role.CASE_WORKER, structure))
    page = client.get(reverse("youth:list"), {"vue": "all"}).text
    assert "Aya" in page
    assert "Inconnu" not in page


def test_empty_list_says_what_to_do(login, member, structure):
    page = login(member(Role.MEDIATOR, structure)).get(reverse("youth:list")).text
    assert "un prénom ou un surnom suffit" in page


def test_search_is_an_htmx_partial(login, member, structure):
    YouthFactory(holder_structure=structure, first_name="Aya")
    YouthFactory(holder_structure=structure, first_name="Moussa")
    client = login(member(Role.CASE_WORKER, structure))
    response = client.get(reverse("youth:list"), {"q": "mou"}, headers={"HX-Request": "true"})
    assert "Moussa" in response.text
    assert "Aya" not in response.text
    assert "<html" not in response.text


def test_list_query_count_does_not_grow_with_rows(
    login, member, structure, django_assert_num_queries
):
    client = login(member(Role.CASE_WORKER, structure))
    commune = CommuneFactory()
    YouthFactory.create_batch(3, holder_structure=structure, residence_commune=commune)
    # session, user, memberships, filter menus, count, youths, audit insert, session save
    with django_assert_num_queries(15, exact=False) as first:
        client.get(reverse("youth:list"), {"vue": "all"})
    YouthFactory.create_batch(6, holder_structure=structure, residence_commune=CommuneFactory())
    caches[
        "local"
    ].clear()  # the filter menus are kept a minute: read them again, as the first time
    with django_assert_num_queries(len(first.captured_queries)):
        client.get(reverse("youth:list"), {"vue": "all"})


def test_partners_cannot_open_the_list(login, member, structure):
    assert login(member(Role.PARTNER, structure)).get(reverse("youth:list")).status_code == 404


def test_detail_of_another_structures_file_is_a_404(login, member, structure, other_structure):
    youth = YouthFactory(holder_structure=structure)
    client = login(member(Role.CASE_WORKER, other_structure))
    assert client.get(reverse("youth:detail", args=[youth.pk])).status_code == 404
    assert client.get(reverse("youth:detail", args=[youth.pk + 99])).status_code == 404


def test_detail_shows_the_file_and_logs_the_read(login, member, structure):
    youth = YouthFactory(holder_structure=structure, nickname="Titi", first_name="")
    ConsentFactory(youth=youth, purpose="follow_up")
    page = login(member(Role.CASE_WORKER, structure)).get(reverse("youth:detail", args=[youth.pk]))
    assert "« Titi »" in page.text
    assert "Accompagnement" in page.text
    assert AuditEvent.objects.filter(action="read", object_id=youth.pk).count() == 1


def test_create_with_a_first_name_only(login, member, structure):
    client = login(member(Role.MEDIATOR, structure))
    response = client.post(reverse("youth:create"), {"first_name": "Aya", "gender": "woman"})
    youth = Youth.objects.get()
    assert response.url == reverse("youth:detail", args=[youth.pk])
    assert youth.holder_structure == structure
    assert AuditEvent.objects.filter(action="create", object_id=youth.pk).exists()


def test_bad_input_keeps_what_was_typed_and_saves_nothing(login, member, structure):
    client = login(member(Role.MEDIATOR, structure))
    future = (datetime.date.today() + datetime.timedelta(days=3)).isoformat()
    response = client.post(
        reverse("youth:create"),
        {
            "nickname": "Le Grand",
            "phone": "06 12 34 56 78",
            "birth_date": future,
            "residence_commune": "Rouenn",
            "gender": "man",
        },
    )
    assert response.status_code == 200
    assert "La date de naissance ne peut pas être dans le futur." in response.text
    assert "Commune inconnue : « Rouenn »" in response.text
    assert 'value="Le Grand"' in response.text
    assert 'value="06 12 34 56 78"' in response.text
    assert not Youth.objects.exists()


def test_a_phone_that_is_not_a_number_is_refused_and_kept(login, member, structure):
    client = login(member(Role.MEDIATOR, structure))
    data = {"nickname": "Le Grand", "phone": "abc", "gender": "man"}
    response = client.post(reverse("youth:create"), data)
    assert response.status_code == 200
    assert "Ce numéro de téléphone n&#x27;est pas valide" in response.text
    assert 'value="abc"' in response.text
    assert not Youth.objects.exists()
    client.post(reverse("youth:create"), data | {"phone": "06 12 34 56 78"})
    youth = Youth.objects.get()
    assert youth.phone == "+33612345678"
    edit = client.get(reverse("youth:edit", args=[youth.pk])).text
    assert 'value="06 12 34 56 78"' in edit


def test_a_qpv_outside_the_commune_is_refused(login, member, structure):
    rouen = CommuneFactory(code="76540", name="Rouen")
    elbeuf = CommuneFactory(code="76231", name="Elbeuf")
    qpv = QpvFactory(communes=[elbeuf])
    client = login(member(Role.MEDIATOR, structure))
    response = client.post(
        reverse("youth:create"),
        {"first_name": "Aya", "residence_commune": rouen.code, "residence_qpv": qpv.pk},
    )
    assert "pas dans la commune choisie" in response.text
    assert not Youth.objects.exists()


def test_edit_changes_the_file_and_logs_field_names(login, member, structure):
    youth = YouthFactory(holder_structure=structure, first_name="Aya")
    client = login(member(Role.CASE_WORKER, structure))
    client.post(
        reverse("youth:edit", args=[youth.pk]),
        {"first_name": "Aya", "last_name": "Diallo", "gender": "woman"},
    )
    youth.refresh_from_db()
    assert (youth.last_name, youth.name_completeness) == ("Diallo", "full")
    assert sorted(AuditEvent.objects.get(action="update").fields) == ["gender", "last_name"]


def test_edit_of_another_structures_file_is_a_404(login, member, structure, other_structure):
    youth = YouthFactory(holder_structure=structure, first_name="Aya")
    client = login(member(Role.CASE_WORKER, other_structure))
    response = client.post(reverse("youth:edit", args=[youth.pk]), {"first_name": "X"})
    assert response.status_code == 404
    youth.refresh_from_db()
    assert youth.first_name == "Aya"


def test_commune_suggestions(login, member, structure):
    CommuneFactory(code="76540", name="Rouen", population=110_000)
    client = login(member(Role.MEDIATOR, structure))
    response = client.get(reverse("www:commune_suggestions"), {"residence_commune": "Rou"})
    assert '<option value="Rouen (76)">' in response.text
