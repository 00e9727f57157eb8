from django.test import override_settings

from accroche.access.models import AuditEvent
from accroche.access.roles import Role
from tests.factories.youth import YouthFactory

BENCH_URLS = "accroche.synthetic.bench_urls"


def test_the_product_does_not_serve_the_floor(structure, member, login):
    client = login(member(Role.CASE_WORKER, structure))
    youth = YouthFactory(holder_structure=structure)
    assert client.get(f"/banc/plancher/{youth.pk}/").status_code == 404


@override_settings(ROOT_URLCONF=BENCH_URLS)
def test_the_floor_reads_one_row_and_writes_one_audit_row(
    structure, member, login, django_assert_num_queries
):
    client = login(member(Role.CASE_WORKER, structure))
    youth = YouthFactory(holder_structure=structure)
    # session, the user with their memberships, the row, the audit row, the session saved
    # (+ its savepoint)
    with django_assert_num_queries(7):
        response = client.get(f"/banc/plancher/{youth.pk}/")
    assert response.status_code == 200
    assert AuditEvent.objects.filter(object_type="bench_floor", object_id=youth.pk).count() == 1


@override_settings(ROOT_URLCONF=BENCH_URLS)
def test_the_floor_shows_nothing_of_another_structure(structure, other_structure, member, login):
    client = login(member(Role.CASE_WORKER, structure))
    youth = YouthFactory(holder_structure=other_structure)
    assert client.get(f"/banc/plancher/{youth.pk}/").status_code == 404


@override_settings(ROOT_URLCONF=BENCH_URLS)
def test_the_floor_needs_a_login(client):
    response = client.get("/banc/plancher/1/")
    assert response.status_code == 302
    assert response.url.startswith("/compte/connexion/")


@override_settings(ROOT_URLCONF=BENCH_URLS)
def test_the_benchmark_urls_serve_the_product_too(structure, member, login):
    client = login(member(Role.CASE_WORKER, structure))
    assert client.get("/jeunes/").status_code == 200
