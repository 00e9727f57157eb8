"""A programme's funders (amounts and shares) and its numbered targets."""

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accroche.access.actor import Actor
from accroche.organisations.models import Funding, Programme, Target
from accroche.organisations.programmes import require_edit


def percent(value: Decimal) -> str:
    """12.50 → '12,5' (French decimal comma, no trailing zeros)."""
    return f"{value:.2f}".rstrip("0").rstrip(".").replace(".", ",")


def validate_funding(row: Mapping[str, Any]) -> None:
    errors: dict[str, str] = {}
    if not (row.get("funder") or "").strip():
        errors["funder"] = _("Indiquez le nom du financeur.")
    if row.get("kind") not in Funding.FunderKind.values:
        errors["kind"] = _("Choisissez le type de financeur.")
    amount = row.get("amount")
    if amount is None or amount < 0:
        errors["amount"] = _("Indiquez un montant positif ou nul.")
    share = row.get("share")
    if share is None or not 0 <= share <= 100:
        errors["share"] = _("Indiquez une part entre 0 et 100 %.")
    if errors:
        raise ValidationError(errors)


def _validate_rows(
    rows: Sequence[Mapping[str, Any]], validate: Any, errors: dict[str, list[str]]
) -> None:
    for number, row in enumerate(rows, start=1):
        try:
            validate(row)
        except ValidationError as exc:
            for field, messages in exc.message_dict.items():
                errors.setdefault(field, []).extend(
                    _("Ligne %(n)s : %(message)s") % {"n": number, "message": m} for m in messages
                )


@transaction.atomic
def do_set_fundings(
    actor: Actor, programme: Programme, rows: Sequence[Mapping[str, Any]]
) -> list[Funding]:
    """Replace the programme's funders with ``rows`` (funder, kind, amount, share)."""
    require_edit(actor, programme)
    errors: dict[str, list[str]] = {}
    _validate_rows(rows, validate_funding, errors)
    if not errors:
        total = sum((row["share"] for row in rows), Decimal("0"))
        if total > 100:
            errors["share"] = [
                _("La somme des parts des financeurs dépasse 100 %% (%(total)s %%).")
                % {"total": percent(total)}
            ]
    if errors:
        raise ValidationError(errors)
    programme.fundings.all().delete()
    return Funding.objects.bulk_create(
        Funding(
            programme=programme,
            funder=row["funder"].strip(),
            kind=row["kind"],
            amount=row["amount"],
            share=row["share"],
        )
        for row in rows
    )


def validate_target(row: Mapping[str, Any]) -> None:
    errors: dict[str, str] = {}
    if row.get("indicator") not in Target.Indicator.values:
        errors["indicator"] = _("Choisissez l'indicateur.")
    minimum, maximum = row.get("minimum"), row.get("maximum")
    if minimum is None or minimum < 0:
        errors["minimum"] = _("Indiquez un nombre positif ou nul.")
    elif maximum is not None and maximum < minimum:
        errors["maximum"] = _("L'objectif maximum doit être supérieur ou égal au minimum.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def do_set_targets(
    actor: Actor, programme: Programme, rows: Sequence[Mapping[str, Any]]
) -> list[Target]:
    """Replace the programme's targets with ``rows`` (indicator, minimum, maximum)."""
    require_edit(actor, programme)
    errors: dict[str, list[str]] = {}
    _validate_rows(rows, validate_target, errors)
    indicators = [row.get("indicator") for row in rows]
    twice = sorted({i for i in indicators if indicators.count(i) > 1 and i})
    if twice:
        labels = ", ".join(str(Target.Indicator(i).label) for i in twice)
        errors.setdefault("indicator", []).append(
            _("Un indicateur ne peut avoir qu'un objectif : %(labels)s.") % {"labels": labels}
        )
    if errors:
        raise ValidationError(errors)
    programme.targets.all().delete()
    return Target.objects.bulk_create(
        Target(
            programme=programme,
            indicator=row["indicator"],
            minimum=row["minimum"],
            maximum=row.get("maximum"),
        )
        for row in rows
    )
