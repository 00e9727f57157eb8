"""The FSE+ report as tables (page and exports): one per group of indicators, and the
participant-level entry / exit listing for the managing authority, identified by
pseudonyms under the programme's own key (stable from one report to the next)."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from accroche.access.actor import Actor
from accroche.followup.models import FollowUpSituation, OutcomeKind
from accroche.reports import fse_rules as rules
from accroche.reports.exports import Table
from accroche.reports.fse import GENDER_HEADERS, GENDERS, FseReport, Line, Participant, Section
from accroche.reports.pseudonymise import programme_key, pseudonym
from accroche.reports.small_counts import Shown, mask_group, mask_small
from accroche.youth.models import Gender

INDICATOR_HEADERS = [
    _("Indicateur"),
    *(GENDER_HEADERS[gender] for gender in GENDERS),
    _("Total"),
    _("Remarque"),
]
LISTING_HEADERS = [
    _("Identifiant (pseudonyme)"),
    _("Date d'entrée"),
    _("Date de sortie"),
    _("Genre"),
    _("Âge à l'entrée"),
    _("Tranche d'âge"),
    _("Situation à l'entrée"),
    _("Niveau CITE"),
    _("Handicap (RQTH)"),
    _("Ressortissant de pays tiers"),
    _("Sans domicile ou exclu du logement"),
    _("Sortie vers"),
    _("En formation à la sortie"),
    _("En emploi à la sortie"),
    _("En recherche d'emploi à la sortie"),
    _("Situation à 6 mois"),
]
_GENDERS = dict(Gender.choices)
_EXITS = dict(OutcomeKind.choices)
_SITUATIONS = dict(FollowUpSituation.choices)


@dataclass(frozen=True)
class ShownLine:
    """A line's figures as one actor may see them (``small_counts``)."""

    line: Line
    cells: list[tuple[str, Shown]]  # (gender, count) in column order
    total: Shown


def shown_lines(section: Section, actor: Actor) -> list[ShownLine]:
    found = []
    for line in section.lines:
        cells, total = mask_group(line.by_gender(), line.total, actor)
        found.append(ShownLine(line, list(zip(GENDERS, cells, strict=True)), total))
    return found


def shown_people(report: FseReport, actor: Actor) -> dict[str, Shown]:
    """Entrants, leavers, and entries not counted, as the actor may see them."""
    return {
        "entrants": mask_small(len(report.entrants), actor),
        "leavers": mask_small(len(report.leavers), actor),
        "too_short": mask_small(report.too_short, actor),
    }


def indicator_tables(report: FseReport, actor: Actor) -> list[Table]:
    tables = []
    for section in report.sections:
        rows = []
        for shown in shown_lines(section, actor):
            line = shown.line
            if line.available:
                rows.append([line.label, *(n for _g, n in shown.cells), shown.total, line.note])
            else:
                rows.append([line.label, *([""] * len(GENDERS)), "", line.note])
        tables.append(Table(section.key, section.title, INDICATOR_HEADERS, rows))
    return tables


def _labels() -> dict[str, dict[str, str]]:
    """Every label translated once, not once per cell (10,000 rows × 16 columns)."""
    groups = {
        "gender": _GENDERS,
        "age": rules.AGE_LABELS,
        "employment": rules.EMPLOYMENT_LABELS,
        "isced": rules.ISCED_LABELS,
        "exit": _EXITS,
        "situation": _SITUATIONS,
    }
    return {name: {k: str(v) for k, v in labels.items()} for name, labels in groups.items()}


def _listing_row(
    key: bytes, person: Participant, labels: dict[str, dict[str, str]]
) -> list[object]:
    flags = person.flags
    left = person.exit_date is not None
    return [
        pseudonym(key, person.youth_id),
        person.entry_date,
        person.exit_date,
        labels["gender"].get(person.gender, ""),
        person.age,
        labels["age"][person.age_band],
        labels["employment"][person.employment],
        labels["isced"][person.isced],
        person.disability,
        person.third_country,
        person.housing_exclusion,
        labels["exit"].get(person.exit_kind, ""),
        flags["education"] if left else None,
        flags["employment"] if left else None,
        flags["job_searching"] if left else None,
        labels["situation"].get(person.followup_situation, ""),
    ]


def listing_table(report: FseReport) -> Table:
    """Entrants and leavers of the period, each person once, by entry date."""
    key = programme_key(report.filter.programme)
    people = {p.youth_id: p for p in [*report.entrants, *report.leavers]}
    ordered = sorted(people.values(), key=lambda p: (p.entry_date, p.enrolment_id))
    labels = _labels()
    rows = [_listing_row(key, person, labels) for person in ordered]
    return Table("participants", _("Liste des participants"), LISTING_HEADERS, rows)
