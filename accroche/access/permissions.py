"""What each role may do. The access layer and the views ask ``actor.can(Perm.X)``."""

import enum

from accroche.organisations.roles import Role


class Perm(enum.Enum):
    VIEW_YOUTH = "view_youth"
    EDIT_YOUTH = "edit_youth"
    VIEW_PROGRAMMES = "view_programmes"
    MANAGE_PROGRAMMES = "manage_programmes"
    MANAGE_STRUCTURES = "manage_structures"
    MANAGE_MEMBERS = "manage_members"
    VIEW_AUDIT = "view_audit"
    USE_API = "use_api"
    RECORD_OUTREACH = "record_outreach"
    HANDLE_REFERRALS = "handle_referrals"
    SEND_REFERRALS = "send_referrals"
    OVERRIDE_ELIGIBILITY = "override_eligibility"
    VIEW_TERRITORY = "view_territory"
    EDIT_SERVICES = "edit_services"
    RECORD_TERRITORY = "record_territory"
    RECEIVE_HANDOFFS = "receive_handoffs"


_FIELD_WORKERS = {Role.MEDIATOR, Role.CASE_WORKER, Role.COORDINATOR}
_EVERYONE = set(Role)

ROLE_PERMISSIONS: dict[Perm, frozenset[Role]] = {
    # Partners see only what happens to their hand-offs; evaluators only aggregates;
    # the technical admin manages accounts but reads no file.
    Perm.VIEW_YOUTH: frozenset(_FIELD_WORKERS),
    Perm.EDIT_YOUTH: frozenset(_FIELD_WORKERS),
    Perm.VIEW_PROGRAMMES: frozenset(_EVERYONE),
    Perm.MANAGE_PROGRAMMES: frozenset({Role.COORDINATOR}),
    Perm.MANAGE_STRUCTURES: frozenset({Role.COORDINATOR, Role.ADMIN}),
    Perm.MANAGE_MEMBERS: frozenset({Role.COORDINATOR, Role.ADMIN}),
    # Coordinators and admins see what their own structure's people did; the DPO sees all.
    Perm.VIEW_AUDIT: frozenset({Role.COORDINATOR, Role.ADMIN, Role.DPO}),
    Perm.USE_API: frozenset(_EVERYONE),
    Perm.RECORD_OUTREACH: frozenset(_FIELD_WORKERS),
    Perm.HANDLE_REFERRALS: frozenset(_FIELD_WORKERS),
    Perm.SEND_REFERRALS: frozenset({*_FIELD_WORKERS, Role.PARTNER}),
    Perm.OVERRIDE_ELIGIBILITY: frozenset({Role.COORDINATOR}),
    # Services and territorial diagnostics hold no personal data: everyone reads them.
    Perm.VIEW_TERRITORY: frozenset(_EVERYONE),
    Perm.EDIT_SERVICES: frozenset({*_FIELD_WORKERS, Role.ADMIN}),
    Perm.RECORD_TERRITORY: frozenset({Role.COORDINATOR}),
    # A structure follows the hand-offs sent to it (partners included: their status only).
    Perm.RECEIVE_HANDOFFS: frozenset({*_FIELD_WORKERS, Role.PARTNER}),
}


def role_can(role: str, perm: Perm) -> bool:
    return role in ROLE_PERMISSIONS[perm]
