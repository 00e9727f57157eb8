from django.urls import reverse

from accroche.access.roles import Role
from accroche.organisations.models import Participation
from tests.factories.organisations import ParticipationFactory, StructureFactory
from tests.factories.outreach import PlaceFactory
from tests.factories.youth import ConsentFactory, EnrolmentFactory, YouthFactory


def _url(key, scene, query, extra=""):
    return f"{reverse('reports:drill', args=[key])}?programme={scene.programme.pk}&{query}{extra}"


def test_the_drill_lists_visible_files_and_counts_the_others(scene, coordinator, login, query):
    text = login(coordinator).get(_url("enrolled", scene, query)).text
    assert "Jeune A" in text
    assert "Jeune C" in text
    assert "Jeune D" not in text
    assert "1 autre dossier existe mais n'est pas visible" in text


def test_a_shared_file_becomes_visible(scene, coordinator, login, query, structure):
    ConsentFactory(youth=scene.youths["D"], shared_with=[structure])
    text = login(coordinator).get(_url("enrolled", scene, query)).text
    assert "Jeune D" in text
    assert "pas visible" not in text


def test_the_other_structure_sees_its_own_file_only(scene, member, login, query, other_structure):
    text = (
        login(member(Role.CASE_WORKER, other_structure))
        .get(_url("positive_exit", scene, query))
        .text
    )
    assert "Jeune D" in text
    assert "Jeune A" not in text
    assert "1 autre dossier existe" in text


def test_partners_and_evaluators_cannot_drill(scene, member, login, query):
    outsider = StructureFactory()
    ParticipationFactory(
        programme=scene.programme, structure=outsider, kind=Participation.Kind.EVALUATOR
    )
    for role in (Role.PARTNER, Role.EVALUATOR):
        assert login(member(role, outsider)).get(_url("enrolled", scene, query)).status_code == 404


def test_an_unknown_key_or_programme_is_not_found(scene, coordinator, login, query):
    client = login(coordinator)
    assert client.get(_url("names", scene, query)).status_code == 404
    other = f"{reverse('reports:drill', args=['enrolled'])}?programme=999999"
    assert client.get(other).status_code == 404


def test_the_drill_by_budget_line_lists_who_got_aid(scene, coordinator, login, query):
    line = scene.programme.budget_lines.get(year=2026)
    text = login(coordinator).get(_url("aid", scene, query, f"&line={line.pk}")).text
    assert "Jeune A" in text
    assert "Jeune B" in text
    assert "Jeune C" not in text


def test_the_drill_by_place_lists_its_sessions(scene, member, login, query, structure):
    place = PlaceFactory(programme=scene.programme)
    for session in scene.programme.outreach_sessions.all():
        session.places.add(place)
    text = (
        login(member(Role.MEDIATOR, structure))
        .get(_url("place", scene, query, f"&place={place.pk}"))
        .text
    )
    assert "10 mars 2026" in text
    assert "1 sortie derrière ce chiffre" in text


def test_the_drill_query_count_does_not_grow(
    scene, coordinator, login, query, structure, django_assert_num_queries
):
    client = login(coordinator)
    with django_assert_num_queries(30, exact=False) as first:
        client.get(_url("enrolled", scene, query))
    for _ in range(4):
        EnrolmentFactory(youth=YouthFactory(holder_structure=structure), programme=scene.programme)
    with django_assert_num_queries(len(first.captured_queries)):
        client.get(_url("enrolled", scene, query))


def test_sessions_of_another_structure_are_counted_not_shown(
    scene, member, login, query, other_structure
):
    text = login(member(Role.MEDIATOR, other_structure)).get(_url("contacts", scene, query)).text
    assert "1 autre sortie existe" in text
    assert "Aucune sortie visible" in text
