"""The evaluators' export: one row per young person followed in the programme during the
period who consented to evaluation (an active "évaluation" consent), pseudonymised
(``accroche.reports.pseudonymise``). No name, nickname, phone, e-mail, social handle,
birth date, address nor health or nationality detail: age band at entry, gender,
commune and QPV of residence, diploma group, situation at entry, months of entry and
exit, exit, situation six months later, number of exchanges (banded), hand-off to the
public employment service. Small categories (fewer than 5 people) are masked column by
column. Three queries."""

from dataclasses import dataclass
from typing import Any

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

HEADERS = [
    _("Pseudonyme"),
    _("Genre"),
    _("Tranche d'âge à l'entrée"),
    _("Commune de résidence"),
    _("Quartier prioritaire"),
    _("Niveau CITE"),
    _("Situation à l'entrée"),
    _("Sans domicile ou exclu du logement"),
    _("Mois d'entrée"),
    _("Mois de sortie"),
    _("Sortie vers"),
    _("Situation à 6 mois"),
    _("Nombre d'échanges dans la période"),
    _("Orienté·e vers le service public de l'emploi"),
]
# Every column but the pseudonym is a category subject to suppression.
SUPPRESSED_COLUMNS = range(1, len(HEADERS))
_GENDERS = dict(Gender.choices)
_EXITS = dict(OutcomeKind.choices)
_SITUATIONS = dict(FollowUpSituation.choices)


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


def _rows(f: ReportFilter) -> list[dict[str, Any]]:
    enrolments = (
        enrolments_for(f)
        .filter(_consenting(f), entry_date__lte=f.end)
        .annotate(left_on=Coalesce(F("outcome__exited_on"), F("exited_on")))
        .filter(Q(left_on__isnull=True) | Q(left_on__gte=f.start))
        .order_by("youth_id", "entry_date", "pk")
    )
    first: dict[int, dict[str, Any]] = {}
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
        gender=F("youth__gender"),
        birth_date=F("youth__birth_date"),
        birth_year=F("youth__birth_year"),
        commune=F("youth__residence_commune__name"),
        qpv=F("youth__residence_qpv__name"),
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
    outside_qpv = str(_("Hors QPV ou non renseigné"))
    table_rows: list[list[Any]] = []
    for row in rows:
        youth_id = row["youth_id"]
        age = rules.age_on(row["entry_date"], row["birth_date"], row["birth_year"])
        table_rows.append(
            [
                pseudonym(key, youth_id),
                labels["gender"].get(row["gender"], ""),
                age_band_label(age),
                row["commune"] or "",
                row["qpv"] or outside_qpv,
                labels["isced"][rules.isced_group(row["isced"])],
                labels["employment"][rules.employment_status(row)],
                row["entry_housing"] in rules.HOUSING_EXCLUSION,
                month(row["entry_date"]),
                month(row["left_on"]),
                labels["exit"].get(row["exit_kind"] or "", ""),
                labels["situation"].get(row["situation"] or "", ""),
                count_band(exchanges.get(youth_id, 0)),
                youth_id in handed,
            ]
        )
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
