"""Loading the official reference lists into the database.

Every loader is idempotent: run it again on the same file and nothing changes; run it on a
newer vintage and rows are updated in place (same primary key), so that whatever points to
them keeps pointing to them. Rows that vanish from a file are never deleted.
"""

import csv
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import models, transaction
from django.utils.translation import gettext_noop

from accroche.territory.models import Commune, DiplomaLevel, Qpv, Theme, ThemeCategory

BATCH_SIZE = 2_000
COMMUNE_TYPES = frozenset({"commune-actuelle", "arrondissement-municipal"})
# What the communes loader owns; latitude and longitude belong to the QPV loader.
COMMUNE_FIELDS = ("name", "department", "region", "postcodes", "population", "vintage")
QPV_VINTAGE = "2024"
QPV_FILE = Path(__file__).resolve().parent / "data" / "commune_qpv_2024.csv"


class ReferenceFileMissing(FileNotFoundError):
    """A reference file is not where it should be; ``hint`` says how to get it."""

    def __init__(self, path: Path, hint: str) -> None:
        super().__init__(f"{path} not found: {hint}")
        self.path = path
        self.hint = hint


@dataclass
class LoadResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0

    def count(self, state: str) -> None:
        setattr(self, state, getattr(self, state) + 1)

    def __str__(self) -> str:
        text = f"{self.created} created, {self.updated} updated, {self.unchanged} unchanged"
        return f"{text}, {self.skipped} skipped" if self.skipped else text


def _upsert(
    model: type[models.Model], lookup: dict[str, Any], values: dict[str, Any]
) -> tuple[Any, str]:
    """Create or update one row; returns it and "created", "updated" or "unchanged"."""
    obj = model._default_manager.filter(**lookup).first()
    if obj is None:
        return model._default_manager.create(**lookup, **values), "created"
    changed = [name for name, value in values.items() if getattr(obj, name) != value]
    if not changed:
        return obj, "unchanged"
    for name in changed:
        setattr(obj, name, values[name])
    obj.save(update_fields=changed)
    return obj, "updated"


# --- Communes (npm package @etalab/decoupage-administratif) ---------------------------------


def communes_file() -> Path:
    return (
        Path(settings.NODE_MODULES_DIR)
        / "@etalab"
        / "decoupage-administratif"
        / "data"
        / "communes.json"
    )


def _package_version(data_file: Path) -> str:
    """The npm package version, from the package.json next to its ``data/`` folder."""
    package_json = data_file.parent.parent / "package.json"
    if not package_json.exists():
        raise ReferenceFileMissing(package_json, "run `npm ci` first (or `make install`)")
    return str(json.loads(package_json.read_text(encoding="utf-8"))["version"])


def read_communes(path: Path, vintage: str) -> dict[str, dict[str, Any]]:
    """Current communes and municipal arrondissements by INSEE code, as model field values."""
    with path.open(encoding="utf-8") as file:
        entries = json.load(file)
    communes: dict[str, dict[str, Any]] = {}
    for entry in entries:
        if entry.get("type") not in COMMUNE_TYPES:
            continue
        population = entry.get("population")
        communes[entry["code"]] = {
            "name": entry["nom"],
            "department": entry["departement"],
            "region": entry.get("region") or "",
            "postcodes": list(entry.get("codesPostaux") or []),
            "population": int(population) if population is not None else None,
            "vintage": vintage,
        }
    return communes


@transaction.atomic
def load_communes(path: Path | str | None = None, *, vintage: str | None = None) -> LoadResult:
    """Communes from the COG as packaged by Etalab; the vintage is the package version."""
    path = Path(path) if path else communes_file()
    if not path.exists():
        raise ReferenceFileMissing(path, "run `npm ci` first (or `make install`)")
    rows = read_communes(path, vintage or _package_version(path))
    existing = {
        code: values
        for code, *values in Commune.objects.values_list("code", *COMMUNE_FIELDS).iterator(
            chunk_size=BATCH_SIZE
        )
    }
    result = LoadResult()
    to_create: list[Commune] = []
    to_update: list[Commune] = []
    for code, values in rows.items():
        current = existing.get(code)
        if current is None:
            to_create.append(Commune(code=code, **values))
            result.created += 1
        elif current != [values[name] for name in COMMUNE_FIELDS]:
            to_update.append(Commune(code=code, **values))
            result.updated += 1
        else:
            result.unchanged += 1
    Commune.objects.bulk_create(to_create, batch_size=BATCH_SIZE)
    # An upsert on the code updates the row in place (same pk, coordinates untouched); it is
    # much faster than bulk_update when a new vintage changes every row.
    Commune.objects.bulk_create(
        to_update,
        batch_size=BATCH_SIZE,
        update_conflicts=True,
        unique_fields=["code"],
        update_fields=COMMUNE_FIELDS,
    )
    return result


# --- QPV (ANCT file, one row per commune) -------------------------------------------------


@dataclass
class QpvRow:
    """One line of the ANCT file: a commune, its QPVs and its centroid."""

    commune_code: str
    qpvs: list[tuple[str, str | None]]  # (code, name); name None when it could not be paired
    longitude: float | None = None
    latitude: float | None = None


@dataclass
class ParsedQpvFile:
    rows: list[QpvRow] = field(default_factory=list)

    def names(self) -> dict[str, str]:
        """Each QPV's name: the first row that pairs it with one, else the code itself."""
        found: dict[str, str | None] = {}
        for row in self.rows:
            for code, name in row.qpvs:
                if found.get(code) is None:
                    found[code] = name
        return {code: name or code for code, name in found.items()}


def _clean(text: str) -> str:
    """One line, single spaces: some quoted fields are wrapped over several lines."""
    return " ".join(text.split())


def _split_list(text: str) -> list[str]:
    return [part for part in (_clean(p) for p in text.split(",")) if part]


def _float(text: str) -> float | None:
    try:
        return float(text)
    except ValueError:
        return None


def _pair_qpvs(codes_text: str, names_text: str) -> list[tuple[str, str | None]]:
    codes = _split_list(codes_text)
    if len(codes) == 1:
        # A single QPV: its name is the whole field, commas included.
        return [(codes[0], _clean(names_text) or None)]
    names = [_clean(n) for n in names_text.split(", ")]
    if len(names) != len(codes):
        # A name containing ", " shifted the list: keep the codes, names from other rows.
        return [(code, None) for code in codes]
    return [(code, name or None) for code, name in zip(codes, names, strict=True)]


def read_qpv_file(path: Path) -> ParsedQpvFile:
    parsed = ParsedQpvFile()
    with path.open(encoding="utf-8-sig", newline="") as file:
        for line in csv.DictReader(file):
            commune_code = (line.get("insee_com") or "").strip()
            if commune_code.isdigit():
                commune_code = commune_code.zfill(5)  # a spreadsheet may eat the leading 0
            qpvs = _pair_qpvs(line.get("codes_qp") or "", line.get("libs_qp") or "")
            if not commune_code or not qpvs:
                continue
            parsed.rows.append(
                QpvRow(
                    commune_code,
                    qpvs,
                    longitude=_float(line.get("lon") or ""),
                    latitude=_float(line.get("lat") or ""),
                )
            )
    return parsed


@transaction.atomic
def load_qpv(path: Path | str | None = None, *, vintage: str = QPV_VINTAGE) -> LoadResult:
    """QPVs and the communes they span; also sets each listed commune's centroid.

    A row whose commune is not in the database (communes not loaded yet) is skipped. For
    every QPV in the file, its set of communes becomes exactly the file's."""
    path = Path(path) if path else QPV_FILE
    if not path.exists():
        raise ReferenceFileMissing(path, "the QPV file ships with the code; restore it")
    parsed = read_qpv_file(path)
    communes = {
        code: (pk, lat, lon)
        for code, pk, lat, lon in Commune.objects.values_list("code", "pk", "latitude", "longitude")
    }
    result = LoadResult()
    wanted: dict[str, set[int]] = {}
    centroids: list[Commune] = []
    for row in parsed.rows:
        if row.commune_code not in communes:
            result.skipped += 1
            continue
        commune_pk, latitude, longitude = communes[row.commune_code]
        for code, _name in row.qpvs:
            wanted.setdefault(code, set()).add(commune_pk)
        centroid = (row.latitude, row.longitude)
        if None not in centroid and centroid != (latitude, longitude):
            centroids.append(Commune(pk=commune_pk, latitude=row.latitude, longitude=row.longitude))
    Commune.objects.bulk_update(centroids, ["latitude", "longitude"], batch_size=BATCH_SIZE)

    names = parsed.names()
    existing = {q.code: q for q in Qpv.objects.filter(code__in=wanted)}
    to_create: list[Qpv] = []
    to_update: list[Qpv] = []
    changed: set[str] = set()
    for code in wanted:
        qpv = existing.get(code)
        if qpv is None:
            to_create.append(Qpv(code=code, name=names[code], vintage=vintage))
        elif (qpv.name, qpv.vintage) != (names[code], vintage):
            qpv.name, qpv.vintage = names[code], vintage
            to_update.append(qpv)
            changed.add(code)
    Qpv.objects.bulk_create(to_create, batch_size=BATCH_SIZE)
    Qpv.objects.bulk_update(to_update, ["name", "vintage"], batch_size=BATCH_SIZE)

    qpv_pks = dict(Qpv.objects.filter(code__in=wanted).values_list("code", "pk"))
    through = Qpv.communes.through
    current: dict[int, set[int]] = {}
    for qpv_pk, commune_pk in through._default_manager.filter(
        qpv_id__in=qpv_pks.values()
    ).values_list("qpv_id", "commune_id"):
        current.setdefault(qpv_pk, set()).add(commune_pk)
    links: list[Any] = []
    for code, commune_pks in wanted.items():
        qpv_pk = qpv_pks[code]
        have = current.get(qpv_pk, set())
        if have == commune_pks:
            continue
        if code in existing:
            changed.add(code)
        links += [through(qpv_id=qpv_pk, commune_id=pk) for pk in commune_pks - have]
        if have - commune_pks:
            through._default_manager.filter(
                qpv_id=qpv_pk, commune_id__in=have - commune_pks
            ).delete()
    through._default_manager.bulk_create(links, batch_size=BATCH_SIZE)

    result.created = len(to_create)
    result.updated = len(changed)
    result.unchanged = len(wanted) - result.created - result.updated
    return result


# --- data·inclusion themes (PyPI package data-inclusion-schema) ---------------------------


@transaction.atomic
def load_themes() -> LoadResult:
    """The data·inclusion categories and thematiques (both counted in the result)."""
    from data_inclusion.schema.v1 import Categorie, Thematique

    result = LoadResult()
    categories: dict[str, ThemeCategory] = {}
    for categorie in Categorie:
        category, state = _upsert(
            ThemeCategory, {"value": categorie.value}, {"label": categorie.label}
        )
        categories[categorie.value] = category
        result.count(state)
    for thematique in Thematique:
        # "mobilite--louer-un-vehicule" belongs to the category "mobilite".
        category = categories[thematique.value.split("--", 1)[0]]
        _theme, state = _upsert(
            Theme, {"value": thematique.value}, {"label": thematique.label, "category": category}
        )
        result.count(state)
    return result


# --- Diploma levels (décret n° 2019-14, national framework of qualifications) -------------

# The labels are stored as data, in French; gettext_noop marks them for the catalogue.
DIPLOMA_LEVELS: list[tuple[str, int, str, str]] = [
    ("infra3", 2, gettext_noop("Infra 3 : aucun diplôme ou brevet seulement"), "0-2"),
    ("3", 3, gettext_noop("Niveau 3 : CAP, BEP"), "3-4"),
    ("4", 4, gettext_noop("Niveau 4 : baccalauréat"), "3-4"),
    ("5", 5, gettext_noop("Niveau 5 : bac + 2 (BTS, DUT)"), "5-8"),
    ("6", 6, gettext_noop("Niveau 6 : licence, bachelor (bac + 3)"), "5-8"),
    ("7", 7, gettext_noop("Niveau 7 : master (bac + 5)"), "5-8"),
    ("8", 8, gettext_noop("Niveau 8 : doctorat"), "5-8"),
]


@transaction.atomic
def load_diploma_levels(levels: Iterable[tuple[str, int, str, str]] = DIPLOMA_LEVELS) -> LoadResult:
    result = LoadResult()
    for code, rank, label, isced_group in levels:
        _level, state = _upsert(
            DiplomaLevel,
            {"code": code},
            {"rank": rank, "label": label, "isced_group": isced_group},
        )
        result.count(state)
    return result
