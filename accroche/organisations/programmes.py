"""Programmes: the only way to read one by who is looking, its general settings and its
eligibility rules (funders and targets: ``funding``; territory and partners: ``zones``).

Only a coordinator of the lead structure changes a programme; anyone whose structure
takes part reads it; for everyone else it does not exist (404).
"""

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_slug
from django.db import transaction
from django.db.models import Count, Prefetch, QuerySet
from django.http import Http404
from django.utils.text import slugify
from django.utils.translation import gettext as _

from accroche.access.actor import Actor
from accroche.access.permissions import Perm
from accroche.organisations.models import EligibilityRules, Participation, Programme
from accroche.organisations.programme_fields import PROGRAMME_FIELDS, RULE_FIELDS, SETTING_FIELDS
from accroche.territory.models import DiplomaLevel

AGE_BOUNDS = (14, 35)
MAX_MONTHS_WITHOUT_CONTACT = 60

# --- who may see what ---------------------------------------------------------------


def programmes_visible_to(actor: Actor) -> QuerySet[Programme]:
    """Programmes in which the actor's current structure takes part."""
    if not actor.can(Perm.VIEW_PROGRAMMES):
        return Programme.objects.none()
    # A subquery, not a join: counts annotated afterwards must see every participation.
    taking_part = Participation.objects.filter(structure_id=actor.structure_id)
    return Programme.objects.filter(pk__in=taking_part.values("programme_id"))


def programmes_editable_by(actor: Actor) -> QuerySet[Programme]:
    if not actor.can(Perm.MANAGE_PROGRAMMES):
        return Programme.objects.none()
    return Programme.objects.filter(lead_structure_id=actor.structure_id)


def can_edit_programme(actor: Actor, programme: Programme) -> bool:
    return actor.can(Perm.MANAGE_PROGRAMMES) and programme.lead_structure_id == actor.structure_id


def get_programme(actor: Actor, pk: int, *, edit: bool = False) -> Programme:
    qs = programmes_editable_by(actor) if edit else programmes_visible_to(actor)
    programme = qs.select_related("lead_structure").filter(pk=pk).first()
    if programme is None:
        raise Http404
    return programme


def list_programmes(actor: Actor) -> QuerySet[Programme]:
    return (
        programmes_visible_to(actor)
        .select_related("lead_structure")
        .annotate(structure_count=Count("participations"))
        .order_by("-start_date", "name")
    )


def with_set_up(qs: QuerySet[Programme]) -> QuerySet[Programme]:
    """Everything the summary page shows, in a fixed number of queries."""
    return qs.select_related(
        "lead_structure", "rules", "rules__max_diploma_level"
    ).prefetch_related(
        "fundings",
        "targets",
        "communes",
        "qpvs",
        Prefetch(
            "participations",
            queryset=Participation.objects.select_related("structure").prefetch_related(
                "zone_communes", "zone_qpvs"
            ),
        ),
    )


def get_participation(programme: Programme, pk: int) -> Participation:
    """``programme`` must come from ``get_programme``."""
    participation = (
        programme.participations.select_related("structure")
        .prefetch_related("zone_communes", "zone_qpvs")
        .filter(pk=pk)
        .first()
    )
    if participation is None:
        raise Http404
    return participation


def require_edit(actor: Actor, programme: Programme) -> None:
    if not can_edit_programme(actor, programme):
        raise Http404


# --- general settings ----------------------------------------------------------------


def _unique_slug(base: str, others: QuerySet[Programme]) -> str:
    base = base[:70] or "dispositif"
    slug, n = base, 1
    while others.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def validate_programme(data: dict[str, Any], instance: Programme | None = None) -> None:
    """Checks ``data`` (all fields) and fills in the slug when left empty."""
    errors: dict[str, str] = {}
    others = Programme.objects.all()
    if instance is not None:
        others = others.exclude(pk=instance.pk)
    name = (data.get("name") or "").strip()
    data["name"] = name
    if not name:
        errors["name"] = _("Indiquez le nom du dispositif.")
    elif others.filter(name__iexact=name).exists():
        errors["name"] = _("Un dispositif porte déjà ce nom.")
    slug = (data.get("slug") or "").strip()
    if not slug:
        data["slug"] = _unique_slug(slugify(name), others)
    else:
        try:
            validate_slug(slug)
        except ValidationError:
            errors["slug"] = _(
                "Seulement des lettres sans accent, des chiffres et des tirets, "
                "par exemple « reflex-nord-isere »."
            )
        else:
            if others.filter(slug=slug).exists():
                errors["slug"] = _("Cette adresse courte est déjà prise : choisissez-en une autre.")
    start, end = data.get("start_date"), data.get("end_date")
    if start is None:
        errors["start_date"] = _("Indiquez la date de début.")
    if end is None:
        errors["end_date"] = _("Indiquez la date de fin.")
    if start is not None and end is not None and end <= start:
        errors["end_date"] = _("La date de fin doit être après la date de début.")
    budget = data.get("total_budget")
    if budget is not None and budget < 0:
        errors["total_budget"] = _("Le budget ne peut pas être négatif.")
    for field in SETTING_FIELDS:
        value = data.get(field)
        if value is None or value < 1:
            errors[field] = _("Indiquez un nombre entier, au moins 1.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def do_create_programme(actor: Actor, data: Mapping[str, Any]) -> Programme:
    """The actor's structure leads the new programme, with default eligibility rules."""
    actor.require(Perm.MANAGE_PROGRAMMES)
    blank = Programme()
    defaults = {f: getattr(blank, f) for f in PROGRAMME_FIELDS}
    values = defaults | {f: data[f] for f in PROGRAMME_FIELDS if f in data}
    if values["total_budget"] is None:
        values["total_budget"] = Decimal("0")
    validate_programme(values)
    programme = Programme.objects.create(lead_structure_id=actor.structure_id, **values)
    Participation.objects.create(
        programme=programme, structure_id=actor.structure_id, kind=Participation.Kind.LEAD
    )
    EligibilityRules.objects.create(programme=programme)
    return programme


@transaction.atomic
def do_update_programme(actor: Actor, programme: Programme, data: Mapping[str, Any]) -> list[str]:
    require_edit(actor, programme)
    values = {f: data[f] for f in PROGRAMME_FIELDS if f in data}
    if "total_budget" in values and values["total_budget"] is None:
        values["total_budget"] = Decimal("0")
    merged = {f: getattr(programme, f) for f in PROGRAMME_FIELDS} | values
    validate_programme(merged, instance=programme)
    changed = [f for f in PROGRAMME_FIELDS if getattr(programme, f) != merged[f]]
    for field in changed:
        setattr(programme, field, merged[field])
    if changed:
        programme.save(update_fields=changed)
    return changed


# --- eligibility rules ---------------------------------------------------------------


def validate_rules(data: Mapping[str, Any]) -> None:
    errors: dict[str, str] = {}
    low, high = AGE_BOUNDS
    for field in ("min_age", "max_age", "max_age_with_rqth"):
        age = data.get(field)
        if age is None and field != "max_age_with_rqth":
            errors[field] = _("Indiquez un âge.")
        elif age is not None and not low <= age <= high:
            errors[field] = _("L'âge doit être compris entre %(low)s et %(high)s ans.") % {
                "low": low,
                "high": high,
            }
    ages_checkable = "min_age" not in errors and "max_age" not in errors
    if ages_checkable and data["min_age"] > data["max_age"]:
        errors["min_age"] = _("L'âge minimum doit être inférieur ou égal à l'âge maximum.")
    rqth = data.get("max_age_with_rqth")
    rqth_checkable = "max_age" not in errors and "max_age_with_rqth" not in errors
    if rqth is not None and rqth_checkable and rqth < data["max_age"]:
        errors["max_age_with_rqth"] = _(
            "L'âge maximum avec RQTH doit être supérieur ou égal à l'âge maximum."
        )
    months = data.get("months_without_spe_contact")
    if months is not None and not 0 <= months <= MAX_MONTHS_WITHOUT_CONTACT:
        errors["months_without_spe_contact"] = _(
            "Indiquez un nombre de mois entre 0 et %(max)s."
        ) % {"max": MAX_MONTHS_WITHOUT_CONTACT}
    level = data.get("max_diploma_level")
    if level is not None and not isinstance(level, DiplomaLevel):
        errors["max_diploma_level"] = _("Niveau de diplôme inconnu.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def do_set_eligibility_rules(
    actor: Actor, programme: Programme, data: Mapping[str, Any]
) -> EligibilityRules:
    """Change some or all of the rules; the others keep their value."""
    require_edit(actor, programme)
    rules, _created = EligibilityRules.objects.get_or_create(programme=programme)
    values = {f: data[f] for f in RULE_FIELDS if f in data}
    merged = {f: getattr(rules, f) for f in RULE_FIELDS} | values
    validate_rules(merged)
    changed = [f for f in values if getattr(rules, f) != values[f]]
    for field in changed:
        setattr(rules, field, values[field])
    if changed:
        rules.save(update_fields=changed)
    return rules
