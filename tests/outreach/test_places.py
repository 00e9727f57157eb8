import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.urls import reverse

from accroche.access.roles import Role
from accroche.outreach.models import Place
from accroche.outreach.places import do_create_place, do_update_place
from tests.factories.outreach import PlaceFactory


@pytest.fixture
def client(login, member, structure, programme):
    return login(member(Role.MEDIATOR, structure))


def test_a_place_with_a_position(mediator, programme, commune):
    place, _ = do_create_place(mediator, {"programme": programme, "name": "City stade",
                                          "kind": "sports_ground", "commune": commune,
                                          "latitude": 49.46, "longitude": 1.11})  # fmt: skip
    assert (place.latitude, place.longitude) == (49.46, 1.11)


def test_an_online_place_needs_no_commune(mediator, programme):
    place, _ = do_create_place(mediator, {"programme": programme, "name": "Instagram",
                                          "kind": "online"})  # fmt: skip
    assert place.commune is None


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"kind": "park"}, "commune"),
        ({"kind": "park", "latitude": 49.4}, "latitude"),
        ({"kind": "online", "latitude": 120.0, "longitude": 1.0}, "latitude"),
        ({"kind": "castle"}, "kind"),
    ],
)
def test_bad_places_are_refused(mediator, programme, data, field):
    with pytest.raises(ValidationError) as exc:
        do_create_place(mediator, {"programme": programme, "name": "Lieu"} | data)
    assert field in exc.value.message_dict
    assert not Place.objects.exists()


def test_a_place_can_be_retired(mediator, programme):
    place = PlaceFactory(programme=programme)
    assert do_update_place(mediator, place, {"is_active": False}) == ["is_active"]


def test_the_form_works_with_coordinates_alone(client, programme):
    response = client.post(
        reverse("outreach:place_create"),
        {"programme": programme.pk, "name": "Parc Grammont", "kind": "park", "commune": "76540",
         "latitude": "49.4247", "longitude": "1.085"},
    )  # fmt: skip
    assert response.status_code == 302
    assert Place.objects.get().latitude == pytest.approx(49.4247)


def test_a_bad_latitude_keeps_the_form(client, programme):
    response = client.post(
        reverse("outreach:place_create"),
        {"programme": programme.pk, "name": "Parc Grammont", "kind": "park", "commune": "Rouen",
         "latitude": "49.4247"},
    )  # fmt: skip
    assert "latitude et la longitude" in response.text
    assert 'value="Parc Grammont"' in response.text
    assert not Place.objects.exists()


@override_settings(MAP_TILE_URL="https://tuiles.exemple.fr/{z}/{x}/{y}.png")
def test_the_map_uses_the_configured_tiles(client):
    page = client.get(reverse("outreach:place_create")).text
    assert 'data-tile-url="https://tuiles.exemple.fr/{z}/{x}/{y}.png"' in page
    assert "vendor/leaflet/leaflet.js" in page


@override_settings(MAP_TILE_URL="")
def test_no_tile_server_no_map_but_the_form_works(client):
    page = client.get(reverse("outreach:place_create")).text
    assert "leaflet" not in page
    assert 'name="latitude"' in page


def test_places_of_another_programme_are_a_404(login, member, other_structure, programme):
    place = PlaceFactory(programme=programme)
    client = login(member(Role.MEDIATOR, other_structure))
    assert client.get(reverse("outreach:place_edit", args=[place.pk])).status_code == 404


def test_the_list_counts_sessions_per_place(client, programme):
    PlaceFactory(programme=programme, name="Hall Sorano")
    page = client.get(reverse("outreach:places")).text
    assert "Hall Sorano" in page
    assert "0 sortie" in page


def test_leaflet_is_served_from_the_npm_package():
    from django.contrib.staticfiles import finders

    assert finders.find("vendor/leaflet/leaflet.js")
    assert finders.find("vendor/leaflet/leaflet.css")
