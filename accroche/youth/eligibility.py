"""A programme's eligibility rules evaluated on a young person's file.

``evaluate`` is pure: it takes the rules and the facts as plain data and says, rule by
rule, met / not met / unknown with the data it used. Missing data gives "unknown", never
"not met": the file is then "to complete", not "not eligible".
"""

import calendar
import datetime
import enum
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import Any

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accroche.organisations.models import EligibilityRules, Programme
from accroche.youth.models import Activity, Eligibility, SpeContact, Youth


class Status(enum.StrEnum):
    MET = "met"
    NOT_MET = "not_met"
    UNKNOWN = "unknown"


def status_label(status: str) -> str:
    return {
        Status.MET: _("Rempli"),
        Status.NOT_MET: _("Non rempli"),
        Status.UNKNOWN: _("Inconnu"),
    }[Status(status)]


@dataclass(frozen=True)
class Rules:
    min_age: int
    max_age: int
    max_age_with_rqth: int | None = None
    max_diploma_rank: int | None = None
    max_diploma_label: str = ""
    months_without_spe_contact: int | None = None
    neet_required: bool = False
    territory_required: bool = False
    territory_commune_ids: frozenset[int] = frozenset()


@dataclass(frozen=True)
class Facts:
    on: datetime.date
    birth_date: datetime.date | None = None
    birth_year: int | None = None
    rqth: bool | None = None
    activity: str = ""
    diploma_rank: int | None = None
    diploma_label: str = ""
    last_spe_contact_on: datetime.date | None = None
    last_spe_contact_source: str = ""
    commune_id: int | None = None
    commune_name: str = ""


@dataclass(frozen=True)
class RuleResult:
    code: str
    label: str
    status: str
    used: str

    @property
    def status_label(self) -> str:
        return status_label(self.status)


@dataclass(frozen=True)
class Result:
    on: datetime.date
    overall: str
    rules: tuple[RuleResult, ...]

    def get_overall_display(self) -> str:
        return str(Eligibility(self.overall).label)

    def as_json(self) -> dict[str, Any]:
        return {
            "on": self.on.isoformat(),
            "overall": self.overall,
            "rules": [asdict(rule) for rule in self.rules],
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "Result | None":
        if not data:
            return None
        return cls(
            on=datetime.date.fromisoformat(data["on"]),
            overall=data["overall"],
            rules=tuple(RuleResult(**rule) for rule in data["rules"]),
        )


def age_on(birth_date: datetime.date, on: datetime.date) -> int:
    """Completed years; on the birthday itself the new age counts."""
    return on.year - birth_date.year - ((on.month, on.day) < (birth_date.month, birth_date.day))


def age_range(
    on: datetime.date, birth_date: datetime.date | None, birth_year: int | None
) -> tuple[int, int] | None:
    """The possible ages on a date: exact from a birth date, two values from a year."""
    if birth_date is not None:
        age = age_on(birth_date, on)
        return age, age
    if birth_year is not None:
        return on.year - birth_year - 1, on.year - birth_year
    return None


def months_before(day: datetime.date, months: int) -> datetime.date:
    """The same day ``months`` months earlier, or the month's last day (31 March - 1 month
    → 28 or 29 February)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    month += 1
    last = calendar.monthrange(year, month)[1]
    return datetime.date(year, month, min(day.day, last))


def _day(value: datetime.date) -> str:
    return date_format(value, "j F Y")


def _age_rule(rules: Rules, facts: Facts) -> RuleResult:
    rqth_ceiling = max(rules.max_age, rules.max_age_with_rqth or 0)
    label = _("Âge : de %(min)s à %(max)s ans") % {"min": rules.min_age, "max": rules.max_age}
    if rqth_ceiling > rules.max_age:
        label += _(", %(rqth)s ans avec une RQTH") % {"rqth": rqth_ceiling}
    ages = age_range(facts.on, facts.birth_date, facts.birth_year)
    if ages is None:
        return RuleResult(
            "age", label, Status.UNKNOWN, _("Date ou année de naissance non renseignée")
        )
    low, high = ages
    if facts.birth_date is not None:
        used = _("Né·e le %(birth)s : %(age)s ans le %(on)s") % {
            "birth": _day(facts.birth_date),
            "age": low,
            "on": _day(facts.on),
        }
    else:
        used = _("Né·e vers %(year)s : %(low)s ou %(high)s ans le %(on)s") % {
            "year": facts.birth_year,
            "low": low,
            "high": high,
            "on": _day(facts.on),
        }
    if facts.rqth is True:
        lowest_ceiling = highest_ceiling = rqth_ceiling
    elif facts.rqth is False:
        lowest_ceiling = highest_ceiling = rules.max_age
    else:
        lowest_ceiling, highest_ceiling = rules.max_age, rqth_ceiling
    if rqth_ceiling > rules.max_age:
        rqth = {True: _("oui"), False: _("non"), None: _("non renseignée")}[facts.rqth]
        used += _(" ; RQTH : %(rqth)s") % {"rqth": rqth}
    if high < rules.min_age or low > highest_ceiling:
        status = Status.NOT_MET
    elif low >= rules.min_age and high <= lowest_ceiling:
        status = Status.MET
    else:
        status = Status.UNKNOWN
    return RuleResult("age", label, status, used)


def _diploma_rule(rules: Rules, facts: Facts) -> RuleResult:
    label = _("Plus haut diplôme : jusqu'à « %(level)s »") % {"level": rules.max_diploma_label}
    if facts.diploma_rank is None:
        return RuleResult("diploma", label, Status.UNKNOWN, _("Plus haut diplôme non renseigné"))
    assert rules.max_diploma_rank is not None
    met = facts.diploma_rank <= rules.max_diploma_rank
    return RuleResult("diploma", label, Status.MET if met else Status.NOT_MET, facts.diploma_label)


def _spe_rule(rules: Rules, facts: Facts) -> RuleResult:
    months = rules.months_without_spe_contact
    assert months is not None
    label = _("Sans contact avec la Mission Locale ni France Travail depuis %(months)s mois") % {
        "months": months
    }
    if facts.last_spe_contact_source == SpeContact.NEVER:
        return RuleResult("spe_contact", label, Status.MET, _("Jamais en contact"))
    if facts.last_spe_contact_on is None:
        return RuleResult(
            "spe_contact", label, Status.UNKNOWN, _("Date du dernier contact non renseignée")
        )
    source = (
        str(SpeContact(facts.last_spe_contact_source).label)
        if facts.last_spe_contact_source
        else _("structure non précisée")
    )
    used = _("Dernier contact le %(day)s (%(source)s)") % {
        "day": _day(facts.last_spe_contact_on),
        "source": source,
    }
    met = facts.last_spe_contact_on <= months_before(facts.on, months)
    return RuleResult("spe_contact", label, Status.MET if met else Status.NOT_MET, used)


def _neet_rule(facts: Facts) -> RuleResult:
    label = _("Ni en emploi, ni en études, ni en formation")
    if not facts.activity:
        return RuleResult("neet", label, Status.UNKNOWN, _("Situation non renseignée"))
    met = facts.activity == Activity.NEET
    return RuleResult(
        "neet", label, Status.MET if met else Status.NOT_MET, str(Activity(facts.activity).label)
    )


def _territory_rule(rules: Rules, facts: Facts) -> RuleResult:
    label = _("Résider sur le territoire du dispositif")
    if not rules.territory_commune_ids:
        return RuleResult(
            "territory", label, Status.UNKNOWN, _("Le dispositif n'a pas encore de territoire")
        )
    if facts.commune_id is None:
        return RuleResult(
            "territory", label, Status.UNKNOWN, _("Commune de résidence non renseignée")
        )
    if facts.commune_id in rules.territory_commune_ids:
        return RuleResult("territory", label, Status.MET, facts.commune_name)
    return RuleResult(
        "territory",
        label,
        Status.NOT_MET,
        _("%(commune)s, hors du territoire") % {"commune": facts.commune_name},
    )


def evaluate(rules: Rules, facts: Facts) -> Result:
    results = [_age_rule(rules, facts)]
    if rules.max_diploma_rank is not None:
        results.append(_diploma_rule(rules, facts))
    if rules.months_without_spe_contact is not None:
        results.append(_spe_rule(rules, facts))
    if rules.neet_required:
        results.append(_neet_rule(facts))
    if rules.territory_required:
        results.append(_territory_rule(rules, facts))
    statuses = {rule.status for rule in results}
    if Status.NOT_MET in statuses:
        overall = Eligibility.NOT_ELIGIBLE
    elif Status.UNKNOWN in statuses:
        overall = Eligibility.INCOMPLETE
    else:
        overall = Eligibility.ELIGIBLE
    return Result(on=facts.on, overall=overall, rules=tuple(results))


# --- from the database ----------------------------------------------------------------


def stored_rules(programme: Programme) -> EligibilityRules:
    """The programme's stored rules, or the defaults of ``EligibilityRules`` when none were
    set: what the eligibility check and the flyer's ages both read."""
    return (
        EligibilityRules.objects.select_related("max_diploma_level")
        .filter(programme=programme)
        .first()
    ) or EligibilityRules(programme=programme)


def rules_of(programme: Programme) -> Rules:
    """The programme's rules (the defaults of ``EligibilityRules`` when none were set)."""
    stored = stored_rules(programme)
    level = stored.max_diploma_level
    return Rules(
        min_age=stored.min_age,
        max_age=stored.max_age,
        max_age_with_rqth=stored.max_age_with_rqth,
        max_diploma_rank=level.rank if level else None,
        max_diploma_label=level.label if level else "",
        months_without_spe_contact=stored.months_without_spe_contact,
        neet_required=stored.neet_required,
        territory_required=stored.territory_required,
        territory_commune_ids=frozenset(programme.communes.values_list("pk", flat=True)),
    )


def facts_of(youth: Youth, situation: Mapping[str, Any], on: datetime.date) -> Facts:
    """``situation`` holds the entry fields (``entry_activity``…) of an enrolment."""
    level = situation.get("entry_diploma_level")
    commune = youth.residence_commune
    return Facts(
        on=on,
        birth_date=youth.birth_date,
        birth_year=youth.birth_year,
        rqth=youth.rqth,
        activity=situation.get("entry_activity") or "",
        diploma_rank=level.rank if level else None,
        diploma_label=level.label if level else "",
        last_spe_contact_on=situation.get("entry_last_spe_contact_on"),
        last_spe_contact_source=situation.get("entry_last_spe_contact_source") or "",
        commune_id=commune.pk if commune else None,
        commune_name=commune.name if commune else "",
    )


def evaluate_for(
    youth: Youth, programme: Programme, situation: Mapping[str, Any], on: datetime.date
) -> Result:
    return evaluate(rules_of(programme), facts_of(youth, situation, on))
