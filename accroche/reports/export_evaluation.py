"""The evaluators' export: one row per young person followed in the programme during the
period who consented to evaluation (an active "évaluation" consent), pseudonymised
(``accroche.reports.pseudonymise``). No name, nickname, phone, e-mail, social handle,
birth date, address nor health or nationality detail: age band at entry, gender,
commune and QPV of residence, diploma group, situation at entry, months of entry and
exit, exit, situation six months later, number of exchanges (banded), hand-off to the
public employment service. Small categories (fewer than 5 people) are masked column by
column. Three queries."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import Count, F, Q
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accroche.followup.models import FollowUpSituation, HandOff, Interaction, OutcomeKind
from accroche.reports import fse_rules as rules
from accroche.reports.exports import Table
from accroche.reports.filters import ReportFilter, enrolments_for
from accroche.reports.indicators import SPE_TARGETS
from accroche.reports.pseudonymise import (
    MIN_CELL,
    SUPPRESSED,
    age_band_label,
    count_band,
    month,
    pseudonym,
    suppress_small_cells,
)
from accroche.youth.models import Consent, Gender

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

_GENDERS = dict(Gender.choices)
_EXITS = dict(OutcomeKind.choices)
_SITUATIONS = dict(FollowUpSituation.choices)


@dataclass
class _Context:
    """What every row's values are computed with (read once per export)."""

    key: bytes
    labels: dict[str, dict[str, str]]
    exchanges: dict[int, int]
    handed: set[int]
    outside_qpv: str


Row = dict[str, Any]


@dataclass(frozen=True)
class Column:
    header: "StrOrPromise"
    value: Callable[[Row, _Context], Any]
    # The fields of the young person's file it reads, as ``row["youth_<field>"]``: only
    # those accroche.youth.fields lets leave (tests/youth/test_field_inventory_uses.py).
    youth: tuple[str, ...] = ()
    # Every column but the pseudonym is a category subject to small-cell suppression.
    suppressed: bool = True


def _age_band(row: Row, c: _Context) -> str:
    birth = (row["youth_birth_date"], row["youth_birth_year"])
    return age_band_label(rules.age_on(row["entry_date"], *birth))


COLUMNS: tuple[Column, ...] = (
    Column(_("Pseudonyme"), lambda r, c: pseudonym(c.key, r["youth_id"]), suppressed=False),
    Column(_("Genre"), lambda r, c: c.labels["gender"].get(r["youth_gender"], ""), ("gender",)),
    Column(_("Tranche d'âge à l'entrée"), _age_band, ("birth_date", "birth_year")),
    Column(
        _("Commune de résidence"),
        lambda r, c: r["youth_residence_commune"] or "",
        ("residence_commune",),
    ),
    Column(
        _("Quartier prioritaire"),
        lambda r, c: r["youth_residence_qpv"] or c.outside_qpv,
        ("residence_qpv",),
    ),
    Column(_("Niveau CITE"), lambda r, c: c.labels["isced"][rules.isced_group(r["isced"])]),
    Column(
        _("Situation à l'entrée"),
        lambda r, c: c.labels["employment"][rules.employment_status(r)],
    ),
    Column(
        _("Sans domicile ou exclu du logement"),
        lambda r, c: r["entry_housing"] in rules.HOUSING_EXCLUSION,
    ),
    Column(_("Mois d'entrée"), lambda r, c: month(r["entry_date"])),
    Column(_("Mois de sortie"), lambda r, c: month(r["left_on"])),
    Column(_("Sortie vers"), lambda r, c: c.labels["exit"].get(r["exit_kind"] or "", "")),
    Column(
        _("Situation à 6 mois"), lambda r, c: c.labels["situation"].get(r["situation"] or "", "")
    ),
    Column(
        _("Nombre d'échanges dans la période"),
        lambda r, c: count_band(c.exchanges.get(r["youth_id"], 0)),
    ),
    Column(
        _("Orienté·e vers le service public de l'emploi"), lambda r, c: r["youth_id"] in c.handed
    ),
)
HEADERS = [column.header for column in COLUMNS]
SUPPRESSED_COLUMNS = [i for i, column in enumerate(COLUMNS) if column.suppressed]
# A place of residence leaves as its name, never as an id.
_YOUTH_LOOKUPS = {
    "residence_commune": "residence_commune__name",
    "residence_qpv": "residence_qpv__name",
}
YOUTH_FIELDS_READ = tuple(dict.fromkeys(name for c in COLUMNS for name in c.youth))


@dataclass
class EvaluationExport:
    tables: list[Table]
    youth_ids: list[int]
    masked: int


def _consenting(f: ReportFilter) -> Q:
    consents = Consent.objects.filter(
        purpose=Consent.Purpose.EVALUATION, withdrawn_on__isnull=True
    ).values("youth_id")
    return Q(youth_id__in=consents)


def _rows(f: ReportFilter) -> list[Row]:
    enrolments = (
        enrolments_for(f)
        .filter(_consenting(f), entry_date__lte=f.end)
        .annotate(left_on=Coalesce(F("outcome__exited_on"), F("exited_on")))
        .filter(Q(left_on__isnull=True) | Q(left_on__gte=f.start))
        .order_by("youth_id", "entry_date", "pk")
    )
    youth = {
        f"youth_{name}": F(f"youth__{_YOUTH_LOOKUPS.get(name, name)}") for name in YOUTH_FIELDS_READ
    }
    first: dict[int, Row] = {}
    for row in enrolments.values(
        "youth_id",
        "entry_date",
        "entry_activity",
        "entry_resources",
        "entry_last_spe_contact_on",
        "entry_last_spe_contact_source",
        "entry_housing",
        "left_on",
        exit_kind=F("outcome__kind"),
        situation=F("outcome__followup_situation"),
        isced=F("entry_diploma_level__isced_group"),
        **youth,
    ):
        first.setdefault(row["youth_id"], row)
    return list(first.values())


def evaluation_export(f: ReportFilter, key: bytes) -> EvaluationExport:
    rows = _rows(f)
    ids = [row["youth_id"] for row in rows]
    # A subquery, not a list of thousands of ids; a datetime range uses the index.
    exchanges = dict(
        Interaction.objects.filter(
            youth_id__in=enrolments_for(f).values("youth_id"),
            happened_at__gte=f.start_at,
            happened_at__lt=f.end_at,
        )
        .values("youth_id")
        .annotate(n=Count("pk"))
        .values_list("youth_id", "n")
    )
    handed = set(
        HandOff.objects.filter(
            enrolment__programme=f.programme, target__in=SPE_TARGETS, sent_on__isnull=False
        ).values_list("youth_id", flat=True)
    )
    labels = {  # translated once, not once per row
        "gender": {k: str(v) for k, v in _GENDERS.items()},
        "isced": {k: str(v) for k, v in rules.ISCED_LABELS.items()},
        "employment": {k: str(v) for k, v in rules.EMPLOYMENT_LABELS.items()},
        "exit": {k: str(v) for k, v in _EXITS.items()},
        "situation": {k: str(v) for k, v in _SITUATIONS.items()},
    }
    context = _Context(key, labels, exchanges, handed, str(_("Hors QPV ou non renseigné")))
    table_rows = [[column.value(row, context) for column in COLUMNS] for row in rows]
    table_rows.sort(key=lambda r: r[0])  # pseudonym order: nothing to read in the order
    masked = suppress_small_cells(table_rows, SUPPRESSED_COLUMNS)
    data = Table("evaluation", _("Données pseudonymisées"), HEADERS, table_rows)
    return EvaluationExport(
        [data, _notice(f, len(table_rows), sum(masked.values()))], ids, sum(masked.values())
    )


def _notice(f: ReportFilter, n: int, masked: int) -> Table:
    lines: list[list[Any]] = [
        [_("Dispositif"), f.programme.name],
        [_("Période"), f"{f.start:%d/%m/%Y} – {f.end:%d/%m/%Y}"],
        [_("Produit le"), timezone.localdate()],
        [_("Jeunes"), n],
        [
            _("Qui figure ici"),
            _(
                "Les jeunes suivis dans le dispositif pendant la période qui ont donné leur "
                "consentement à l'évaluation (données pseudonymisées)."
            ),
        ],
        [
            _("Pseudonymes"),
            _(
                "Code calculé (HMAC-SHA-256) à partir de l'identifiant du jeune et de la clé "
                "d'export : même clé, mêmes pseudonymes ; autre clé, pseudonymes sans lien."
            ),
        ],
        [_("Âges et dates"), _("Âge en tranches à l'entrée, dates au mois près.")],
        [
            _("Petits effectifs"),
            _(
                "Dans chaque colonne, toute valeur partagée par moins de %(n)s jeunes est "
                "remplacée par « %(mask)s »."
            )
            % {"n": MIN_CELL, "mask": SUPPRESSED},
        ],
        [_("Cellules masquées"), masked],
    ]
    return Table("notice", _("Notice"), [_("Rubrique"), _("Contenu")], lines)
