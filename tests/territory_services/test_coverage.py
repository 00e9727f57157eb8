import json
import re

import pytest
from django.test import override_settings

from accroche.access.roles import Role
from accroche.partner_services.coverage import programme_coverage
from tests.factories.territory_services import ServiceFactory
from tests.territory_services.conftest import assert_redirects_to_login


def cell(coverage, commune, category):
    row = next(r for r in coverage.rows if r.commune == commune)
    return next(c for c in row.cells if c.category.value == category)


def test_counts_local_and_wide_services(programme, rouen, bihorel, elbeuf):
    ServiceFactory(zone=[rouen, bihorel])
    ServiceFactory(commune=elbeuf)  # no zone: where it is located
    ServiceFactory(zone_departments=["76"], themes=["logement-hebergement--louer-un-logement"])
    coverage = programme_coverage(programme)
    assert cell(coverage, rouen, "mobilite").local == 1
    assert cell(coverage, elbeuf, "mobilite").local == 1
    logement = cell(coverage, rouen, "logement-hebergement")
    assert (logement.local, logement.wide, logement.is_gap) == (0, 1, True)


def test_a_commune_with_nothing_is_all_gaps(programme, rouen):
    ServiceFactory(zone=[rouen])
    coverage = programme_coverage(programme)
    bihorel_row = next(r for r in coverage.rows if r.commune.name == "Bihorel")
    assert bihorel_row.gaps == len(coverage.categories) == 10


def test_all_categories_on_demand(programme):
    from data_inclusion.schema.v1 import Categorie

    assert len(programme_coverage(programme, all_categories=True).categories) == len(Categorie)


def url(programme):
    return f"/territoire/dispositifs/{programme.pk}/couverture/"


def test_it_requires_login(client, programme):
    assert_redirects_to_login(client.get(url(programme)))


def test_a_structure_outside_the_programme_gets_404(client_for, programme):
    from tests.factories.organisations import StructureFactory

    assert client_for(Role.COORDINATOR, StructureFactory()).get(url(programme)).status_code == 404


def test_the_table_shows_gaps_in_words(client_for, programme, other_structure, rouen):
    ServiceFactory(zone=[rouen])
    text = client_for(Role.PARTNER, other_structure).get(url(programme)).text
    assert "<strong>manque</strong>" in text
    assert "Mobilité" in text


@pytest.mark.parametrize("count", [3, 6])
def test_queries_do_not_grow(
    client_for, programme, structure, rouen, elbeuf, count, django_assert_num_queries
):
    client = client_for(Role.COORDINATOR, structure)
    for _ in range(count):
        ServiceFactory(
            zone=[rouen, elbeuf], themes=["sante--acces-aux-soins", "famille--garde-denfants"]
        )
        ServiceFactory(zone_departments=["76"])
    with django_assert_num_queries(10):
        assert client.get(url(programme)).status_code == 200


@override_settings(MAP_TILE_URL="https://tuiles.exemple.fr/{z}/{x}/{y}.png")
def test_the_map_points_are_a_json_list(client_for, programme, structure, rouen):
    """The script reads the points with JSON.parse and loops over them: encoded once."""
    rouen.latitude, rouen.longitude = 49.44, 1.10
    rouen.save(update_fields=["latitude", "longitude"])
    ServiceFactory(zone=[rouen])
    html = client_for(Role.COORDINATOR, structure).get(url(programme)).text
    found = re.search(r'<script id="coverage-points" type="application/json">(.*?)</script>', html)
    assert found, "the page embeds no map points"
    points = json.loads(found.group(1))
    assert isinstance(points, list)
    assert {p["name"] for p in points} == {"Rouen"}
    assert points[0]["lat"] == 49.44
