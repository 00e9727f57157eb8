"""The FSE+ participant report (Regulation (EU) 2021/1057, Annex I): output indicators at
entry, result indicators upon leaving and six months after, by gender, and the
participant-level entry / exit listing a managing authority asks for.

One person is one participant, however many enrolments they had in the programme: the
entry situation is that of their first enrolment that made them a participant, the
result that of their last exit (once no enrolment is open). Entrants are the
participants whose first entry falls in the period; leavers those whose last exit does.
Every indicator counts each person once, and every breakdown (employment status, age,
ISCED) has a "not stated" line so that it adds up to the total. The mapping rules are in
``fse_rules``. Built in one query, whatever the number of enrolments."""

import datetime
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import F
from django.db.models.functions import Coalesce
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from accroche.followup.models import OutcomeKind
from accroche.reports import fse_rules as rules
from accroche.reports.filters import ReportFilter, enrolments_for
from accroche.youth.models import Gender, Nationality

GENDERS: tuple[str, ...] = (Gender.WOMAN, Gender.MAN, Gender.NON_BINARY, Gender.NOT_STATED)
GENDER_HEADERS: dict[str, Promise] = {
    Gender.WOMAN: _("Femmes"),
    Gender.MAN: _("Hommes"),
    Gender.NON_BINARY: _("Non-binaires"),
    Gender.NOT_STATED: _("Genre non précisé"),
}


@dataclass(frozen=True)
class Participant:
    youth_id: int
    enrolment_id: int
    gender: str
    entry_date: datetime.date
    exit_date: datetime.date | None
    exit_kind: str
    followup_situation: str
    age: int | None
    age_band: str
    employment: str
    isced: str
    disability: bool
    third_country: bool
    housing_exclusion: bool

    @property
    def flags(self) -> dict[str, bool]:
        return {
            **rules.leaving_flags(self.exit_kind),
            **rules.six_month_flags(self.followup_situation),
        }


@dataclass
class Line:
    key: str
    label: str | Promise
    counts: dict[str, int] = field(default_factory=dict)
    available: bool = True
    note: str | Promise = ""
    indent: bool = False
    youth_ids: dict[str, list[int]] = field(default_factory=dict)  # behind each count

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def by_gender(self) -> list[int]:
        return [self.counts.get(gender, 0) for gender in GENDERS]

    def cells(self) -> list[tuple[str, int]]:
        """(gender, count) in column order, for links to the records behind each count."""
        return [(gender, self.counts.get(gender, 0)) for gender in GENDERS]


@dataclass
class Section:
    key: str
    title: str | Promise
    lines: list[Line]


@dataclass
class FseReport:
    filter: ReportFilter
    entrants: list[Participant]
    leavers: list[Participant]
    too_short: int  # entered in the period, but one day of support or less
    sections: list[Section]

    def line(self, key: str) -> Line:
        return next(line for section in self.sections for line in section.lines if line.key == key)

    def youths_behind(self, key: str, gender: str = "") -> list[int]:
        """The young people a figure counts: one line, one gender or all of them."""
        try:
            line = self.line(key)
        except StopIteration:
            return []
        if gender:
            return list(line.youth_ids.get(gender, []))
        return [pk for ids in line.youth_ids.values() for pk in ids]


_FIELDS = (
    "pk",
    "youth_id",
    "entry_date",
    "entry_activity",
    "entry_resources",
    "entry_last_spe_contact_on",
    "entry_last_spe_contact_source",
    "entry_housing",
)


def _rows(f: ReportFilter) -> list[dict[str, Any]]:
    return list(
        enrolments_for(f)
        .filter(entry_date__lte=f.end)
        .annotate(
            left_on=Coalesce(F("outcome__exited_on"), F("exited_on")),
            exit_kind=F("outcome__kind"),
            followup_situation=F("outcome__followup_situation"),
            isced=F("entry_diploma_level__isced_group"),
            gender=F("youth__gender"),
            birth_date=F("youth__birth_date"),
            birth_year=F("youth__birth_year"),
            nationality=F("youth__nationality"),
            rqth=F("youth__rqth"),
        )
        .order_by("youth_id", "entry_date", "pk")
        .values(
            *_FIELDS,
            "left_on",
            "exit_kind",
            "followup_situation",
            "isced",
            "gender",
            "birth_date",
            "birth_year",
            "nationality",
            "rqth",
        )
    )


def _participant(first: dict[str, Any], last: dict[str, Any], open_: bool) -> Participant:
    age = rules.age_on(first["entry_date"], first["birth_date"], first["birth_year"])
    left = not open_ and last["left_on"] is not None
    return Participant(
        youth_id=first["youth_id"],
        enrolment_id=first["pk"],
        gender=first["gender"] or Gender.NOT_STATED,
        entry_date=first["entry_date"],
        exit_date=last["left_on"] if left else None,
        exit_kind=(last["exit_kind"] or "") if left else "",
        followup_situation=(last["followup_situation"] or "") if left else "",
        age=age,
        age_band=rules.age_band(age),
        employment=rules.employment_status(first),
        isced=rules.isced_group(first["isced"]),
        disability=bool(first["rqth"]),
        third_country=first["nationality"] == Nationality.NON_EU,
        housing_exclusion=first["entry_housing"] in rules.HOUSING_EXCLUSION,
    )


def participants(f: ReportFilter) -> tuple[list[Participant], list[Participant], int]:
    """(entrants, leavers, entered in the period without becoming a participant)."""
    by_youth: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for row in _rows(f):
        by_youth[row["youth_id"]].append(row)
    entrants, leavers, too_short = [], [], 0
    for rows in by_youth.values():
        qualifying = [r for r in rows if rules.is_participant(r["entry_date"], r["left_on"], f.end)]
        if not qualifying:
            too_short += any(f.start <= r["entry_date"] for r in rows)
            continue
        # Open at the period's end: entered and not left, or left after the end.
        open_ = any(r["left_on"] is None or r["left_on"] > f.end for r in qualifying)
        last = max(qualifying, key=lambda r: (r["left_on"] or f.end, r["pk"]))
        person = _participant(qualifying[0], last, open_)
        if f.start <= person.entry_date:
            entrants.append(person)
        if person.exit_date is not None and f.start <= person.exit_date <= f.end:
            leavers.append(person)
    return entrants, leavers, too_short


def _count(
    key: str,
    label: str | Promise,
    people: Iterable[Participant],
    test: Callable[[Participant], bool],
    indent: bool = False,
) -> Line:
    behind: dict[str, list[int]] = {gender: [] for gender in GENDERS}
    for person in people:
        if test(person):
            behind[person.gender].append(person.youth_id)
    counts = {gender: len(ids) for gender, ids in behind.items()}
    return Line(key, label, counts, indent=indent, youth_ids=behind)


def _is(attribute: str, value: str) -> Callable[[Participant], bool]:
    return lambda person: getattr(person, attribute) == value


def _missing(key: str, label: str | Promise, note: str | Promise) -> Line:
    return Line(key, label, available=False, note=note)


def _entry_lines(people: list[Participant]) -> list[Line]:
    lines = [_count("total", _("Nombre total de participants"), people, lambda p: True)]
    for status, label in rules.EMPLOYMENT_LABELS.items():
        lines.append(_count(f"employment_{status}", label, people, _is("employment", status)))
    lines.append(
        _missing(
            "long_term_unemployed",
            _("dont chômeurs de longue durée"),
            _("La durée du chômage n'est pas enregistrée."),
        )
    )
    for band in rules.AGE_BANDS:
        lines.append(_count(f"age_{band}", rules.AGE_LABELS[band], people, _is("age_band", band)))
    for group in rules.ISCED_GROUPS:
        lines.append(
            _count(f"isced_{group}", rules.ISCED_LABELS[group], people, _is("isced", group))
        )
    lines += [
        _count("disability", _("Participants handicapés (RQTH)"), people, lambda p: p.disability),
        _count(
            "third_country",
            _("Ressortissants de pays tiers (hors UE)"),
            people,
            lambda p: p.third_country,
        ),
        _missing(
            "foreign_background",
            _("Participants d'origine étrangère"),
            _("Non collecté (CNIL : nationalité seulement « Française / UE / hors UE »)."),
        ),
        _missing(
            "minorities",
            _("Minorités (y compris les communautés marginalisées)"),
            _("Non collecté."),
        ),
        _count(
            "housing_exclusion",
            _("Sans domicile ou exclus du logement"),
            people,
            lambda p: p.housing_exclusion,
        ),
        _missing(
            "rural",
            _("Participants en zone rurale"),
            _("Non disponible : les référentiels ne contiennent pas la grille de densité."),
        ),
    ]
    return lines


def _leaving_lines(people: list[Participant]) -> list[Line]:
    return [
        _count("left", _("Participants sortis dans la période"), people, lambda p: True),
        _count(
            "left_job_searching",
            _("Participants à la recherche d'un emploi (entrée en CEJ)"),
            people,
            lambda p: p.flags["job_searching"],
        ),
        _count(
            "left_education",
            _("Participants suivant un enseignement ou une formation"),
            people,
            lambda p: p.flags["education"],
        ),
        _missing(
            "left_qualification",
            _("Participants obtenant une qualification"),
            _("Non enregistré : la sortie note où va le jeune, pas un diplôme obtenu."),
        ),
        _count(
            "left_employment",
            _("Participants exerçant un emploi, y compris indépendant"),
            people,
            lambda p: p.flags["employment"],
        ),
    ]


def _six_month_lines(people: list[Participant]) -> list[Line]:
    return [
        _count(
            "six_recorded",
            _("Sortants dont la situation à 6 mois est connue"),
            people,
            lambda p: p.flags["six_recorded"],
        ),
        _count(
            "six_employment",
            _("Participants exerçant un emploi, y compris indépendant"),
            people,
            lambda p: p.flags["six_employment"],
        ),
        _count(
            "six_education",
            _("Participants en formation ou en études"),
            people,
            lambda p: p.flags["six_education"],
        ),
        _count(
            "six_job_searching",
            _("Participants en recherche d'emploi"),
            people,
            lambda p: p.flags["six_job_searching"],
        ),
        _missing(
            "six_improved",
            _("Participants dont la situation sur le marché du travail s'est améliorée"),
            _("Non enregistré."),
        ),
    ]


def fse_report(f: ReportFilter) -> FseReport:
    entrants, leavers, too_short = participants(f)
    sections = [
        Section("entry", _("Indicateurs de réalisation (à l'entrée)"), _entry_lines(entrants)),
        Section("leaving", _("Indicateurs de résultat (à la sortie)"), _leaving_lines(leavers)),
        Section(
            "six_months", _("Indicateurs de résultat à long terme (6 mois après la sortie)"),
            _six_month_lines(leavers),
        ),
    ]  # fmt: skip
    return FseReport(f, entrants, leavers, too_short, sections)


BREAKDOWNS = {
    "employment": [f"employment_{s}" for s in rules.EMPLOYMENT_LABELS],
    "age": [f"age_{b}" for b in rules.AGE_BANDS],
    "isced": [f"isced_{g}" for g in rules.ISCED_GROUPS],
}
EXIT_LABELS = dict(OutcomeKind.choices)
