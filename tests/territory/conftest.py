"""Small reference files, written in tmp_path, shaped like the real ones."""

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

COMMUNES: list[dict[str, Any]] = [
    {
        "code": "76540",
        "nom": "Rouen",
        "departement": "76",
        "region": "28",
        "type": "commune-actuelle",
        "codesPostaux": ["76000", "76100"],
        "population": 117_662,
    },
    {
        "code": "76095",
        "nom": "Bihorel",
        "departement": "76",
        "region": "28",
        "type": "commune-actuelle",
        "codesPostaux": ["76420"],
        "population": 8_541,
    },
    {
        "code": "30132",
        "nom": "La Grand-Combe",
        "departement": "30",
        "region": "76",
        "type": "commune-actuelle",
        "codesPostaux": ["30110"],
    },
    {
        "code": "27229",
        "nom": "Évreux",
        "departement": "27",
        "region": "28",
        "type": "commune-actuelle",
        "codesPostaux": ["27000"],
        "population": 46_707,
    },
    {
        "code": "27198",
        "nom": "Le Val-Doré",
        "departement": "27",
        "region": "28",
        "type": "commune-deleguee",
        "chefLieu": "27198",
    },
    {
        "code": "69381",
        "nom": "Lyon 1er Arrondissement",
        "departement": "69",
        "region": "84",
        "type": "arrondissement-municipal",
        "commune": "69123",
        "codesPostaux": ["69001"],
        "population": 29_000,
    },
]

HEADER = "insee_com,lib_com,codes_qp,libs_qp,lon,lat\r\n"
QPV_ROWS = [
    '76540,Rouen,"QN07619M, QN07620M","Grammont - Saint Sever - Orléans, Les Hauts de Rouen",'
    "1.095387697894362,49.441508274598476\r\n",
    "76095,Bihorel; Rouen,QN07620M,Les Hauts de Rouen,1.1196,49.4576\r\n",
    '30132,"Branoux-les-Taillades; La Grand-Combe;\r\n  Les Salles-du-Gardon",QN03016M,'
    '"La Grand-Combe; les Salles du Gardon\r\n  et Branoux Les Taillades",'
    "4.030096963292898,44.22775814949713\r\n",
    "99999,Nulle-Part,QN09999M,Quartier Fantôme,2.0,47.0\r\n",
]


@pytest.fixture
def node_modules(tmp_path: Path) -> Path:
    return tmp_path / "node_modules"


@pytest.fixture
def write_communes(node_modules: Path) -> Callable[..., Path]:
    """write_communes(entries, version) → the communes.json of a fake npm package."""

    def write(entries: list[dict[str, Any]] | None = None, version: str = "6.0.0") -> Path:
        package = node_modules / "@etalab" / "decoupage-administratif"
        (package / "data").mkdir(parents=True, exist_ok=True)
        (package / "package.json").write_text(json.dumps({"version": version}))
        path = package / "data" / "communes.json"
        text = json.dumps(COMMUNES if entries is None else entries, ensure_ascii=False)
        path.write_text(text, encoding="utf-8")
        return path

    return write


@pytest.fixture
def write_qpv(tmp_path: Path) -> Callable[..., Path]:
    """write_qpv(rows) → a CSV shaped like the ANCT file."""

    def write(rows: list[str] | None = None) -> Path:
        path = tmp_path / "commune_qpv.csv"
        path.write_bytes((HEADER + "".join(QPV_ROWS if rows is None else rows)).encode())
        return path

    return write
