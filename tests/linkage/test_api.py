import pytest
from django.test import Client

from accroche.access.roles import Role
from accroche.linkage.merge import do_merge
from accroche.linkage.models import Merge
from tests.api.conftest import api_client  # noqa: F401  (fixture)
from tests.linkage.conftest import KEVIN

BASE = "/api/linkage"
TYPED = {"first_name": "Kevin", "last_name": "Durant", "birth_date": "2004-03-12"}


@pytest.fixture
def owner(api_client, member, structure) -> Client:  # noqa: F811
    return api_client(member(Role.CASE_WORKER, structure))


def test_possible_duplicates_in_clear_and_elsewhere(owner, file, structure, other_structure):
    mine = file(structure, **KEVIN)
    file(other_structure, **KEVIN)
    body = owner.get(f"{BASE}/possible-duplicates", TYPED).json()
    assert [c["youth_id"] for c in body["candidates"]] == [mine.pk]
    assert body["elsewhere"] == ["Centre social des Hauts"]
    assert "même date de naissance" in [r["label"] for r in body["candidates"][0]["reasons"]]


def test_the_answer_about_another_structure_holds_no_field(owner, file, other_structure):
    file(other_structure, **KEVIN, email="k.durand@exemple.fr")
    text = owner.get(f"{BASE}/possible-duplicates", TYPED).content.decode()
    for value in ("Durand", "Kévin", "0612", "06 12", "k.durand", 'youth_id": '):
        assert value not in text


def test_merge_then_undo(owner, file, structure):
    a, b = file(structure, **KEVIN), file(structure, **KEVIN)
    response = owner.post(
        f"{BASE}/merges", {"keep": a.pk, "absorb": b.pk}, content_type="application/json"
    )
    assert response.status_code == 201
    merge_id = response.json()["id"]
    assert owner.post(f"{BASE}/merges/{merge_id}/undo").json()["undone_at"] is not None


def test_merging_someone_elses_files_is_a_404(owner, file, other_structure):
    a, b = file(other_structure, **KEVIN), file(other_structure, **KEVIN)
    response = owner.post(
        f"{BASE}/merges", {"keep": a.pk, "absorb": b.pk}, content_type="application/json"
    )
    assert response.status_code == 404
    assert not Merge.objects.exists()


def test_merging_a_file_with_itself_is_a_french_422(owner, file, structure):
    a = file(structure, **KEVIN)
    response = owner.post(
        f"{BASE}/merges", {"keep": a.pk, "absorb": a.pk}, content_type="application/json"
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["message"] == "Choisissez deux fiches différentes."


def test_the_queue_and_a_decision(owner, file, structure):
    a, b = file(structure, **KEVIN), file(structure, **KEVIN)
    assert len(owner.get(f"{BASE}/queue").json()) == 1
    response = owner.post(
        f"{BASE}/not-duplicates", {"a": a.pk, "b": b.pk}, content_type="application/json"
    )
    assert response.status_code == 201
    assert owner.get(f"{BASE}/queue").json() == []


def test_undo_of_another_structures_merge_is_a_404(owner, file, other_structure, other_case_worker):
    a, b = file(other_structure, **KEVIN), file(other_structure, **KEVIN)
    merge = do_merge(other_case_worker, a.pk, b.pk)
    assert owner.post(f"{BASE}/merges/{merge.pk}/undo").status_code == 404


def test_the_api_needs_a_token(client):
    assert client.get(f"{BASE}/queue").status_code == 401
