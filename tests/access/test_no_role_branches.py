"""What a role may do is decided in one table (accroche/access/permissions.py); code asks
``actor.can(Perm.X)``. This scan fails when code outside that table names a role member
(``Role.ADMIN``: a comparison, a set of roles, a ``role=`` filter) or compares a role with
the string of a role value (``actor.role == "partner"``), in Python or in a template, so the
next ``if actor.role == ...`` is caught without anyone remembering to look for it."""

import ast
import re
from pathlib import Path

from accroche.access.roles import Role

ROOT = Path(__file__).resolve().parents[2] / "accroche"
# The table itself, the enum, and code that picks demo or synthetic people by role (a data
# choice, not a rule); migrations hold only the choices.
ALLOWED = (
    "access/roles.py",
    "access/permissions.py",
    "demo/",
    "synthetic/",
    "migrations/",
)
MEMBER_NAMES = set(Role.names)
ROLE_VALUES = set(Role.values)


def _is_roleish(node: ast.AST) -> bool:
    """``role``, ``actor.role``, ``membership_role``, ``m.role``: what holds a role value."""
    name = (
        node.id
        if isinstance(node, ast.Name)
        else node.attr
        if isinstance(node, ast.Attribute)
        else ""
    )
    return name == "role" or name.endswith("_role")


def _role_literals(node: ast.AST) -> list[str]:
    """The role values written as strings in ``node`` (itself, or a tuple/list/set of them)."""
    items = node.elts if isinstance(node, (ast.Tuple, ast.List, ast.Set)) else [node]
    return [
        item.value
        for item in items
        if isinstance(item, ast.Constant) and isinstance(item.value, str)
        if item.value in ROLE_VALUES
    ]


def role_branches(source: str, filename: str = "<code>") -> list[str]:
    """Where ``source`` decides something by naming a role instead of asking a permission."""
    found = []
    for node in ast.walk(ast.parse(source, filename)):
        if (
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name)
            and node.value.id == "Role"
            and node.attr in MEMBER_NAMES
        ):
            found.append(f"{filename}:{node.lineno}: Role.{node.attr}")
        elif isinstance(node, ast.Compare):
            operands = [node.left, *node.comparators]
            if any(_is_roleish(o) for o in operands):
                for literal in (v for o in operands for v in _role_literals(o)):
                    found.append(f"{filename}:{node.lineno}: role compared with {literal!r}")
        elif isinstance(node, ast.Call):
            for keyword in node.keywords:
                if keyword.arg in ("role", "role__in") and _role_literals(keyword.value):
                    found.append(f"{filename}:{node.lineno}: {keyword.arg}= a role literal")
    return found


# {% if actor.role == "mediator" %}, {% if m.role in roles %}, {% if role != "dpo" %}…
_TEMPLATE_BRANCH = re.compile(
    r"{%-?\s*(?:if|elif)\b[^%]*?\brole\b\s*(?:==|!=|\bin\b|\bnot in\b)"
    r"|{%-?\s*(?:if|elif)\b[^%]*?(?:==|!=|\bin\b)\s*['\"](?:" + "|".join(ROLE_VALUES) + r")['\"]"
)


def template_role_branches(text: str, filename: str = "<template>") -> list[str]:
    return [
        f"{filename}:{text.count(chr(10), 0, m.start()) + 1}: {m.group(0)}"
        for m in _TEMPLATE_BRANCH.finditer(text)
    ]


def _allowed(path: Path) -> bool:
    relative = path.relative_to(ROOT).as_posix()
    return any(relative.startswith(a) or f"/{a}" in f"/{relative}" for a in ALLOWED)


def test_no_code_decides_by_role():
    found = [
        hit
        for path in sorted(ROOT.rglob("*.py"))
        if not _allowed(path)
        for hit in role_branches(path.read_text(), str(path.relative_to(ROOT.parent)))
    ]
    assert found == [], (
        "Decide with a permission (accroche/access/permissions.py, docs/howto/add-a-role.md), "
        "not with a role:\n" + "\n".join(found)
    )


def test_no_template_decides_by_role():
    found = [
        hit
        for path in sorted(ROOT.rglob("templates/**/*.html"))
        for hit in template_role_branches(path.read_text(), str(path.relative_to(ROOT.parent)))
    ]
    assert found == [], "Pass a permission to the template, not a role:\n" + "\n".join(found)


def test_the_scan_reads_the_whole_package():
    assert len([p for p in ROOT.rglob("*.py") if not _allowed(p)]) > 200
    assert len(list(ROOT.rglob("templates/**/*.html"))) > 100


# The scan itself: what it must catch, and what it must let through.
CAUGHT = [
    "if actor.role == Role.DPO: pass",
    "if actor.role != Role.MEDIATOR: pass",
    "x = actor.role in (Role.CASE_WORKER, Role.COORDINATOR)",
    "REFERENT_ROLES = (Role.CASE_WORKER, Role.COORDINATOR)",
    "Membership.objects.filter(role=Role.COORDINATOR)",
    "match role:\n    case Role.ADMIN:\n        pass",
    'if actor.role == "partner": pass',
    'if "dpo" == membership.role: pass',
    'ok = member_role not in ("admin", "coordinator")',
    'Membership.objects.filter(role__in=["mediator"])',
]
LET_THROUGH = [
    "if actor.can(Perm.VIEW_WHOLE_AUDIT_LOG): pass",
    "choices = Role.choices",
    "if role not in Role.values: pass",
    "if membership.role == role: pass",
    "labels = dict(Role.choices)",
    'if source == "partner": pass',  # a referral source, not a role
    'channel = "partner"',
    "Membership.objects.filter(role__in=roles_with(Perm.BE_REFERENT))",
]


def test_the_scan_catches_role_branches():
    for source in CAUGHT:
        assert role_branches(source), source


def test_the_scan_lets_permissions_through():
    for source in LET_THROUGH:
        assert role_branches(source) == [], source


def test_the_template_scan():
    assert template_role_branches('{% if actor.role == "mediator" %}x{% endif %}')
    assert template_role_branches("{% if m.role in roles %}x{% endif %}")
    assert template_role_branches("{% elif x != 'dpo' %}")
    assert template_role_branches("<td>{{ m.get_role_display }}</td>") == []
    assert template_role_branches('<div role="alert">{% if errors %}x{% endif %}</div>') == []
