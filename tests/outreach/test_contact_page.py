import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from accroche.access.models import AuditEvent
from accroche.access.roles import Role
from accroche.outreach.models import Contact
from accroche.youth.models import Youth
from tests.factories.outreach import OutreachSessionFactory
from tests.factories.territory import CommuneFactory
from tests.factories.youth import ConsentFactory, YouthFactory


@pytest.fixture
def session(programme):
    return OutreachSessionFactory(programme=programme)


@pytest.fixture
def client(login, member, structure):
    return login(member(Role.MEDIATOR, structure))


def _url(session) -> str:
    return reverse("outreach:contact_create") + f"?sortie={session.pk}"


BASE = {"result": "informal_talk", "channel": "direct", "mode": "face_to_face"}


def test_a_new_young_person_with_a_nickname(client, session, structure):
    response = client.post(_url(session), BASE | {"who": "new", "nickname": "La Fouine"})
    assert response.url == reverse("outreach:session", args=[session.pk])
    youth = Youth.objects.get()
    assert (youth.nickname, youth.holder_structure) == ("La Fouine", structure)
    assert Contact.objects.get().youth == youth


def test_a_known_young_person_chosen_from_the_search(client, session, structure):
    youth = YouthFactory(holder_structure=structure, first_name="Mohamed")
    client.post(_url(session), BASE | {"who": "known", "q": "mohammed", "youth": youth.pk})
    assert Contact.objects.get().youth == youth
    assert Youth.objects.count() == 1


def test_without_a_name_nothing_is_saved_and_what_was_typed_stays(client, session):
    response = client.post(
        _url(session), BASE | {"who": "new", "phone": "06 11 22 33 44", "note": "devant le hall"}
    )
    assert response.status_code == 200
    assert "Indiquez au moins un prénom ou un surnom." in response.text
    assert 'value="06 11 22 33 44"' in response.text
    assert "devant le hall" in response.text
    assert not Contact.objects.exists()


def test_known_without_a_choice_asks_to_search(client, session):
    response = client.post(_url(session), BASE | {"who": "known", "q": "Aya"})
    assert "choisissez-le dans la liste" in response.text
    assert not Contact.objects.exists()


def test_a_contact_without_a_file(client, session):
    client.post(_url(session), BASE | {"who": "anonymous", "age_band": "16_17", "gender": "woman"})
    contact = Contact.objects.get()
    assert (contact.youth, contact.age_band, contact.gender) == (None, "16_17", "woman")


def test_search_is_tolerant_and_shows_only_name_commune_and_age(client, structure):
    YouthFactory(
        holder_structure=structure, first_name="Anaïs", last_name="Leroy", phone="0611223344",
        residence_commune=CommuneFactory(name="Canteleu", code="76157"), email="a@exemple.fr",
    )  # fmt: skip
    url = reverse("outreach:youth_search")
    for query in ("anais", "Anaiss lero", "06 11 22"):
        page = client.get(url, {"q": query}, headers={"HX-Request": "true"}).text
        assert "Anaïs Leroy" in page, query
        assert "Canteleu" in page
        assert "Âge inconnu" in page
        assert "a@exemple.fr" not in page
        assert "0611223344" not in page
    assert AuditEvent.objects.filter(action="list", object_type="youth").count() == 3


def test_search_never_shows_files_of_other_structures(client, structure, other_structure):
    YouthFactory(holder_structure=other_structure, first_name="Moussa")
    shared = YouthFactory(holder_structure=other_structure, first_name="Moussa", last_name="B")
    ConsentFactory(youth=shared, shared_with=[structure])
    page = client.get(reverse("outreach:youth_search"), {"q": "moussa"}).text
    assert page.count("Moussa") == 1
    assert "Moussa B" in page


def test_choosing_a_file_of_another_structure_is_refused(client, session, other_structure):
    theirs = YouthFactory(holder_structure=other_structure)
    response = client.post(_url(session), BASE | {"who": "known", "youth": theirs.pk})
    assert response.status_code == 200
    assert not Contact.objects.exists()


def test_another_structures_session_is_a_404(login, member, other_structure, session):
    client = login(member(Role.MEDIATOR, other_structure))
    assert client.get(_url(session)).status_code == 404


def test_contact_list_logs_named_contacts(client, session, structure, mediator):
    client.post(_url(session), BASE | {"who": "new", "first_name": "Jade"})
    page = client.get(reverse("outreach:contacts")).text
    assert "Jade" in page
    assert AuditEvent.objects.filter(action="list", object_type="outreach_contact").exists()


def test_a_contact_on_its_own_belongs_to_the_structures_programme(client, programme):
    url = reverse("outreach:contact_create")
    page = client.get(url).text
    assert f'name="programme" value="{programme.pk}"' in page
    client.post(url, BASE | {"programme": programme.pk, "who": "new", "first_name": "Lina",
                             "mode": "call"})  # fmt: skip
    contact = Contact.objects.get()
    assert (contact.session, contact.programme, contact.mode) == (None, programme, "call")


def test_a_contact_before_2000_is_refused_and_the_form_kept(client, session):
    response = client.post(
        _url(session), BASE | {"who": "new", "nickname": "Zed", "happened_at": "0226-03-01T10:00"}
    )
    assert response.status_code == 200
    assert "avant le 1er janvier 2000" in response.text
    assert 'value="Zed"' in response.text
    assert not Contact.objects.exists()
    assert not Youth.objects.exists()


def test_a_contact_typed_after_a_back_dated_session_gets_its_start(client, programme):
    start = timezone.now() - datetime.timedelta(days=1, hours=9)
    session = OutreachSessionFactory(
        programme=programme, started_at=start, ended_at=start + datetime.timedelta(hours=4)
    )
    response = client.get(_url(session))
    assert "le début de la sortie si elle est déjà finie" in response.content.decode()
    client.post(_url(session), BASE | {"who": "new", "first_name": "Inès"})
    assert Contact.objects.get().happened_at == start
