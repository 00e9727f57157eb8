import datetime

import pytest

from accroche.access.models import AuditEvent
from accroche.access.roles import Role
from accroche.territory.models import ThemeCategory
from accroche.youth.models import Barrier, Diagnostic
from tests.factories.territory_services import ServiceFactory
from tests.factories.youth import ConsentFactory, YouthFactory
from tests.territory_services.conftest import assert_redirects_to_login


@pytest.fixture
def youth(structure, rouen, elbeuf):
    youth = YouthFactory(holder_structure=structure, residence_commune=rouen)
    youth.frequented_communes.set([elbeuf])
    return youth


def diagnose(youth, **severities):
    diagnostic = Diagnostic.objects.create(
        youth=youth, done_on=datetime.date(2026, 3, 1), author_structure=youth.holder_structure
    )
    for value, severity in severities.items():
        category = ThemeCategory.objects.get(value=value.replace("_", "-"))
        Barrier.objects.create(diagnostic=diagnostic, category=category, severity=severity)
    return diagnostic


def url(youth):
    return f"/jeunes/{youth.pk}/qui-peut-aider/"


def test_it_requires_login(client, youth):
    assert_redirects_to_login(client.get(url(youth)))


def test_another_structure_gets_404(client_for, other_structure, youth):
    assert client_for(Role.CASE_WORKER, other_structure).get(url(youth)).status_code == 404


def test_a_structure_the_file_is_shared_with_sees_it(client_for, other_structure, youth):
    ConsentFactory(youth=youth, shared_with=[other_structure])
    diagnose(youth, mobilite=2)
    assert client_for(Role.CASE_WORKER, other_structure).get(url(youth)).status_code == 200


@pytest.mark.parametrize("role", [Role.PARTNER, Role.EVALUATOR, Role.ADMIN])
def test_roles_that_read_no_file_get_404(client_for, structure, youth, role):
    assert client_for(role, structure).get(url(youth)).status_code == 404


def test_it_lists_services_nearby_and_shows_gaps(client_for, structure, youth, elbeuf):
    ServiceFactory(name="Bourse au permis", zone=[elbeuf])
    diagnose(youth, mobilite=3, logement_hebergement=2, sante=0)
    text = client_for(Role.CASE_WORKER, structure).get(url(youth)).text
    assert "Bourse au permis" in text
    assert "dans la commune" in text
    assert "Logement et hébergement" in text
    assert "Manque :" in text
    assert "Santé" not in text


def test_without_a_diagnostic_it_says_what_to_do(client_for, structure, youth):
    text = client_for(Role.CASE_WORKER, structure).get(url(youth)).text
    assert "Pas encore de diagnostic" in text


def test_reading_it_is_audited(client_for, structure, youth):
    diagnostic = diagnose(youth, mobilite=1)
    client_for(Role.CASE_WORKER, structure).get(url(youth))
    assert AuditEvent.objects.filter(
        object_type="diagnostic", object_id=diagnostic.pk, action="read", fields=["barriers"]
    ).exists()
    assert AuditEvent.objects.filter(object_type="youth", object_id=youth.pk).exists()


@pytest.mark.parametrize("count", [2, 4])
def test_queries_do_not_grow(client_for, structure, youth, rouen, count, django_assert_num_queries):
    client = client_for(Role.CASE_WORKER, structure)
    diagnose(youth, mobilite=2, sante=1, famille=3)
    for _ in range(count):
        ServiceFactory(zone=[rouen], themes=["sante--acces-aux-soins", "famille--garde-denfants"])
    with django_assert_num_queries(15):
        assert client.get(url(youth)).status_code == 200
