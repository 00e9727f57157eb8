"""What each role may do. The access layer and the views ask ``actor.can(Perm.X)``; no code
outside this table names a role (tests/access/test_no_role_branches.py). Each role lists
what it may do, one permission a line: a role missing from the table may do nothing, and
tests/access/test_roles.py fails until it is declared (docs/howto/add-a-role.md)."""

import enum

from accroche.access.roles import Role


class Perm(enum.Enum):
    VIEW_YOUTH = "view_youth"
    EDIT_YOUTH = "edit_youth"
    VIEW_PROGRAMMES = "view_programmes"
    MANAGE_PROGRAMMES = "manage_programmes"
    MANAGE_STRUCTURES = "manage_structures"
    # Edit every structure, not only one's own and the partners of the programmes it leads.
    EDIT_ANY_STRUCTURE = "edit_any_structure"
    MANAGE_MEMBERS = "manage_members"
    # Manage the members of every structure; only such a person may grant a role that does
    # the same, or change the membership of someone who holds one.
    MANAGE_ANY_MEMBERS = "manage_any_members"
    VIEW_AUDIT = "view_audit"
    # The whole audit log, every structure's events (the DPO's oversight), not only one's own.
    VIEW_WHOLE_AUDIT_LOG = "view_whole_audit_log"
    USE_API = "use_api"
    RECORD_OUTREACH = "record_outreach"
    # The home page's "Démarrer une sortie" card: street work is the mediator's day.
    OUTREACH_SHORTCUTS = "outreach_shortcuts"
    HANDLE_REFERRALS = "handle_referrals"
    SEND_REFERRALS = "send_referrals"
    # Say who asked (family, peer, school…); without it a referral is sent as a partner
    # structure, its source forced to "partner".
    NOTE_REFERRAL_SOURCE = "note_referral_source"
    OVERRIDE_ELIGIBILITY = "override_eligibility"
    # Be named the referent of a young person's path (answers for the path).
    BE_REFERENT = "be_referent"
    # Be named who carries an action of a young person's plan.
    CARRY_ACTIONS = "carry_actions"
    # "Mes jeunes" opens on the files one is referent of: a referent's caseload.
    DEFAULT_TO_OWN_CASELOAD = "default_to_own_caseload"
    # The home alerts of every path of one's structure, not only of the paths one refers.
    SEE_STRUCTURE_ALERTS = "see_structure_alerts"
    VIEW_TERRITORY = "view_territory"
    EDIT_SERVICES = "edit_services"
    # Edit the services of every structure (the directory's upkeep).
    EDIT_ANY_SERVICES = "edit_any_services"
    # Edit the services of the partners of the programmes one's structure leads.
    EDIT_PARTNER_SERVICES = "edit_partner_services"
    RECORD_TERRITORY = "record_territory"
    RECEIVE_HANDOFFS = "receive_handoffs"
    EXPORT_PERSONAL_DATA = "export_personal_data"
    ERASE_YOUTH = "erase_youth"
    # Be told a file of one's structure that no referent follows is due for anonymisation.
    RECEIVE_RETENTION_NOTICES = "receive_retention_notices"
    VIEW_REPORTS = "view_reports"
    VIEW_FUNDER_REPORTS = "view_funder_reports"
    VIEW_PARTICIPANT_LISTING = "view_participant_listing"
    EXPORT_PSEUDONYMISED = "export_pseudonymised"
    VIEW_TRANSFERS = "view_transfers"
    # Counts of 1 to 4 people on reports: only for those who may read the files anyway
    # (accroche.reports.small_counts); everyone else sees "< 5".
    SEE_SMALL_COUNTS = "see_small_counts"
    # Propose projects to a call open to one's structure, edit them until the decision,
    # report their figures once retained.
    PROPOSE_PROJECTS = "propose_projects"


# Services and territorial diagnostics hold no personal data, programmes are the
# consortium's shared set-up: every role reads them, each saying so below.
ROLE_PERMISSIONS: dict[Role, frozenset[Perm]] = {
    # Street work: contacts, referrals, the young people of the zone.
    Role.MEDIATOR: frozenset(
        {
            Perm.VIEW_YOUTH,
            Perm.EDIT_YOUTH,
            Perm.VIEW_PROGRAMMES,
            Perm.USE_API,
            Perm.RECORD_OUTREACH,
            Perm.OUTREACH_SHORTCUTS,
            Perm.HANDLE_REFERRALS,
            Perm.SEND_REFERRALS,
            Perm.NOTE_REFERRAL_SOURCE,
            Perm.CARRY_ACTIONS,
            Perm.VIEW_TERRITORY,
            Perm.EDIT_SERVICES,
            Perm.RECEIVE_HANDOFFS,
            Perm.VIEW_REPORTS,
            Perm.SEE_SMALL_COUNTS,
        }
    ),
    # Follows young people as their referent; hands them a copy of their file.
    Role.CASE_WORKER: frozenset(
        {
            Perm.VIEW_YOUTH,
            Perm.EDIT_YOUTH,
            Perm.VIEW_PROGRAMMES,
            Perm.USE_API,
            Perm.RECORD_OUTREACH,
            Perm.HANDLE_REFERRALS,
            Perm.SEND_REFERRALS,
            Perm.NOTE_REFERRAL_SOURCE,
            Perm.BE_REFERENT,
            Perm.CARRY_ACTIONS,
            Perm.DEFAULT_TO_OWN_CASELOAD,
            Perm.VIEW_TERRITORY,
            Perm.EDIT_SERVICES,
            Perm.RECEIVE_HANDOFFS,
            Perm.EXPORT_PERSONAL_DATA,
            Perm.VIEW_REPORTS,
            Perm.SEE_SMALL_COUNTS,
        }
    ),
    # Leads the programme and the structure's team: set-up, members, eligibility
    # overrides, erasure, the participant listing, the audit of the structure's people.
    Role.COORDINATOR: frozenset(
        {
            Perm.VIEW_YOUTH,
            Perm.EDIT_YOUTH,
            Perm.VIEW_PROGRAMMES,
            Perm.MANAGE_PROGRAMMES,
            Perm.MANAGE_STRUCTURES,
            Perm.MANAGE_MEMBERS,
            Perm.VIEW_AUDIT,
            Perm.USE_API,
            Perm.RECORD_OUTREACH,
            Perm.HANDLE_REFERRALS,
            Perm.SEND_REFERRALS,
            Perm.NOTE_REFERRAL_SOURCE,
            Perm.OVERRIDE_ELIGIBILITY,
            Perm.BE_REFERENT,
            Perm.CARRY_ACTIONS,
            Perm.SEE_STRUCTURE_ALERTS,
            Perm.VIEW_TERRITORY,
            Perm.EDIT_SERVICES,
            Perm.EDIT_PARTNER_SERVICES,
            Perm.RECORD_TERRITORY,
            Perm.RECEIVE_HANDOFFS,
            Perm.EXPORT_PERSONAL_DATA,
            Perm.ERASE_YOUTH,
            Perm.RECEIVE_RETENTION_NOTICES,
            Perm.VIEW_REPORTS,
            Perm.VIEW_FUNDER_REPORTS,
            Perm.VIEW_PARTICIPANT_LISTING,
            Perm.EXPORT_PSEUDONYMISED,
            Perm.SEE_SMALL_COUNTS,
            Perm.PROPOSE_PROJECTS,
        }
    ),
    # Sends referrals as a structure and sees what became of the hand-offs addressed to
    # it (their status only); reads no file.
    Role.PARTNER: frozenset(
        {
            Perm.VIEW_PROGRAMMES,
            Perm.USE_API,
            Perm.SEND_REFERRALS,
            Perm.VIEW_TERRITORY,
            Perm.RECEIVE_HANDOFFS,
            Perm.VIEW_REPORTS,
            Perm.PROPOSE_PROJECTS,
        }
    ),
    # Aggregates and the pseudonymised export, never a record.
    Role.EVALUATOR: frozenset(
        {
            Perm.VIEW_PROGRAMMES,
            Perm.USE_API,
            Perm.VIEW_TERRITORY,
            Perm.VIEW_REPORTS,
            Perm.VIEW_FUNDER_REPORTS,
            Perm.EXPORT_PSEUDONYMISED,
        }
    ),
    # The technical admin: accounts, structures and the services directory of the whole
    # consortium, the audit of their own structure; reads no file.
    Role.ADMIN: frozenset(
        {
            Perm.VIEW_PROGRAMMES,
            Perm.MANAGE_STRUCTURES,
            Perm.EDIT_ANY_STRUCTURE,
            Perm.MANAGE_MEMBERS,
            Perm.MANAGE_ANY_MEMBERS,
            Perm.VIEW_AUDIT,
            Perm.USE_API,
            Perm.VIEW_TERRITORY,
            Perm.EDIT_SERVICES,
            Perm.EDIT_ANY_SERVICES,
        }
    ),
    # The data-protection officer: who read what, across the consortium; reads no file.
    Role.DPO: frozenset(
        {
            Perm.VIEW_PROGRAMMES,
            Perm.VIEW_AUDIT,
            Perm.VIEW_WHOLE_AUDIT_LOG,
            # Files shared outside their consortium, with the reason: the DPO reviews them.
            Perm.VIEW_TRANSFERS,
            Perm.USE_API,
            Perm.VIEW_TERRITORY,
        }
    ),
}

# By stored value: ``Membership.role`` is a plain string.
_BY_VALUE: dict[str, frozenset[Perm]] = {
    role.value: perms for role, perms in ROLE_PERMISSIONS.items()
}


def role_can(role: str, perm: Perm) -> bool:
    """A role the table does not declare may do nothing."""
    return perm in _BY_VALUE.get(role, frozenset())


def roles_with(perm: Perm) -> tuple[Role, ...]:
    """The roles holding ``perm``, in declaration order (a stable ``role__in`` filter)."""
    return tuple(role for role in Role if role_can(role, perm))
