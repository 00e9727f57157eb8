import pytest

from accroche.access.models import AuditEvent
from accroche.access.roles import Role
from accroche.youth.models import Youth
from tests.factories.territory import CommuneFactory, QpvFactory
from tests.factories.youth import ConsentFactory, YouthFactory


def test_list_shows_only_visible_files_and_logs_them(api_client, member, structure):
    mine = YouthFactory(holder_structure=structure)
    YouthFactory()
    body = api_client(member(Role.CASE_WORKER, structure)).get("/api/youth").json()
    assert [y["id"] for y in body] == [mine.pk]
    assert AuditEvent.objects.get(action="list").via == "api"


def test_read_own_file(api_client, member, structure):
    youth = YouthFactory(holder_structure=structure, nickname="Zizou")
    response = api_client(member(Role.CASE_WORKER, structure)).get(f"/api/youth/{youth.pk}")
    assert response.status_code == 200
    assert response.json()["nickname"] == "Zizou"
    assert AuditEvent.objects.filter(action="read", object_id=youth.pk).count() == 1


def test_another_structures_file_is_a_404_like_a_missing_one(
    api_client, member, structure, other_structure
):
    youth = YouthFactory(holder_structure=structure)
    client = api_client(member(Role.CASE_WORKER, other_structure))
    not_mine = client.get(f"/api/youth/{youth.pk}")
    missing = client.get(f"/api/youth/{youth.pk + 999}")
    assert not_mine.status_code == missing.status_code == 404
    assert not_mine.json() == missing.json()


def test_a_shared_file_is_readable_by_the_named_structure(
    api_client, member, structure, other_structure
):
    youth = YouthFactory(holder_structure=structure)
    ConsentFactory(youth=youth, shared_with=[other_structure])
    client = api_client(member(Role.CASE_WORKER, other_structure))
    assert client.get(f"/api/youth/{youth.pk}").status_code == 200


@pytest.mark.parametrize("role", [Role.PARTNER, Role.EVALUATOR, Role.ADMIN])
def test_roles_without_file_access_get_404(api_client, member, structure, role):
    youth = YouthFactory(holder_structure=structure)
    assert api_client(member(role, structure)).get(f"/api/youth/{youth.pk}").status_code == 404


def test_create_with_a_nickname_only(api_client, member, structure):
    client = api_client(member(Role.MEDIATOR, structure))
    response = client.post("/api/youth", {"nickname": "Titi"}, content_type="application/json")
    assert response.status_code == 201
    youth = Youth.objects.get()
    assert (youth.nickname, youth.name_completeness, youth.holder_structure) == (
        "Titi",
        "nickname",
        structure,
    )
    assert AuditEvent.objects.get(action="create").object_id == youth.pk


def test_create_without_any_name_is_refused_in_french(api_client, member, structure):
    client = api_client(member(Role.MEDIATOR, structure))
    response = client.post("/api/youth", {"last_name": "Durand"}, content_type="application/json")
    assert response.status_code == 422
    assert response.json()["errors"] == [
        {"field": "first_name", "message": "Indiquez au moins un prénom ou un surnom."}
    ]
    assert not Youth.objects.exists()


def test_schema_errors_are_in_french(api_client, member, structure):
    client = api_client(member(Role.MEDIATOR, structure))
    response = client.post(
        "/api/youth",
        {"first_name": "Aya", "birth_date": "31/02/2008", "gender": "x"},
        content_type="application/json",
    )
    assert response.status_code == 422
    messages = {e["field"]: e["message"] for e in response.json()["errors"]}
    assert messages["birth_date"] == "Date attendue au format AAAA-MM-JJ."
    assert messages["gender"].startswith("Valeur non prévue")


def test_the_api_says_the_same_for_a_too_long_name(api_client, member, structure) -> None:
    response = api_client(member(Role.MEDIATOR, structure)).post(
        "/api/youth", {"first_name": "a" * 10_000}, content_type="application/json"
    )
    assert response.status_code == 422
    assert response.json()["errors"] == [
        {"field": "first_name", "message": "Au plus 100 caractères (vous en avez saisi 10000)."}
    ]
    assert not Youth.objects.exists()


def test_unknown_commune_and_bad_email_are_refused(api_client, member, structure):
    client = api_client(member(Role.MEDIATOR, structure))
    response = client.post(
        "/api/youth",
        {"first_name": "Aya", "residence_commune": "99999", "email": "pas-un-mail"},
        content_type="application/json",
    )
    assert response.status_code == 422
    fields = {e["field"] for e in response.json()["errors"]}
    assert fields == {"residence_commune", "email"}


def test_create_with_commune_and_qpv_codes(api_client, member, structure):
    commune = CommuneFactory(code="76540", name="Rouen")
    qpv = QpvFactory(code="QN07620M", communes=[commune])
    client = api_client(member(Role.MEDIATOR, structure))
    response = client.post(
        "/api/youth",
        {"first_name": "Aya", "residence_commune": "76540", "residence_qpv": "QN07620M"},
        content_type="application/json",
    )
    assert response.status_code == 201
    assert response.json()["residence_qpv"] == qpv.code


def test_patch_changes_only_what_is_sent_and_logs_field_names(api_client, member, structure):
    youth = YouthFactory(holder_structure=structure, first_name="Aya", phone="0600000000")
    client = api_client(member(Role.CASE_WORKER, structure))
    response = client.patch(
        f"/api/youth/{youth.pk}", {"last_name": "Diallo"}, content_type="application/json"
    )
    assert response.status_code == 200
    youth.refresh_from_db()
    assert (youth.first_name, youth.last_name, youth.phone) == ("Aya", "Diallo", "0600000000")
    assert youth.name_completeness == "full"
    assert AuditEvent.objects.get(action="update").fields == ["last_name"]


def test_patch_of_another_structures_file_is_a_404(api_client, member, structure, other_structure):
    youth = YouthFactory(holder_structure=structure, first_name="Aya")
    client = api_client(member(Role.CASE_WORKER, other_structure))
    response = client.patch(
        f"/api/youth/{youth.pk}", {"first_name": "X"}, content_type="application/json"
    )
    assert response.status_code == 404
    youth.refresh_from_db()
    assert youth.first_name == "Aya"
