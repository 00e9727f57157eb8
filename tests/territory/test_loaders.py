import json
from pathlib import Path

import pytest

from accroche.territory.loaders import (
    LoadResult,
    ReferenceFileMissing,
    load_communes,
    load_diploma_levels,
    load_qpv,
    load_themes,
    read_communes,
    read_qpv_file,
)
from accroche.territory.models import Commune, DiplomaLevel, Qpv, Theme, ThemeCategory
from tests.factories.territory import DiplomaLevelFactory
from tests.territory.conftest import COMMUNES, QPV_ROWS


def _snapshot() -> dict[str, tuple[int, str]]:
    return {c.code: (c.pk, c.name) for c in Commune.objects.all()}


# --- communes ---------------------------------------------------------------------------


def test_read_communes_keeps_current_communes_and_arrondissements(write_communes):
    rows = read_communes(write_communes(), "6.0.0")

    assert sorted(rows) == ["27229", "30132", "69381", "76095", "76540"]  # no deleguee
    assert rows["76540"] == {
        "name": "Rouen",
        "department": "76",
        "region": "28",
        "postcodes": ["76000", "76100"],
        "population": 117_662,
        "vintage": "6.0.0",
    }
    assert rows["30132"]["population"] is None


def test_load_communes_creates_them_with_the_package_version(write_communes):
    result = load_communes(write_communes(version="6.1.0"))

    assert result == LoadResult(created=5, updated=0, unchanged=0)
    lyon_1 = Commune.objects.get(code="69381")
    assert (lyon_1.name, lyon_1.department, lyon_1.region) == (
        "Lyon 1er Arrondissement",
        "69",
        "84",
    )
    assert lyon_1.postcodes == ["69001"]
    assert lyon_1.vintage == "6.1.0"
    assert not Commune.objects.filter(code="27198").exists()


def test_load_communes_is_idempotent(write_communes):
    path = write_communes()
    load_communes(path)
    before = _snapshot()

    result = load_communes(path)

    assert result == LoadResult(created=0, updated=0, unchanged=5)
    assert _snapshot() == before


def test_a_new_vintage_updates_in_place_and_keeps_coordinates(write_communes, write_qpv):
    load_communes(write_communes())
    load_qpv(write_qpv())
    rouen = Commune.objects.get(code="76540")
    renamed = [dict(c, nom="Rouen-sur-Seine") if c["code"] == "76540" else c for c in COMMUNES]

    result = load_communes(write_communes(renamed))

    assert result == LoadResult(created=0, updated=1, unchanged=4)
    updated = Commune.objects.get(code="76540")
    assert updated.pk == rouen.pk
    assert updated.name == "Rouen-sur-Seine"
    assert (updated.latitude, updated.longitude) == (rouen.latitude, rouen.longitude)
    assert updated.latitude is not None


def test_a_new_package_version_updates_every_row_in_place(write_communes):
    load_communes(write_communes(version="6.0.0"))
    before = _snapshot()

    result = load_communes(write_communes(version="7.0.0"))

    assert result == LoadResult(created=0, updated=5, unchanged=0)
    assert _snapshot() == before
    assert set(Commune.objects.values_list("vintage", flat=True)) == {"7.0.0"}


def test_communes_gone_from_the_file_are_kept(write_communes):
    load_communes(write_communes())

    result = load_communes(write_communes([c for c in COMMUNES if c["code"] != "27229"]))

    assert result == LoadResult(created=0, updated=0, unchanged=4)
    assert Commune.objects.filter(code="27229").exists()


def test_a_missing_communes_file_says_how_to_get_it(tmp_path):
    with pytest.raises(ReferenceFileMissing, match="npm ci"):
        load_communes(tmp_path / "communes.json")


def test_an_explicit_vintage_needs_no_package_json(tmp_path):
    path = tmp_path / "communes.json"
    path.write_text(json.dumps(COMMUNES[:1]))

    assert load_communes(path, vintage="2026").created == 1
    assert Commune.objects.get().vintage == "2026"


# --- QPV ----------------------------------------------------------------------------------


def test_read_qpv_file_pairs_codes_and_names_over_multi_line_fields(write_qpv):
    rows = read_qpv_file(write_qpv()).rows

    assert [row.commune_code for row in rows] == ["76540", "76095", "30132", "99999"]
    assert rows[0].qpvs == [
        ("QN07619M", "Grammont - Saint Sever - Orléans"),
        ("QN07620M", "Les Hauts de Rouen"),
    ]
    assert rows[2].qpvs == [
        ("QN03016M", "La Grand-Combe; les Salles du Gardon et Branoux Les Taillades")
    ]
    assert (rows[0].longitude, rows[0].latitude) == (1.095387697894362, 49.441508274598476)


def test_load_qpv_links_communes_and_sets_centroids(write_communes, write_qpv):
    load_communes(write_communes())

    result = load_qpv(write_qpv())

    assert result == LoadResult(created=3, updated=0, unchanged=0, skipped=1)
    hauts = Qpv.objects.get(code="QN07620M")
    assert hauts.name == "Les Hauts de Rouen"
    assert hauts.vintage == "2024"
    assert sorted(hauts.communes.values_list("code", flat=True)) == ["76095", "76540"]
    assert sorted(Commune.objects.get(code="76540").qpvs.values_list("code", flat=True)) == [
        "QN07619M",
        "QN07620M",
    ]
    rouen = Commune.objects.get(code="76540")
    assert (rouen.latitude, rouen.longitude) == (49.441508274598476, 1.095387697894362)
    assert Commune.objects.get(code="27229").latitude is None  # not in the QPV file
    assert not Qpv.objects.filter(code="QN09999M").exists()


def test_load_qpv_is_idempotent(write_communes, write_qpv):
    load_communes(write_communes())
    path = write_qpv()
    load_qpv(path)
    before = {
        q.code: (q.pk, sorted(q.communes.values_list("pk", flat=True))) for q in Qpv.objects.all()
    }

    result = load_qpv(path)

    assert result == LoadResult(created=0, updated=0, unchanged=3, skipped=1)
    after = {
        q.code: (q.pk, sorted(q.communes.values_list("pk", flat=True))) for q in Qpv.objects.all()
    }
    assert after == before


def test_the_qpv_commune_set_follows_the_file(write_communes, write_qpv):
    load_communes(write_communes())
    load_qpv(write_qpv())
    hauts = Qpv.objects.get(code="QN07620M")
    # Les Hauts de Rouen leaves Bihorel and now also spans La Grand-Combe (a test fixture).
    rows = [
        QPV_ROWS[0],
        "76095,Bihorel,QN07619M,Grammont - Saint Sever - Orléans,1.1196,49.4576\r\n",
        '30132,La Grand-Combe,"QN03016M, QN07620M","Cévennes, Les Hauts de Rouen",4.03,44.22\r\n',
    ]

    result = load_qpv(write_qpv(rows))

    assert result == LoadResult(created=0, updated=3, unchanged=0)
    assert Qpv.objects.get(code="QN07620M").pk == hauts.pk
    assert sorted(hauts.communes.values_list("code", flat=True)) == ["30132", "76540"]
    assert sorted(Qpv.objects.get(code="QN07619M").communes.values_list("code", flat=True)) == [
        "76095",
        "76540",
    ]
    assert Qpv.objects.get(code="QN03016M").name == "Cévennes"
    assert Commune.objects.get(code="30132").latitude == 44.22


def test_qpv_rows_of_unloaded_communes_are_skipped(write_qpv):
    result = load_qpv(write_qpv())

    assert result == LoadResult(created=0, updated=0, unchanged=0, skipped=4)
    assert not Qpv.objects.exists()


def test_names_that_cannot_be_paired_fall_back_without_crashing(write_communes, write_qpv):
    load_communes(write_communes())
    rows = [
        # Three names for two codes: a name holds ", ".
        '76540,Rouen,"QN07619M, QN07620M",'
        '"Grammont, Saint Sever, Les Hauts de Rouen",1.09,49.44\r\n',
        "76095,Bihorel; Rouen,QN07620M,Les Hauts de Rouen,1.12,49.46\r\n",
        # A single code keeps the whole field as its name, commas included.
        '30132,La Grand-Combe,QN03016M,"Centre, Fontaine",4.03,44.22\r\n',
    ]

    result = load_qpv(write_qpv(rows))

    assert result.created == 3
    names = dict(Qpv.objects.values_list("code", "name"))
    assert names == {
        "QN07619M": "QN07619M",
        "QN07620M": "Les Hauts de Rouen",
        "QN03016M": "Centre, Fontaine",
    }
    assert Qpv.objects.get(code="QN07619M").communes.get().code == "76540"


def test_a_missing_qpv_file_is_reported(tmp_path: Path):
    with pytest.raises(ReferenceFileMissing):
        load_qpv(tmp_path / "nope.csv")


# --- themes and diploma levels -----------------------------------------------------------


def test_load_themes_is_idempotent_and_files_themes_under_their_category():
    from data_inclusion.schema.v1 import Categorie, Thematique

    first = load_themes()
    themes = dict(Theme.objects.values_list("value", "pk"))
    second = load_themes()

    assert first == LoadResult(created=len(Categorie) + len(Thematique))
    assert second == LoadResult(unchanged=len(Categorie) + len(Thematique))
    assert dict(Theme.objects.values_list("value", "pk")) == themes
    assert ThemeCategory.objects.count() == len(Categorie)
    for theme in Theme.objects.select_related("category"):
        assert theme.value.startswith(f"{theme.category.value}--")
    mobilite = ThemeCategory.objects.get(value="mobilite")
    assert mobilite.label == "Mobilité"


def test_load_themes_restores_a_changed_label():
    load_themes()
    ThemeCategory.objects.filter(value="mobilite").update(label="Autre")

    assert load_themes().updated == 1
    assert ThemeCategory.objects.get(value="mobilite").label == "Mobilité"


def test_load_diploma_levels_is_idempotent_and_updates_in_place():
    existing: DiplomaLevel = DiplomaLevelFactory(code="3", rank=3, label="Ancien libellé")

    first = load_diploma_levels()
    second = load_diploma_levels()

    assert first == LoadResult(created=6, updated=1, unchanged=0)
    assert second == LoadResult(unchanged=7)
    assert list(DiplomaLevel.objects.values_list("code", "rank", "isced_group")) == [
        ("infra3", 2, "0-2"),
        ("3", 3, "3-4"),
        ("4", 4, "3-4"),
        ("5", 5, "5-8"),
        ("6", 6, "5-8"),
        ("7", 7, "5-8"),
        ("8", 8, "5-8"),
    ]
    level_3 = DiplomaLevel.objects.get(code="3")
    assert level_3.pk == existing.pk
    assert level_3.label == "Niveau 3 : CAP, BEP"
    assert DiplomaLevel.objects.get(code="infra3").label.startswith("Infra 3")
