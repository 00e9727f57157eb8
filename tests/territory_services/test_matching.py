"""A hand-made territory: Rouen and Bihorel in the programme, Elbeuf too, Évreux in
another département; services placed so that each proximity rank shows."""

import pytest

from accroche.partner_services.matching import Proximity, help_for_barriers, services_for
from accroche.territory.models import ThemeCategory
from tests.factories.organisations import StructureFactory
from tests.factories.territory_services import ServiceFactory

PERMIS = ["mobilite--preparer-un-permis"]
SOINS = ["sante--acces-aux-soins"]


@pytest.fixture
def mobilite():
    return ThemeCategory.objects.get(value="mobilite")


@pytest.fixture
def sante():
    return ThemeCategory.objects.get(value="sante")


@pytest.fixture
def logement():
    return ThemeCategory.objects.get(value="logement-hebergement")


@pytest.fixture
def territory(rouen, bihorel, elbeuf):
    return {rouen.pk, bihorel.pk, elbeuf.pk}


@pytest.fixture
def services(rouen, bihorel, elbeuf, evreux):
    return {
        "in_rouen": ServiceFactory(name="Auto-école sociale", themes=PERMIS, zone=[rouen]),
        "located_in_rouen": ServiceFactory(name="Garage solidaire", themes=PERMIS, commune=rouen),
        "in_elbeuf": ServiceFactory(name="Bourse au permis", themes=PERMIS, zone=[elbeuf]),
        "department": ServiceFactory(
            name="Aide au permis 76", themes=PERMIS, zone_departments=["76"]
        ),
        "evreux": ServiceFactory(name="Permis Évreux", themes=PERMIS, zone=[evreux]),
        "health_elbeuf": ServiceFactory(name="Point santé", themes=SOINS, zone=[elbeuf]),
    }


def names(found):
    return [(n.service.name, n.proximity) for n in found]


def test_nearest_first_then_territory_then_departement(services, mobilite, rouen, territory):
    assert names(services_for(mobilite, [rouen], territory=territory)) == [
        ("Auto-école sociale", Proximity.COMMUNE),
        ("Garage solidaire", Proximity.COMMUNE),
        ("Bourse au permis", Proximity.TERRITORY),
        ("Aide au permis 76", Proximity.DEPARTMENT),
    ]


def test_a_service_elsewhere_is_not_here(services, mobilite, evreux):
    assert names(services_for(mobilite, [evreux])) == [("Permis Évreux", Proximity.COMMUNE)]


def test_lived_communes_count_like_the_residence(services, sante, rouen, elbeuf):
    assert names(services_for(sante, [rouen, elbeuf])) == [("Point santé", Proximity.COMMUNE)]


def test_a_theme_narrows_a_category(services, rouen):
    from accroche.territory.models import Theme

    theme = Theme.objects.get(value="mobilite--acceder-a-un-vehicule")
    assert services_for(theme, [rouen]) == []


def test_an_inactive_structure_offers_nothing(services, mobilite, rouen):
    closed = StructureFactory(is_active=False)
    ServiceFactory(structure=closed, name="Fermé", themes=PERMIS, zone=[rouen])
    assert "Fermé" not in [n for n, _p in names(services_for(mobilite, [rouen]))]


def test_a_barrier_with_no_service_nearby_is_a_gap(
    services, mobilite, sante, logement, rouen, territory
):
    result = help_for_barriers(
        [(logement, 3), (mobilite, 2), (sante, 0)], [rouen], territory=territory
    )
    assert [(b.category.value, b.severity, b.is_gap) for b in result] == [
        ("logement-hebergement", 3, True),
        ("mobilite", 2, False),
    ]


def test_health_is_found_on_the_territory_not_in_rouen(services, sante, rouen, territory):
    [barrier] = help_for_barriers([(sante, 1)], [rouen], territory=territory)
    assert names(barrier.services) == [("Point santé", Proximity.TERRITORY)]


def test_without_the_territory_elbeuf_is_too_far(services, sante, rouen):
    [barrier] = help_for_barriers([(sante, 1)], [rouen])
    assert barrier.is_gap


def test_at_most_a_few_services_per_barrier(services, mobilite, rouen, territory):
    [barrier] = help_for_barriers([(mobilite, 1)], [rouen], territory=territory, per_barrier=2)
    assert len(barrier.services) == 2
    assert barrier.more == 2


@pytest.mark.parametrize("extra", [2, 4])
def test_matching_takes_a_fixed_number_of_queries(
    services, mobilite, sante, rouen, territory, extra, django_assert_num_queries
):
    for _ in range(extra):
        ServiceFactory(themes=PERMIS + SOINS, zone=[rouen])
    # The services, then their themes and their zones (prefetched).
    with django_assert_num_queries(3):
        help_for_barriers([(mobilite, 2), (sante, 1)], [rouen], territory=territory)
