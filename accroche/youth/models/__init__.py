from accroche.youth.models.diagnostics import Barrier, Diagnostic, Severity
from accroche.youth.models.enrolments import (
    Activity,
    Eligibility,
    EligibilityOverride,
    Enrolment,
    Housing,
    LegalBasis,
    Phase,
    PhaseChange,
    ReferentChange,
    Resources,
    SpeContact,
)
from accroche.youth.models.youth import Consent, Gender, NameCompleteness, Nationality, Youth

__all__ = [
    "Activity",
    "Barrier",
    "Consent",
    "Diagnostic",
    "Eligibility",
    "EligibilityOverride",
    "Enrolment",
    "Gender",
    "Housing",
    "LegalBasis",
    "NameCompleteness",
    "Nationality",
    "Phase",
    "PhaseChange",
    "ReferentChange",
    "Resources",
    "Severity",
    "SpeContact",
    "Youth",
]
