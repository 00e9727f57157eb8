"""A commune name that several communes share (Beaumont, Marly, Saint-Gilles) is not
"unknown": the form asks which one, lists them with their department, keeps everything
typed, and "Beaumont (63)" is then accepted."""

import pytest
from django.urls import reverse

from accroche.access.roles import Role
from accroche.territory.lookup import commune_candidates, search_communes
from accroche.youth.models import Youth
from tests.factories.territory import CommuneFactory


@pytest.fixture
def shared_names():
    return {
        c.code: c
        for c in [
            CommuneFactory(code="63032", name="Beaumont", department="63", population=11000),
            CommuneFactory(code="24028", name="Beaumont", department="24", population=1100),
            CommuneFactory(code="59383", name="Marly", department="59", population=12000),
            CommuneFactory(code="57447", name="Marly", department="57", population=10000),
            CommuneFactory(code="30258", name="Saint-Gilles", department="30", population=14000),
            CommuneFactory(code="35257", name="Saint-Gilles", department="35", population=5000),
            CommuneFactory(
                code="95052", name="Beaumont-sur-Oise", department="95", population=9800
            ),
        ]
    }


@pytest.mark.parametrize(
    ("typed", "code"),
    [("Beaumont (63)", "63032"), ("Marly (59)", "59383"), ("saint gilles (30)", "30258")],
)
def test_a_name_with_its_department_is_one_commune(shared_names, typed, code):
    assert [c.code for c in commune_candidates(typed)] == [code]


def test_a_shared_name_lists_every_commune_of_that_name(shared_names):
    assert [c.code for c in commune_candidates("Beaumont")] == ["24028", "63032"]


def test_the_suggestions_put_the_communes_of_the_very_name_first(shared_names):
    assert [c.code for c in search_communes("beaumont")][:2] == ["63032", "24028"]


def test_the_youth_form_asks_which_beaumont_and_keeps_what_was_typed(
    shared_names, login, member, structure
):
    client = login(member(Role.MEDIATOR, structure))
    data = {"nickname": "Le Grand", "gender": "man", "residence_commune": "Beaumont"}
    response = client.post(reverse("youth:create"), data)
    assert response.status_code == 200
    assert "Commune inconnue" not in response.text
    assert "Plusieurs communes s&#x27;appellent « Beaumont »" in response.text
    assert "Beaumont (24), Beaumont (63)" in response.text
    assert 'value="Le Grand"' in response.text
    assert 'value="Beaumont"' in response.text
    assert not Youth.objects.exists()
    client.post(reverse("youth:create"), data | {"residence_commune": "Beaumont (63)"})
    assert Youth.objects.get().residence_commune == shared_names["63032"]


def test_the_programme_territory_asks_which_marly_and_keeps_the_list(
    shared_names, owner, programme
):
    typed = "Saint-Gilles (30)\nMarly\nRuon"
    response = owner.post(f"/dispositifs/{programme.pk}/territoire/", {"communes": typed})
    assert "Plusieurs communes s&#x27;appellent « Marly » : Marly (57), Marly (59)" in response.text
    assert "Communes inconnues : « Ruon »" in response.text
    assert f"{typed}</textarea>" in response.text
    assert not programme.communes.exists()
    data = {"communes": "Saint-Gilles (30)\nMarly (59)"}
    assert owner.post(f"/dispositifs/{programme.pk}/territoire/", data).status_code == 302
    assert {c.code for c in programme.communes.all()} == {"30258", "59383"}
