"""The report in the shape of the State's "repérer et mobiliser les publics invisibles"
calls (PIC): young people spotted, mobilised, handed off to the public employment
service, entered into the CEJ, by commune and by QPV of residence, for a period.

The figures are the dashboard's (``accroche.reports.indicators``), so a figure here and
there is the same number, drilled down to the same records:

- spotted (repérés): first named contact in the programme during the period;
- mobilised: entered into the programme's follow-up during the period;
- handed off to the public employment service: a hand-off to the Mission Locale,
  France Travail or the CEJ sent during the period;
- entered into the CEJ: a hand-off to the CEJ sent, or an exit to the CEJ, in the period.

Each young person lives in one commune (or none recorded), so the rows add up to the
totals. Anonymous counts of outreach sessions have no residence: they are given apart.
Two queries per figure."""

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from accroche.access.actor import Actor
from accroche.reports.exports import Table
from accroche.reports.filters import ReportFilter
from accroche.reports.indicators import anonymous_contacts, youths_behind
from accroche.reports.small_counts import Shown, mask_group, mask_small

FIGURES: list[tuple[str, Promise]] = [
    ("identified", _("Jeunes repérés")),
    ("enrolled", _("Jeunes mobilisés (entrés en accompagnement)")),
    ("handed_off_spe", _("Jeunes orientés vers le service public de l'emploi")),
    ("cej", _("Jeunes entrés en CEJ")),
]
KEYS = [key for key, _label in FIGURES]


@dataclass
class PicRow:
    label: str
    code: str  # INSEE or QPV code, "" for "not recorded"
    pk: int | None  # for the drill-down filter
    values: dict[str, int] = field(default_factory=dict)

    def ordered(self) -> list[int]:
        return [self.values.get(key, 0) for key in KEYS]


@dataclass
class PicReport:
    filter: ReportFilter
    anonymous_contacts: int
    communes: list[PicRow]
    qpvs: list[PicRow]
    totals: dict[str, int]

    def ordered_totals(self) -> list[int]:
        return [self.totals.get(key, 0) for key in KEYS]


def _grouped(f: ReportFilter, prefix: str, unknown: str | Promise) -> list[PicRow]:
    rows: dict[int | None, PicRow] = {}
    for key in KEYS:
        counted = (
            youths_behind(f, key)
            .values(f"{prefix}_id", f"{prefix}__code", f"{prefix}__name")
            .annotate(n=Count("pk", distinct=True))
            .order_by()
        )
        for item in counted:
            pk = item[f"{prefix}_id"]
            if pk not in rows:
                label = item[f"{prefix}__name"] or str(unknown)
                rows[pk] = PicRow(label, item[f"{prefix}__code"] or "", pk)
            rows[pk].values[key] = item["n"]
    known = sorted((r for pk, r in rows.items() if pk is not None), key=lambda r: r.label)
    return known + ([rows[None]] if None in rows else [])


def pic_report(f: ReportFilter) -> PicReport:
    communes = _grouped(f, "residence_commune", _("Commune non renseignée"))
    qpvs = _grouped(f, "residence_qpv", _("Hors QPV ou non renseigné"))
    totals: dict[str, int] = defaultdict(int)
    for row in communes:
        for key, value in row.values.items():
            totals[key] += value
    return PicReport(f, anonymous_contacts(f), communes, qpvs, dict(totals))


@dataclass
class ShownPic:
    """The figures as one actor may see them (``small_counts``): each figure's column of
    communes (or QPVs) adds up to its total, so it is masked as one group."""

    anonymous_contacts: Shown
    communes: list[tuple[PicRow, list[Shown]]]
    qpvs: list[tuple[PicRow, list[Shown]]]
    totals: list[Shown]


def _shown_rows(
    rows: list[PicRow], totals: list[int], actor: Actor
) -> tuple[list[tuple[PicRow, list[Shown]]], list[Shown]]:
    columns = []
    shown_totals = []
    for j, total in enumerate(totals):
        cells, shown_total = mask_group([row.ordered()[j] for row in rows], total, actor)
        columns.append(cells)
        shown_totals.append(shown_total)
    return [(row, [column[i] for column in columns]) for i, row in enumerate(rows)], shown_totals


def shown_pic(report: PicReport, actor: Actor) -> ShownPic:
    totals = report.ordered_totals()
    communes, shown_totals = _shown_rows(report.communes, totals, actor)
    qpvs, _same_totals = _shown_rows(report.qpvs, totals, actor)
    return ShownPic(mask_small(report.anonymous_contacts, actor), communes, qpvs, shown_totals)


def pic_tables(report: PicReport, actor: Actor) -> list[Table]:
    shown = shown_pic(report, actor)
    labels = [label for _key, label in FIGURES]
    commune_rows: list[list[object]] = [[r.code, r.label, *cells] for r, cells in shown.communes]
    commune_rows.append(["", _("Total"), *shown.totals])
    qpv_rows: list[list[object]] = [[r.code, r.label, *cells] for r, cells in shown.qpvs]
    qpv_rows.append(["", _("Total"), *shown.totals])
    summary: list[list[Any]] = [
        [_("Contacts anonymes (comptages des sorties)"), shown.anonymous_contacts],
        *([label, total] for (_key, label), total in zip(FIGURES, shown.totals, strict=True)),
    ]
    return [
        Table("summary", _("Synthèse"), [_("Indicateur"), _("Nombre")], summary),
        Table("communes", _("Par commune"), [_("Code INSEE"), _("Commune"), *labels], commune_rows),
        Table("qpv", _("Par QPV"), [_("Code QPV"), _("Quartier prioritaire"), *labels], qpv_rows),
    ]
