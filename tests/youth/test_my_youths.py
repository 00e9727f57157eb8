"""The "Mes jeunes" list: a case worker's own young people first, filters, pages."""

import datetime

import pytest
import time_machine
from django.core.cache import caches
from django.urls import reverse
from django.utils import timezone

from accroche.access.roles import Role
from accroche.youth.lists import PLACES_SECONDS
from tests.factories.territory import CommuneFactory, QpvFactory
from tests.factories.youth import EnrolmentFactory, YouthFactory


def names(client, **params) -> str:
    response = client.get(reverse("youth:list"), params)
    assert response.status_code == 200
    return response.text


def test_a_case_worker_first_sees_the_youths_they_follow(login, member, structure):
    me = member(Role.CASE_WORKER, structure)
    EnrolmentFactory(youth__holder_structure=structure, youth__first_name="Aya", referent=me)
    EnrolmentFactory(youth__holder_structure=structure, youth__first_name="Moussa")
    text = names(login(me))
    assert "Aya" in text
    assert "Moussa" not in text
    assert "vous êtes référent·e" in text


def test_the_toggle_shows_every_visible_youth(login, member, structure):
    me = member(Role.CASE_WORKER, structure)
    EnrolmentFactory(youth__holder_structure=structure, youth__first_name="Moussa")
    assert "Moussa" in names(login(me), vue="all")


def test_an_exited_enrolment_is_no_longer_mine(login, member, structure):
    me = member(Role.CASE_WORKER, structure)
    EnrolmentFactory(
        youth__holder_structure=structure, youth__first_name="Aya", referent=me, phase="exited"
    )
    assert "Aya" not in names(login(me))


def test_a_search_looks_among_every_visible_youth(login, member, structure):
    YouthFactory(holder_structure=structure, first_name="Moussa")
    assert "Moussa" in names(login(member(Role.CASE_WORKER, structure)), q="mousa")


def test_a_coordinator_sees_every_visible_youth_by_default(login, member, structure):
    YouthFactory(holder_structure=structure, first_name="Moussa")
    assert "Moussa" in names(login(member(Role.COORDINATOR, structure)))


def test_an_empty_list_of_mine_offers_the_toggle(login, member, structure):
    text = names(login(member(Role.CASE_WORKER, structure)))
    assert "Vous n'êtes référent·e d'aucun jeune pour l'instant." in text
    assert "?vue=all" in text


def test_filter_by_phase(login, member, structure):
    EnrolmentFactory(youth__holder_structure=structure, youth__first_name="Aya", phase="hand_off")
    EnrolmentFactory(youth__holder_structure=structure, youth__first_name="Moussa")
    text = names(login(member(Role.COORDINATOR, structure)), phase="hand_off")
    assert "Aya" in text
    assert "Moussa" not in text


def test_filter_by_commune_and_qpv(login, member, structure):
    rouen, elbeuf = CommuneFactory(name="Rouen"), CommuneFactory(name="Elbeuf")
    qpv = QpvFactory(name="Grammont", communes=[rouen])
    YouthFactory(
        holder_structure=structure, first_name="Aya", residence_commune=rouen, residence_qpv=qpv
    )
    YouthFactory(holder_structure=structure, first_name="Lina", residence_commune=rouen)
    YouthFactory(holder_structure=structure, first_name="Moussa", residence_commune=elbeuf)
    client = login(member(Role.COORDINATOR, structure))
    assert ("Aya" in (t := names(client, commune=rouen.pk)), "Moussa" in t) == (True, False)
    assert ("Aya" in (t := names(client, qpv=qpv.pk)), "Lina" in t) == (True, False)


@pytest.mark.parametrize(("days", "shown"), [(7, {"Aya", "Jamais"}), (60, {"Jamais"})])
def test_filter_by_time_since_last_contact(login, member, structure, days, shown):
    now = timezone.now()
    YouthFactory(
        holder_structure=structure,
        first_name="Aya",
        last_contact_at=now - datetime.timedelta(days=30),
    )
    YouthFactory(
        holder_structure=structure,
        first_name="Lina",
        last_contact_at=now - datetime.timedelta(days=2),
    )
    YouthFactory(holder_structure=structure, first_name="Jamais")
    text = names(login(member(Role.COORDINATOR, structure)), sans_contact=days)
    assert {n for n in ("Aya", "Lina", "Jamais") if n in text} == shown


def test_an_unknown_filter_value_is_ignored(login, member, structure):
    YouthFactory(holder_structure=structure, first_name="Aya")
    assert "Aya" in names(login(member(Role.COORDINATOR, structure)), commune="99999")


def test_filters_are_an_htmx_partial(login, member, structure):
    YouthFactory(holder_structure=structure, first_name="Aya")
    client = login(member(Role.COORDINATOR, structure))
    response = client.get(reverse("youth:list"), headers={"HX-Request": "true"})
    assert "Aya" in response.text
    assert "<html" not in response.text


def test_the_list_is_paginated(login, member, structure):
    YouthFactory.create_batch(52, holder_structure=structure)
    client = login(member(Role.COORDINATOR, structure))
    assert "Page 1 sur 2" in names(client)
    assert "Page 2 sur 2" in names(client, page=2)


def _mine(structure, me, n):
    for _ in range(n):
        qpv = QpvFactory()
        EnrolmentFactory(
            youth__holder_structure=structure,
            youth__residence_commune=CommuneFactory(),
            youth__residence_qpv=qpv,
            referent=me,
        )


def test_mine_query_count_does_not_grow(login, member, structure, django_assert_num_queries):
    me = member(Role.CASE_WORKER, structure)
    client = login(me)
    _mine(structure, me, 3)
    with django_assert_num_queries(20, exact=False) as first:
        names(client)
    _mine(structure, me, 6)
    caches[
        "local"
    ].clear()  # the filter menus are kept a minute: read them again, as the first time
    with django_assert_num_queries(len(first.captured_queries)):
        names(client)


def test_a_row_shows_the_latest_active_enrolment(login, member, structure):
    me = member(Role.CASE_WORKER, structure)
    other = member(Role.CASE_WORKER, structure)
    other.user.first_name, other.user.last_name = "Nadia", "Benali"
    other.user.save()
    youth = YouthFactory(holder_structure=structure, first_name="Aya")
    EnrolmentFactory(youth=youth, referent=me, entry_date=datetime.date(2026, 1, 5))
    EnrolmentFactory(
        youth=youth,
        referent=other,
        phase="follow_up",
        programme__name="Garantie Jeunes Rouen",
        entry_date=datetime.date(2026, 4, 1),
    )
    EnrolmentFactory(  # later, but over: not the current one
        youth=youth, referent=me, phase="exited", entry_date=datetime.date(2026, 6, 1)
    )
    YouthFactory(holder_structure=structure, first_name="Moussa")
    client = login(member(Role.COORDINATOR, structure))
    row = next(r for r in names(client).split("<tr>") if "Aya" in r)
    assert "phase-follow_up" in row
    assert "Garantie Jeunes Rouen" in row
    assert "Nadia Benali" in row
    assert "vous êtes référent·e" not in row
    moussa = next(r for r in names(client).split("<tr>") if "Moussa" in r)
    assert "aucun parcours en cours" in moussa


def test_the_place_menus_list_where_visible_youths_live(login, member, structure, other_structure):
    rouen, elbeuf, caen = (CommuneFactory(name=n) for n in ("Rouen", "Elbeuf", "Caen"))
    grammont = QpvFactory(name="Grammont", communes=[rouen])
    hidden = QpvFactory(name="Guérinière", communes=[caen])
    YouthFactory(holder_structure=structure, residence_commune=rouen, residence_qpv=grammont)
    YouthFactory(holder_structure=structure, residence_commune=rouen)
    YouthFactory(holder_structure=structure, residence_commune=elbeuf)
    YouthFactory(holder_structure=other_structure, residence_commune=caen, residence_qpv=hidden)
    response = login(member(Role.COORDINATOR, structure)).get(reverse("youth:list"))
    form = response.context["form"]
    assert list(form.fields["commune"].choices) == [
        ("", "Toutes"),
        (elbeuf.pk, "Elbeuf"),
        (rouen.pk, "Rouen"),
    ]
    assert list(form.fields["qpv"].choices) == [("", "Tous"), (grammont.pk, "Grammont")]
    assert "Caen" not in response.text
    assert "Guérinière" not in response.text


def test_the_place_menus_are_kept_a_minute_per_structure(login, member, structure):
    rouen, elbeuf = CommuneFactory(name="Rouen"), CommuneFactory(name="Elbeuf")
    YouthFactory(holder_structure=structure, residence_commune=rouen)

    def menu(client) -> list[str]:
        choices = client.get(reverse("youth:list")).context["form"].fields["commune"].choices
        return [label for value, label in choices if value]

    with time_machine.travel(datetime.datetime(2026, 6, 1, 9, tzinfo=datetime.UTC)) as clock:
        assert menu(login(member(Role.COORDINATOR, structure))) == ["Rouen"]
        YouthFactory(holder_structure=structure, residence_commune=elbeuf)
        colleague = login(member(Role.CASE_WORKER, structure))
        assert menu(colleague) == ["Rouen"]  # kept for the structure
        clock.shift(datetime.timedelta(seconds=PLACES_SECONDS + 1))
        assert menu(colleague) == ["Elbeuf", "Rouen"]


def test_the_rows_escape_names_and_show_local_times(login, member, structure):
    """The rows are a Jinja2 fragment (accroche/www/jinja.py): values escaped, the last
    contact in Paris time as the Django templates show it, the count in French."""
    me = member(Role.CASE_WORKER, structure)
    at = datetime.datetime(2026, 1, 15, 23, 30, tzinfo=datetime.UTC)  # 00:30 in Paris
    EnrolmentFactory(
        youth__holder_structure=structure,
        youth__first_name="<b>Aya</b>",
        youth__last_contact_at=at,
        referent=me,
    )
    text = names(login(me))
    assert "&lt;b&gt;Aya&lt;/b&gt;" in text
    assert "<b>Aya" not in text
    assert 'datetime="2026-01-16T00:30:00+01:00"' in text
    assert "1 jeune<" in text


def test_the_rows_say_which_page_of_how_many(login, member, structure):
    me = member(Role.COORDINATOR, structure)
    YouthFactory.create_batch(51, holder_structure=structure)
    text = names(login(me))
    assert "51 jeunes" in text
    assert "Page 1 sur 2" in text
    assert "page=2" in text
    assert "Page 2 sur 2" in names(login(me), page=2)
