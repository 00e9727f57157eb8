# Fixtures imported from conftest_b are re-bound as test arguments.
# ruff: noqa: F811
import csv
import io

import pytest
from django.urls import reverse

from accroche.access.models import AuditEvent
from accroche.access.roles import Role
from accroche.reports.export_evaluation import evaluation_export
from accroche.reports.pseudonymise import (
    SUPPRESSED,
    pseudonym,
    suppress_small_cells,
    typed_key,
)
from tests.reports.conftest_b import (  # noqa: F401
    FseScene,
    as_role,
    evaluation_consents,
    fse_programme,
    fse_scene,
)

URL = reverse("reports:evaluation")
KEY = "clé du labo 2026"


def rows_of(reply) -> list[list[str]]:
    return list(csv.reader(io.StringIO(reply.content.decode("utf-8-sig")), delimiter=";"))


def test_same_key_same_pseudonyms_other_key_unlinkable() -> None:
    assert pseudonym(typed_key(KEY), 42) == pseudonym(typed_key(KEY), 42)
    assert pseudonym(typed_key(KEY), 42) != pseudonym(typed_key("une autre clé"), 42)
    assert pseudonym(typed_key(KEY), 42) != pseudonym(typed_key(KEY), 43)
    assert "42" not in pseudonym(typed_key(KEY), 42)


def test_values_shared_by_fewer_than_five_people_are_masked() -> None:
    rows = (
        [["a", "Rouen"]] * 0 + [[str(i), "Rouen"] for i in range(5)] + [["9", "Cléon"], ["8", ""]]
    )
    masked = suppress_small_cells(rows, [1])
    assert [row[1] for row in rows] == ["Rouen"] * 5 + [str(SUPPRESSED), ""]
    assert masked == {1: 1}


def test_the_export_holds_consenting_young_people_pseudonymised(
    fse_scene: FseScene, evaluation_consents
) -> None:
    export = evaluation_export(fse_scene.filter(), typed_key(KEY))
    y = fse_scene.youths
    assert sorted(export.youth_ids) == sorted(y[n].pk for n in ("W1", "W2", "M1", "N", "S", "E"))
    data = export.tables[0]
    assert sorted(row[0] for row in data.rows) == sorted(
        pseudonym(typed_key(KEY), y[n].pk) for n in ("W1", "W2", "M1", "N", "S", "E")
    )
    qpv = [row[4] for row in data.rows]
    assert qpv == ["Hors QPV ou non renseigné"] * 6  # 6 ≥ 5: kept
    assert {row[1] for row in data.rows} == {str(SUPPRESSED)}  # 3 women, 1 man… all < 5


def test_an_evaluator_downloads_it_without_any_direct_identifier(
    fse_scene: FseScene, evaluation_consents, as_role
) -> None:
    reply = as_role(Role.EVALUATOR).post(f"{URL}?{fse_scene.query()}", {"key": KEY, "fmt": "csv"})
    text = reply.content.decode("utf-8-sig")
    assert rows_of(reply)[0][0] == "Pseudonyme"
    assert len(rows_of(reply)) == 1 + 6
    for youth in fse_scene.youths.values():
        for value in (youth.first_name, youth.last_name, youth.nickname, youth.phone, youth.email):
            assert value not in text
        if youth.birth_date:
            assert youth.birth_date.isoformat() not in text
            assert f"{youth.birth_date:%d/%m/%Y}" not in text
    event = AuditEvent.objects.get(action=AuditEvent.Action.EXPORT)
    assert event.fields == ["evaluation_pseudonymised"]


def test_the_same_key_gives_the_same_file(
    fse_scene: FseScene, evaluation_consents, as_role
) -> None:
    client = as_role(Role.EVALUATOR)
    url = f"{URL}?{fse_scene.query()}"
    first = rows_of(client.post(url, {"key": KEY, "fmt": "csv"}))
    again = rows_of(client.post(url, {"key": KEY, "fmt": "csv"}))
    other = rows_of(client.post(url, {"key": "une tout autre clé", "fmt": "csv"}))
    assert first == again
    assert not {r[0] for r in first[1:]} & {r[0] for r in other[1:]}


def test_a_short_key_is_refused_in_french(fse_scene: FseScene, as_role) -> None:
    page = as_role(Role.EVALUATOR).post(
        f"{URL}?{fse_scene.query()}", {"key": "court", "fmt": "csv"}
    )
    assert page.status_code == 200
    assert "au moins 12 caractères" in page.content.decode()


def test_the_page_for_a_coordinator(
    fse_scene: FseScene, as_role, django_assert_num_queries
) -> None:
    client = as_role(Role.COORDINATOR)
    with django_assert_num_queries(9):
        page = client.get(f"{URL}?{fse_scene.query()}")
    assert "Export pseudonymisé" in page.content.decode()


@pytest.mark.parametrize("role", [Role.MEDIATOR, Role.CASE_WORKER, Role.PARTNER, Role.ADMIN])
def test_other_roles_get_a_404(fse_scene: FseScene, as_role, role: str) -> None:
    client = as_role(role)
    assert client.get(f"{URL}?{fse_scene.query()}").status_code == 404
    assert client.post(f"{URL}?{fse_scene.query()}", {"fmt": "csv"}).status_code == 404
