"""One inventory of a programme's fields and of its eligibility rules: who writes each.

Every concrete and many-to-many field of ``Programme`` and ``EligibilityRules`` has a
line; programmes.py and the set-up forms read their field lists from here, and
tests/organisations/test_programme_fields.py fails when a field of either model has none.
"""

from enum import StrEnum


class ProgrammeEdit(StrEnum):
    GENERAL = "general"  # the general form (do_create_programme / do_update_programme)
    SETTING = "setting"  # the same form: a delay or duration, a whole number of at least 1
    TERRITORY = "territory"  # the territory form (zones.do_set_territory)
    PARTNERS = "partners"  # through the participations (zones: add, change, remove)
    SYSTEM = "system"  # set by the code: id, lead structure (the creator's), timestamps


class RulesEdit(StrEnum):
    RULE = "rule"  # the eligibility rules form (do_set_eligibility_rules)
    SYSTEM = "system"


_G, _S = ProgrammeEdit.GENERAL, ProgrammeEdit.SETTING
PROGRAMME_INVENTORY: dict[str, ProgrammeEdit] = {
    "id": ProgrammeEdit.SYSTEM,
    "name": _G,
    "slug": _G,
    "description": _G,
    "start_date": _G,
    "end_date": _G,
    "lead_structure": ProgrammeEdit.SYSTEM,
    "total_budget": _G,
    "communes": ProgrammeEdit.TERRITORY,
    "qpvs": ProgrammeEdit.TERRITORY,
    "structures": ProgrammeEdit.PARTNERS,
    "referral_deadline_hours": _S,
    "no_contact_alert_days": _S,
    "immediate_need_alert_days": _S,
    "retention_months": _S,
    "created_at": ProgrammeEdit.SYSTEM,
}
RULES_INVENTORY: dict[str, RulesEdit] = {
    "id": RulesEdit.SYSTEM,
    "programme": RulesEdit.SYSTEM,
    "min_age": RulesEdit.RULE,
    "max_age": RulesEdit.RULE,
    "max_age_with_rqth": RulesEdit.RULE,
    "max_diploma_level": RulesEdit.RULE,
    "months_without_spe_contact": RulesEdit.RULE,
    "neet_required": RulesEdit.RULE,
    "territory_required": RulesEdit.RULE,
}

# The general form's fields, in the model's order; the settings among them.
PROGRAMME_FIELDS = tuple(name for name, edit in PROGRAMME_INVENTORY.items() if edit in (_G, _S))
SETTING_FIELDS = tuple(name for name, edit in PROGRAMME_INVENTORY.items() if edit == _S)
TERRITORY_FIELDS = tuple(
    name for name, edit in PROGRAMME_INVENTORY.items() if edit == ProgrammeEdit.TERRITORY
)
RULE_FIELDS = tuple(name for name, edit in RULES_INVENTORY.items() if edit == RulesEdit.RULE)
