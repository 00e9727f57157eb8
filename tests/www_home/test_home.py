from django.urls import reverse

from accroche.access.roles import Role
from tests.factories.organisations import ParticipationFactory, ProgrammeFactory
from tests.factories.youth import ConsentFactory, YouthFactory


def test_home_lists_the_programmes_of_the_current_structure(login, member, structure):
    programme = ProgrammeFactory(name="Cap Seine Jeunes")
    ParticipationFactory(programme=programme, structure=structure)
    ParticipationFactory(programme=programme)
    ProgrammeFactory(name="Autre dispositif")
    page = login(member(Role.MEDIATOR, structure)).get(reverse("www:home")).text
    assert "Cap Seine Jeunes" in page
    assert "3 structures" in page
    assert "Autre dispositif" not in page


def test_home_empty_state_tells_a_coordinator_to_create_a_programme(login, member, structure):
    page = login(member(Role.COORDINATOR, structure)).get(reverse("www:home")).text
    assert "ne participe encore à aucun dispositif" in page
    assert reverse("programmes:create") in page


def test_home_hides_youth_from_roles_that_cannot_read_files(login, member, structure):
    page = login(member(Role.EVALUATOR, structure)).get(reverse("www:home")).text
    assert "Nouveau jeune" not in page
    assert reverse("youth:list") not in page


def test_home_counts_the_files_held_and_shared(login, member, structure, other_structure):
    client = login(member(Role.CASE_WORKER, structure))
    assert "Aucun jeune pour l'instant" in client.get(reverse("www:home")).text
    YouthFactory.create_batch(2, holder_structure=structure)
    ConsentFactory(youth=YouthFactory(holder_structure=other_structure), shared_with=[structure])
    YouthFactory(holder_structure=other_structure)  # not shared
    page = client.get(reverse("www:home")).text
    assert "3 jeunes suivis ou partagés avec votre structure." in page
