"""Views and API endpoints never write the audit log: the access layer and the domain
readers (``read_*``, ``list_youths``, ``get_youth``...) log what they return, so reading
rows and logging them is one call that a new page cannot forget half of."""

import ast
from pathlib import Path

import accroche

ROOT = Path(accroche.__file__).parent
SCANNED = ("www", "api")
WRITERS = {"log", "log_list", "log_lists", "log_read", "log_create", "log_update"}
AUDIT_MODULES = {"accroche.access.audit"}
# (file relative to accroche/, name) -> why it must stay. Empty: nothing needs to.
ALLOWED: dict[tuple[str, str], str] = {}


def _offences(path: Path, relative: str) -> list[tuple[str, int, str]]:
    tree = ast.parse(path.read_text(), filename=str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            owner = (
                func.value.id
                if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name)
                else ""
            )
            # audit.log(...) / log_list(...): ``log`` alone is too common a name (logger.log).
            if name in WRITERS and (name != "log" or owner == "audit"):
                found.append((name, node.lineno))
        elif isinstance(node, ast.ImportFrom):
            module = node.module or ""
            names = {alias.name for alias in node.names}
            if module in AUDIT_MODULES or (module == "accroche.access" and "audit" in names):
                found.append(("import " + module, node.lineno))
            found.extend((f"import {n}", node.lineno) for n in names & WRITERS)
        elif isinstance(node, ast.Import):
            found.extend(
                ("import " + a.name, node.lineno) for a in node.names if a.name in AUDIT_MODULES
            )
    return [(relative, line, name) for name, line in found if (relative, name) not in ALLOWED]


def test_www_and_api_do_not_write_the_audit_log() -> None:
    files = [p for folder in SCANNED for p in sorted((ROOT / folder).rglob("*.py"))]
    assert len(files) > 50  # the scan really reads the views
    offences = [o for path in files for o in _offences(path, str(path.relative_to(ROOT)))]
    assert offences == [], "\n".join(f"accroche/{f}:{line}: {name}" for f, line, name in offences)


def test_the_scan_finds_a_direct_write(tmp_path: Path) -> None:
    view = tmp_path / "probe_views.py"
    view.write_text(
        "from accroche.access import audit\n"
        "from accroche.followup.common import log_list\n"
        "def page(actor, rows):\n"
        "    audit.log(actor, 'list', 'youth')\n"
        "    log_list(actor, 'aid', rows)\n"
        "    logger.log(10, 'not the audit log')\n"
    )
    found = _offences(view, "www/probe_views.py")
    assert [(line, name) for _f, line, name in found] == [
        (1, "import accroche.access"),
        (2, "import log_list"),
        (4, "log"),
        (5, "log_list"),
    ]
