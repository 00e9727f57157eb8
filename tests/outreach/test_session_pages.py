import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from accroche.access.roles import Role
from accroche.outreach.models import OutreachSession
from accroche.outreach.sessions import do_count
from tests.factories.outreach import ContactFactory, OutreachSessionFactory, PlaceFactory
from tests.factories.youth import YouthFactory


@pytest.fixture
def client(login, member, structure, programme):
    return login(member(Role.MEDIATOR, structure))


def test_start_in_one_tap_with_last_places(client, programme, structure):
    hall = PlaceFactory(programme=programme, name="Hall Sorano")
    earlier = OutreachSessionFactory(programme=programme, ended_at=timezone.now())
    earlier.places.add(hall)
    page = client.get(reverse("outreach:start"))
    assert f'value="{hall.pk}" class="pill-input" id="id_places_0" checked' in page.text
    form = page.context["form"]
    data = {k: form[k].value() for k in ("programme", "modality", "idempotency_key")}
    data["places"] = [hall.pk]
    response = client.post(reverse("outreach:start"), data)
    session = OutreachSession.objects.latest("pk")
    assert response.url == reverse("outreach:session", args=[session.pk])
    assert list(session.places.all()) == [hall]
    assert session.started_at > timezone.now() - datetime.timedelta(minutes=1)


def test_start_without_a_programme_says_what_to_do(login, member, other_structure):
    page = login(member(Role.MEDIATOR, other_structure)).get(reverse("outreach:start"))
    assert "aucun dispositif" in page.text


def test_a_post_without_a_programme_says_what_to_do_and_saves_nothing(
    login, member, other_structure, programme
):
    client = login(member(Role.MEDIATOR, other_structure))
    page = client.post(reverse("outreach:start"), {"programme": programme.pk})
    assert "aucun dispositif" in page.text
    assert not OutreachSession.objects.exists()


def test_a_refused_start_shows_what_was_typed(client, programme):
    hall = PlaceFactory(programme=programme, name="Hall Sorano")
    page = client.post(
        reverse("outreach:start"),
        {"programme": programme.pk, "modality": "van", "places": [hall.pk], "started_at": "x"},
    )
    assert page.status_code == 200
    assert not OutreachSession.objects.exists()
    assert page.context["form"]["modality"].value() == "van"
    assert f'value="{hall.pk}" class="pill-input" id="id_places_0" checked' in page.text


def test_session_page_shows_counts_contacts_and_elapsed_time(client, programme, structure):
    session = OutreachSessionFactory(programme=programme)
    ContactFactory(
        session=session, youth=YouthFactory(holder_structure=structure, nickname="Zizou")
    )
    page = client.get(reverse("outreach:session", args=[session.pk])).text
    assert "« Zizou »" in page
    assert "data-elapsed-since" in page
    assert "Terminer la sortie" in page


def test_ending_a_session_sets_its_end_once(client, programme):
    session = OutreachSessionFactory(programme=programme)
    url = reverse("outreach:session_end", args=[session.pk])
    client.post(url)
    session.refresh_from_db()
    first_end = session.ended_at
    assert first_end is not None
    client.post(url)
    session.refresh_from_db()
    assert session.ended_at == first_end


def test_edit_sets_weather_note_and_team(client, programme, structure):
    session = OutreachSessionFactory(programme=programme)
    page = client.get(reverse("outreach:session_edit", args=[session.pk]))
    user_pk = page.context["form"].fields["team"].queryset.first().pk
    response = client.post(
        reverse("outreach:session_edit", args=[session.pk]),
        {"modality": "van", "started_at": "2026-03-10T18:00", "ended_at": "2026-03-10T20:30",
         "weather": "rain", "note": "Calme, beaucoup de pluie.", "team": [user_pk]},
    )  # fmt: skip
    assert response.status_code == 302, response.context["form"].errors
    session.refresh_from_db()
    assert (session.modality, session.weather) == ("van", "rain")
    assert session.duration == datetime.timedelta(hours=2, minutes=30)


def test_an_end_before_the_start_is_refused_and_kept(client, programme):
    session = OutreachSessionFactory(programme=programme)
    response = client.post(
        reverse("outreach:session_edit", args=[session.pk]),
        {"modality": "van", "started_at": "2026-03-10T18:00", "ended_at": "2026-03-10T17:00"},
    )
    assert "La fin doit venir après le début." in response.text
    assert 'value="2026-03-10T17:00"' in response.text
    session.refresh_from_db()
    assert session.ended_at is None


@pytest.mark.parametrize("name", ["outreach:session", "outreach:session_edit"])
def test_another_structure_gets_a_404(login, member, other_structure, programme, name):
    session = OutreachSessionFactory(programme=programme)
    client = login(member(Role.MEDIATOR, other_structure))
    assert client.get(reverse(name, args=[session.pk])).status_code == 404
    assert client.get(reverse(name, args=[session.pk + 99])).status_code == 404


@pytest.mark.parametrize("role", [Role.PARTNER, Role.EVALUATOR, Role.ADMIN])
def test_roles_without_outreach_get_a_404(login, member, structure, programme, role):
    session = OutreachSessionFactory(programme=programme)
    client = login(member(role, structure))
    assert client.get(reverse("outreach:session", args=[session.pk])).status_code == 404
    assert client.get(reverse("outreach:start")).status_code == 404


def test_anonymous_is_sent_to_login(db, programme):
    from django.test import Client

    session = OutreachSessionFactory(programme=programme)
    response = Client().get(reverse("outreach:session", args=[session.pk]))
    assert response.url.startswith(reverse("accounts:login"))


def test_session_page_query_count_does_not_grow(
    client, mediator, programme, structure, django_assert_num_queries
):
    session = OutreachSessionFactory(programme=programme)
    url = reverse("outreach:session", args=[session.pk])

    def add(n: int) -> None:
        for i in range(n):
            session.places.add(PlaceFactory(programme=programme))
            ContactFactory(session=session, youth=YouthFactory(holder_structure=structure))
            do_count(mediator, session, age_band="18_21", gender=["man", "woman"][i % 2],
                     channel=["direct", "peers"][i % 2])  # fmt: skip

    add(3)
    with django_assert_num_queries(20, exact=False) as first:
        client.get(url)
    add(6)
    with django_assert_num_queries(len(first.captured_queries)):
        client.get(url)


def test_index_lists_recent_sessions_with_their_counts(client, mediator, programme):
    session = OutreachSessionFactory(programme=programme, ended_at=timezone.now())
    do_count(mediator, session, age_band="18_21", gender="man")
    do_count(mediator, session, age_band="18_21", gender="man")
    page = client.get(reverse("outreach:index")).text
    assert "2 jeunes comptés" in page
    assert "Démarrer une sortie" in page


def test_home_offers_a_mediator_to_start_a_session(client):
    page = client.get(reverse("www:home")).text
    assert reverse("outreach:start") in page


def test_home_does_not_push_sessions_on_other_roles(login, member, structure):
    page = login(member(Role.CASE_WORKER, structure)).get(reverse("www:home")).text
    assert "Démarrer une sortie" not in page


def test_named_contacts_shown_are_logged_with_their_young_people(client, programme, structure):
    from accroche.access.models import AuditEvent

    session = OutreachSessionFactory(programme=programme)
    youth = YouthFactory(holder_structure=structure)
    ContactFactory(session=session, youth=youth)
    client.get(reverse("outreach:session", args=[session.pk]))
    shown = AuditEvent.objects.get(action="list", object_type="youth")
    assert shown.object_ids == [youth.pk]
