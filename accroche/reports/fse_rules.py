"""How a record of Accroche maps onto the FSE+ common indicators (Regulation (EU)
2021/1057, Annex I). Each rule is a small function, so each mapping is tested and
documented in one place.

- Participant: a person whose support lasted more than one day. Days of support are
  counted inclusively (entered and left the same day = one day); an enrolment still
  open counts up to the report's end date.
- Employment status at entry, from the entry snapshot: "En emploi" → employed;
  "ni en emploi, ni en études, ni en formation" → unemployed when the young person was a
  registered job seeker (unemployment benefit, or France Travail contact in the 6 months
  before entry), otherwise inactive (the "invisible" NEET public); in education or
  training → inactive. The length of unemployment is not recorded, so "long-term
  unemployed" is reported as not available.
- Age on the entry date (the exact birth date, else the estimated birth year).
- ISCED group from the highest diploma at entry (``DiplomaLevel.isced_group``:
  infra 3 → 0–2, levels 3–4 → 3–4, levels 5–8 → 5–8).
- Disability: RQTH recorded on the file. Third-country national: nationality "hors UE".
- Homeless or housing exclusion (ETHOS typology): sleeping rough, emergency
  accommodation, squat or precarious dwelling, staying with friends or third parties.
- Upon leaving (the recorded exit): in education or training = qualifying training,
  apprenticeship, back to school; in employment incl. self-employed = lasting or short
  job, SIAE, business creation; job searching = CEJ (a public employment programme).
"""

import datetime
from typing import Any

from django.utils.translation import gettext_lazy as _

from accroche.followup.models import FollowUpSituation, OutcomeKind
from accroche.youth.models import Activity, Housing, Resources, SpeContact

UNEMPLOYED, INACTIVE, EMPLOYED, UNKNOWN = "unemployed", "inactive", "employed", "unknown"
EMPLOYMENT_LABELS = {
    UNEMPLOYED: _("Chômeurs (y compris de longue durée)"),
    INACTIVE: _("Personnes inactives"),
    EMPLOYED: _("Personnes exerçant un emploi (y compris indépendants)"),
    UNKNOWN: _("Situation non renseignée"),
}
REGISTERED_WITHIN_DAYS = 183

AGE_BANDS = ("under_18", "18_29", "30_54", "55_plus", "unknown")
AGE_LABELS = {
    "under_18": _("Moins de 18 ans"),
    "18_29": _("18–29 ans"),
    "30_54": _("30–54 ans"),
    "55_plus": _("55 ans et plus"),
    "unknown": _("Âge non renseigné"),
}

ISCED_GROUPS = ("0-2", "3-4", "5-8", "unknown")
ISCED_LABELS = {
    "0-2": _("Niveau CITE 0 à 2 (infra 3)"),
    "3-4": _("Niveau CITE 3 ou 4 (CAP, BEP, bac)"),
    "5-8": _("Niveau CITE 5 à 8 (bac + 2 et plus)"),
    "unknown": _("Diplôme non renseigné"),
}

HOUSING_EXCLUSION = frozenset({Housing.HOMELESS, Housing.EMERGENCY, Housing.SQUAT, Housing.FRIENDS})
IN_EDUCATION = frozenset(
    {OutcomeKind.QUALIFYING_TRAINING, OutcomeKind.APPRENTICESHIP, OutcomeKind.BACK_TO_SCHOOL}
)
IN_EMPLOYMENT = frozenset(
    {
        OutcomeKind.STABLE_JOB,
        OutcomeKind.SHORT_JOB,
        OutcomeKind.SIAE,
        OutcomeKind.BUSINESS_CREATION,
    }
)
JOB_SEARCHING = frozenset({OutcomeKind.CEJ})


def support_days(entry: datetime.date, exit_: datetime.date | None, until: datetime.date) -> int:
    """Days of support, counted inclusively, up to ``until`` for an open enrolment."""
    last = min(exit_, until) if exit_ else until
    return (last - entry).days + 1


def is_participant(entry: datetime.date, exit_: datetime.date | None, until: datetime.date) -> bool:
    return support_days(entry, exit_, until) > 1


def age_on(
    day: datetime.date, birth_date: datetime.date | None, birth_year: int | None
) -> int | None:
    if birth_date is not None:
        before_birthday = (day.month, day.day) < (birth_date.month, birth_date.day)
        return day.year - birth_date.year - before_birthday
    if birth_year is not None:
        return day.year - birth_year
    return None


def age_band(age: int | None) -> str:
    if age is None:
        return "unknown"
    if age < 18:
        return "under_18"
    if age <= 29:
        return "18_29"
    if age <= 54:
        return "30_54"
    return "55_plus"


def employment_status(row: dict[str, Any]) -> str:
    """``row``: the enrolment's entry snapshot (``entry_*`` fields)."""
    activity = row["entry_activity"]
    if activity == Activity.EMPLOYED:
        return EMPLOYED
    if activity in (Activity.STUDENT, Activity.TRAINING):
        return INACTIVE
    if activity != Activity.NEET:
        return UNKNOWN
    if row["entry_resources"] == Resources.UNEMPLOYMENT:
        return UNEMPLOYED
    contact_on = row["entry_last_spe_contact_on"]
    if (
        row["entry_last_spe_contact_source"] == SpeContact.FRANCE_TRAVAIL
        and contact_on is not None
        and (row["entry_date"] - contact_on).days <= REGISTERED_WITHIN_DAYS
    ):
        return UNEMPLOYED
    return INACTIVE


def isced_group(group: str | None) -> str:
    return group if group in ISCED_GROUPS else "unknown"


def leaving_flags(kind: str) -> dict[str, bool]:
    return {
        "education": kind in IN_EDUCATION,
        "employment": kind in IN_EMPLOYMENT,
        "job_searching": kind in JOB_SEARCHING,
    }


def six_month_flags(situation: str) -> dict[str, bool]:
    return {
        "six_recorded": bool(situation) and situation != FollowUpSituation.UNKNOWN,
        "six_employment": situation == FollowUpSituation.EMPLOYED,
        "six_education": situation == FollowUpSituation.TRAINING,
        "six_job_searching": situation == FollowUpSituation.JOB_SEARCHING,
    }
