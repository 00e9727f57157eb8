import pytest

from accroche.access.roles import Role
from accroche.organisations.models import Participation
from tests.factories.outreach import ReferralFactory
from tests.factories.projects import FollowUpTeamFactory, TeamMemberFactory
from tests.factories.territory_services import ServiceFactory
from tests.factories.youth import YouthFactory


@pytest.fixture
def territory(programme, structure, other_structure, rouen, elbeuf):
    structure.phone, structure.address = "02 35 10 20 30", "12 rue Saint-Julien"
    structure.save()
    lead = Participation.objects.get(programme=programme, structure=structure)
    lead.zone_communes.set([rouen, elbeuf])
    team = FollowUpTeamFactory(programme=programme, commune=rouen)
    TeamMemberFactory(team=team, name="Karim Haddad", is_public=True, availability="samedi")
    TeamMemberFactory(team=team, name="Nadia Benali", is_public=False)
    ServiceFactory(
        structure=other_structure, name="Maraudes du soir", zone=[rouen],
        opening_hours="Tu-Fr 17:00-21:00", evenings_saturdays=True,
        mobilisation_modes=["telephoner"],
    )  # fmt: skip
    ServiceFactory(structure=other_structure, name="Épicerie sur orientation", zone=[rouen],
                   mobilisable_by=["professionnels"])  # fmt: skip
    return programme


def url(programme, commune=""):
    return f"/p/{programme.slug}/qui-contacter/" + (f"?commune={commune}" if commune else "")


def test_it_works_without_login(client, territory):
    response = client.get(url(territory))
    assert response.status_code == 200
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in response.text


def test_an_unknown_programme_is_404(client, territory):
    assert client.get("/p/inconnu/qui-contacter/").status_code == 404


def test_it_says_who_how_and_when(client, territory):
    text = client.get(url(territory, "76540")).text
    assert "Karim Haddad" in text
    assert "Quand : samedi" in text
    assert "Maraudes du soir" in text
    assert "du mardi au vendredi de 17 h à 21 h" in text
    assert "Comment : Téléphoner" in text
    assert "ouvert le soir ou le samedi" in text
    assert '<a class="tel" href="tel:02 35 10 20 30">' in text


def test_it_hides_what_is_not_for_the_public(client, territory):
    text = client.get(url(territory, "76540")).text
    assert "Nadia Benali" not in text
    assert "Épicerie sur orientation" not in text


def test_one_commune_at_a_time(client, territory):
    text = client.get(url(territory, "76231")).text
    assert "Karim Haddad" not in text
    assert "Maraudes du soir" not in text
    assert "Prévention Seine" in text  # the lead structure covers Elbeuf


def test_it_links_to_the_self_referral_form(client, territory):
    assert f'href="/p/{territory.slug}/contact/"' in client.get(url(territory)).text


def test_it_shows_no_data_of_young_people(client, territory, structure, rouen):
    youths = [
        YouthFactory(holder_structure=structure, first_name="Zinédine", last_name="Quartier",
                     nickname="Zizou", phone="06 99 88 77 66", residence_commune=rouen),
        YouthFactory(holder_structure=structure, first_name="Océane", phone="07 11 22 33 44"),
    ]  # fmt: skip
    ReferralFactory(programme=territory, name="Signalée Mystère", phone="06 55 44 33 22")
    text = client.get(url(territory)).text + client.get(url(territory, "76540")).text
    for secret in ("Zinédine", "Quartier", "Zizou", "06 99 88 77 66", "Océane", "07 11 22 33 44",
                   "Signalée Mystère", "06 55 44 33 22"):  # fmt: skip
        assert secret not in text
    assert len(youths) == 2


def test_a_logged_in_professional_sees_the_same_page(login, member, territory, structure):
    client = login(member(Role.MEDIATOR, structure))
    assert "Karim Haddad" in client.get(url(territory, "76540")).text


@pytest.mark.parametrize("count", [2, 4])
def test_queries_do_not_grow(client, territory, rouen, elbeuf, count, django_assert_num_queries):
    for _ in range(count):
        ServiceFactory(zone=[rouen, elbeuf], themes=["sante--acces-aux-soins"])
        TeamMemberFactory(team=territory.teams.get(), is_public=True)
    with django_assert_num_queries(9):
        assert client.get(url(territory)).status_code == 200
