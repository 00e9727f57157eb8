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
    EXPORT_PERSONAL_DATA = "export_personal_data"
    ERASE_YOUTH = "erase_youth"
    VIEW_REPORTS = "view_reports"
    VIEW_FUNDER_REPORTS = "view_funder_reports"
    VIEW_PARTICIPANT_LISTING = "view_participant_listing"
    EXPORT_PSEUDONYMISED = "export_pseudonymised"
    VIEW_TRANSFERS = "view_transfers"


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
    # The young person's rights: a copy of their file (referents, coordinators); erasure
    # by a coordinator of the structure holding the file.
    Perm.EXPORT_PERSONAL_DATA: frozenset({Role.CASE_WORKER, Role.COORDINATOR}),
    Perm.ERASE_YOUTH: frozenset({Role.COORDINATOR}),
    # Steering figures are aggregates; the records behind them still need VIEW_YOUTH.
    Perm.VIEW_REPORTS: frozenset({*_FIELD_WORKERS, Role.PARTNER, Role.EVALUATOR}),
    # Funder reports: aggregates for coordinators and evaluators; the participant listing
    # and the committee's cases to review for coordinators; evaluators get the
    # pseudonymised export instead of any record.
    Perm.VIEW_FUNDER_REPORTS: frozenset({Role.COORDINATOR, Role.EVALUATOR}),
    Perm.VIEW_PARTICIPANT_LISTING: frozenset({Role.COORDINATOR}),
    Perm.EXPORT_PSEUDONYMISED: frozenset({Role.COORDINATOR, Role.EVALUATOR}),
    # Files shared outside their consortium, with the reason: the DPO reviews them all.
    Perm.VIEW_TRANSFERS: frozenset({Role.DPO}),
}


def role_can(role: str, perm: Perm) -> bool:
    return role in ROLE_PERMISSIONS[perm]
