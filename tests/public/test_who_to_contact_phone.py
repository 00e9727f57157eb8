"""The public page on a real phone-sized screen (Chromium, 360 × 740)."""

import pytest

from tests.browser.screen import assert_fits
from tests.factories.projects import FollowUpTeamFactory, TeamMemberFactory
from tests.factories.territory_services import ServiceFactory


@pytest.fixture
def page_url(live_server, programme, other_structure, rouen):
    team = FollowUpTeamFactory(programme=programme, commune=rouen)
    TeamMemberFactory(team=team, name="Karim Haddad", is_public=True,
                      availability="mardi et jeudi 17 h – 20 h, samedi après-midi")  # fmt: skip
    ServiceFactory(
        structure=other_structure, zone=[rouen], opening_hours="Tu-Fr 17:00-21:00; Sa 14:00-19:00",
        name="Maraudes du soir et du samedi avec un nom vraiment très long pour un petit écran",
        email="une-adresse-tres-longue-pour-voir@structure-partenaire.exemple.fr",
    )  # fmt: skip
    return f"{live_server.url}/p/{programme.slug}/qui-contacter/?commune=76540"


def test_nothing_overflows_a_360_px_screen(phone, page_url):
    phone.goto(page_url)
    assert phone.get_by_role("heading", name="Qui contacter ?").is_visible()
    assert_fits(phone)
    call_back = phone.get_by_role("link", name="Je veux qu'on me rappelle").first
    assert call_back.bounding_box()["height"] >= 44  # a comfortable tap target
