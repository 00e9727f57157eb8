"""The role × permission table (accroche/access/permissions.py) is a decision: every role is
declared in it, and what each may do is written out below by hand, so a change to the
table (a new role, a new permission, one more grant) fails here until this copy is
changed too, in the same review. docs/howto/add-a-role.md says what to check."""

import pytest

from accroche.access.actor import Actor
from accroche.access.permissions import ROLE_PERMISSIONS, Perm, role_can, roles_with
from accroche.access.roles import Role
from tests.factories.organisations import MembershipFactory

COLUMNS = {
    "MED": Role.MEDIATOR,
    "CW": Role.CASE_WORKER,
    "COO": Role.COORDINATOR,
    "PAR": Role.PARTNER,
    "EVA": Role.EVALUATOR,
    "ADM": Role.ADMIN,
    "DPO": Role.DPO,
}

# x: granted, .: not. Reviewed against the table and the role branches it replaced
# (admin, DPO, coordinator, case worker, mediator and partner specifics).
EXPECTED = """
                              MED  CW  COO PAR EVA ADM DPO
    VIEW_YOUTH                  x   x   x   .   .   .   .
    EDIT_YOUTH                  x   x   x   .   .   .   .
    VIEW_PROGRAMMES             x   x   x   x   x   x   x
    MANAGE_PROGRAMMES           .   .   x   .   .   .   .
    MANAGE_STRUCTURES           .   .   x   .   .   x   .
    EDIT_ANY_STRUCTURE          .   .   .   .   .   x   .
    MANAGE_MEMBERS              .   .   x   .   .   x   .
    MANAGE_ANY_MEMBERS          .   .   .   .   .   x   .
    VIEW_AUDIT                  .   .   x   .   .   x   x
    VIEW_WHOLE_AUDIT_LOG        .   .   .   .   .   .   x
    USE_API                     x   x   x   x   x   x   x
    RECORD_OUTREACH             x   x   x   .   .   .   .
    OUTREACH_SHORTCUTS          x   .   .   .   .   .   .
    HANDLE_REFERRALS            x   x   x   .   .   .   .
    SEND_REFERRALS              x   x   x   x   .   .   .
    NOTE_REFERRAL_SOURCE        x   x   x   .   .   .   .
    OVERRIDE_ELIGIBILITY        .   .   x   .   .   .   .
    BE_REFERENT                 .   x   x   .   .   .   .
    CARRY_ACTIONS               x   x   x   .   .   .   .
    DEFAULT_TO_OWN_CASELOAD     .   x   .   .   .   .   .
    SEE_STRUCTURE_ALERTS        .   .   x   .   .   .   .
    VIEW_TERRITORY              x   x   x   x   x   x   x
    EDIT_SERVICES               x   x   x   .   .   x   .
    EDIT_ANY_SERVICES           .   .   .   .   .   x   .
    EDIT_PARTNER_SERVICES       .   .   x   .   .   .   .
    RECORD_TERRITORY            .   .   x   .   .   .   .
    RECEIVE_HANDOFFS            x   x   x   x   .   .   .
    EXPORT_PERSONAL_DATA        .   x   x   .   .   .   .
    ERASE_YOUTH                 .   .   x   .   .   .   .
    RECEIVE_RETENTION_NOTICES   .   .   x   .   .   .   .
    VIEW_REPORTS                x   x   x   x   x   .   .
    VIEW_FUNDER_REPORTS         .   .   x   .   x   .   .
    VIEW_PARTICIPANT_LISTING    .   .   x   .   .   .   .
    EXPORT_PSEUDONYMISED        .   .   x   .   x   .   .
    VIEW_TRANSFERS              .   .   .   .   .   .   x
    SEE_SMALL_COUNTS            x   x   x   .   .   .   .
    PROPOSE_PROJECTS            .   .   x   x   .   .   .
"""


def expected_grants() -> dict[str, dict[Role, bool]]:
    header, *rows = EXPECTED.strip().splitlines()
    roles = [COLUMNS[code] for code in header.split()]
    grants = {}
    for row in rows:
        name, *marks = row.split()
        assert len(marks) == len(roles), row
        assert set(marks) <= {"x", "."}, row
        assert name not in grants, f"{name} is written twice"
        grants[name] = {role: mark == "x" for role, mark in zip(roles, marks, strict=True)}
    return grants


def test_every_role_is_declared_in_the_table():
    """A new role starts with nothing, and says so: add it to ROLE_PERMISSIONS, even as
    ``frozenset()``, then to the matrix below."""
    missing = [role.name for role in Role if role not in ROLE_PERMISSIONS]
    assert missing == [], f"Roles with no entry in ROLE_PERMISSIONS: {missing}"


def test_the_matrix_is_the_one_reviewed():
    assert sorted(COLUMNS.values()) == sorted(Role), "Every role has one column in EXPECTED"
    grants = expected_grants()
    assert sorted(grants) == sorted(p.name for p in Perm), (
        "Every permission has one row in EXPECTED, no more, no less"
    )
    actual = {p.name: {role: role_can(role, p) for role in Role} for p in Perm}
    differences = [
        f"{name} for {role.name}: table {'grants' if actual[name][role] else 'refuses'}"
        for name in grants
        for role in Role
        if actual[name][role] != grants[name][role]
    ]
    assert differences == [], "\n".join(differences)


def test_a_role_missing_from_the_table_may_do_nothing(monkeypatch: pytest.MonkeyPatch):
    from accroche.access import permissions

    monkeypatch.delitem(permissions._BY_VALUE, Role.EVALUATOR.value)
    assert not any(role_can(Role.EVALUATOR, perm) for perm in Perm)
    assert not any(role_can("intern", perm) for perm in Perm)


def test_actor_can_reads_the_table():
    for role in Role:
        membership = MembershipFactory.build(role=role.value)
        actor = Actor(user=membership.user, membership=membership)
        assert {p for p in Perm if actor.can(p)} == ROLE_PERMISSIONS[role]


def test_roles_with_lists_the_holders_in_declaration_order():
    assert roles_with(Perm.BE_REFERENT) == (Role.CASE_WORKER, Role.COORDINATOR)
    assert roles_with(Perm.VIEW_PROGRAMMES) == tuple(Role)
