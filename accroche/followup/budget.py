"""Budget lines: a programme's envelope in euros for a kind of aid in one year, with an
optional yearly quota in units. Coordinators of the programme's lead structure keep them;
every structure taking part reads them (amounts are not personal data)."""

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, DecimalField, ExpressionWrapper, F, Q, QuerySet, Sum, Value
from django.db.models.functions import Coalesce
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from accroche.access.actor import Actor
from accroche.access.permissions import Perm
from accroche.followup.common import log_create, log_update, one, text
from accroche.followup.models import COMMITTED, Aid, AidKind, AidStatus, BudgetLine
from accroche.organisations.programmes import programmes_editable_by
from accroche.youth.enrolments import enrolment_programmes

OBJECT_TYPE = "budget_line"
FIELDS = ("label", "kind", "year", "envelope", "unit_quota")
AMOUNT: "DecimalField[Decimal, Decimal]" = DecimalField(max_digits=12, decimal_places=2)
ZERO = Value(Decimal("0"), output_field=AMOUNT)


def euros(amount: Decimal) -> str:
    return f"{number_format(amount, decimal_pos=2, use_l10n=True, force_grouping=True)} €"


def budget_lines_visible_to(actor: Actor) -> QuerySet[BudgetLine]:
    if not actor.can(Perm.VIEW_PROGRAMMES):
        return BudgetLine.objects.none()
    return BudgetLine.objects.filter(programme__in=enrolment_programmes(actor))


def budget_lines_editable_by(actor: Actor) -> QuerySet[BudgetLine]:
    return BudgetLine.objects.filter(programme__in=programmes_editable_by(actor))


def get_budget_line(actor: Actor, pk: int, *, edit: bool = False) -> BudgetLine:
    qs = budget_lines_editable_by(actor) if edit else budget_lines_visible_to(actor)
    return one(with_usage(qs.select_related("programme")), pk)


def with_usage(qs: QuerySet[BudgetLine]) -> QuerySet[BudgetLine]:
    """Amounts and units committed (approved or paid) and waiting for a decision."""
    committed = Q(aids__status__in=COMMITTED)
    waiting = Q(aids__status=AidStatus.REQUESTED)
    spent = Coalesce(Sum("aids__amount", filter=committed), ZERO)
    return qs.annotate(
        committed_amount=spent,
        remaining=ExpressionWrapper(F("envelope") - spent, output_field=AMOUNT),
        committed_units=Count("aids", filter=committed),
        pending_amount=Coalesce(Sum("aids__amount", filter=waiting), ZERO),
        pending_units=Count("aids", filter=waiting),
    )


def committed(line: BudgetLine, *, excluding: int | None = None) -> tuple[Decimal, int]:
    """(euros, units) approved or paid on the line, read now from the database."""
    qs = Aid.objects.filter(budget_line=line, status__in=COMMITTED)
    if excluding is not None:
        qs = qs.exclude(pk=excluding)
    found = qs.aggregate(total=Coalesce(Sum("amount"), ZERO), units=Count("pk"))
    return found["total"], found["units"]


def over_budget(line: BudgetLine, amount: Decimal, *, excluding: int | None = None) -> list[str]:
    """Why one more aid of ``amount`` does not fit in the line (empty if it does)."""
    spent, units = committed(line, excluding=excluding)
    problems = []
    if line.unit_quota is not None and units + 1 > line.unit_quota:
        problems.append(
            _(
                "Le quota de « %(line)s » est atteint : %(quota)s aides déjà accordées en "
                "%(year)s. La demande est refusée."
            )
            % {"line": line.label, "quota": line.unit_quota, "year": line.year}
        )
    left = line.envelope - spent
    if amount > left:
        problems.append(
            _(
                "Il reste %(left)s sur « %(line)s » (enveloppe de %(envelope)s) : une aide de "
                "%(amount)s dépasse l'enveloppe. La demande est refusée."
            )
            % {
                "left": euros(max(left, Decimal("0"))),
                "line": line.label,
                "envelope": euros(line.envelope),
                "amount": euros(amount),
            }
        )
    return problems


def validate_line(data: dict[str, Any]) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if not text(data, "label"):
        errors["label"] = [_("Donnez un libellé à la ligne (par exemple « Permis AM »).")]
    if data.get("kind") not in AidKind.values:
        errors["kind"] = [_("Choisissez le type d'aide.")]
    year = data.get("year")
    if year is None or not 2000 <= year <= 2100:
        errors["year"] = [_("Indiquez l'année (par exemple 2026).")]
    envelope = data.get("envelope")
    if envelope is None or envelope < 0:
        errors["envelope"] = [_("Indiquez l'enveloppe en euros.")]
    quota = data.get("unit_quota")
    if quota is not None and quota < 1:
        errors["unit_quota"] = [_("Le quota est d'au moins une aide, ou laissez vide.")]
    return errors


def _save(line: BudgetLine) -> None:
    try:
        with transaction.atomic():
            line.save()
    except IntegrityError as exc:
        raise ValidationError({"label": [_("Ce libellé existe déjà pour cette année.")]}) from exc


@transaction.atomic
def do_create_budget_line(actor: Actor, data: dict[str, Any]) -> BudgetLine:
    actor.require(Perm.MANAGE_PROGRAMMES)
    errors = validate_line(data)
    programme = data.get("programme")
    if programme is None or not programmes_editable_by(actor).filter(pk=programme.pk).exists():
        errors["programme"] = [_("Choisissez un dispositif que porte votre structure.")]
    if errors:
        raise ValidationError(errors)
    line = BudgetLine(programme=programme, **{f: data.get(f) for f in FIELDS})
    line.label = text(data, "label")
    _save(line)
    log_create(actor, OBJECT_TYPE, line, FIELDS)
    return line


@transaction.atomic
def do_update_budget_line(actor: Actor, line: BudgetLine, data: dict[str, Any]) -> BudgetLine:
    """``line`` from ``get_budget_line(..., edit=True)``. The envelope and the quota never
    go below what is already committed; the year and kind stay once aid is charged."""
    actor.require(Perm.MANAGE_PROGRAMMES)
    current = BudgetLine.objects.select_for_update().get(pk=line.pk)
    errors = validate_line(data)
    spent, units = committed(current)
    if not errors:
        if data["envelope"] < spent:
            errors["envelope"] = [
                _("%(spent)s sont déjà engagés : l'enveloppe ne peut pas être plus petite.")
                % {"spent": euros(spent)}
            ]
        quota = data.get("unit_quota")
        if quota is not None and quota < units:
            errors["unit_quota"] = [
                _("%(n)s aides sont déjà accordées : le quota ne peut pas être plus petit.")
                % {"n": units}
            ]
        charged = current.aids.exists()
        if charged and (data["year"] != current.year or data["kind"] != current.kind):
            errors["year"] = [
                _("Des aides sont déjà imputées sur cette ligne : l'année et le type restent.")
            ]
    if errors:
        raise ValidationError(errors)
    changed = [f for f in FIELDS if getattr(current, f) != data.get(f)]
    for field in FIELDS:
        setattr(line, field, data.get(field))
    line.label = text(data, "label")
    _save(line)
    log_update(actor, OBJECT_TYPE, line, changed)
    return line
