"""Individual diagnostics: barriers by data·inclusion category on a 0–3 scale, needs,
wishes, an immediate need; repeated over time, they show the progression."""

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from accroche.access import audit
from accroche.access.actor import Actor
from accroche.access.models import AuditEvent
from accroche.access.permissions import Perm
from accroche.territory.models import ThemeCategory
from accroche.youth.models import Barrier, Diagnostic, Severity, Youth

OBJECT_TYPE = "diagnostic"

# The data·inclusion categories that describe barriers to a job or training, in the order
# a professional goes through them; the others ("trouver-un-emploi"…) are services.
BARRIER_DOMAINS = (
    "mobilite",
    "logement-hebergement",
    "sante",
    "difficultes-administratives-ou-juridiques",
    "famille",
    "difficultes-financieres",
    "numerique",
    "lecture-ecriture-calcul",
    "remobilisation",
    "equipement-et-alimentation",
)
TEXT_FIELDS = ("needs", "wishes", "immediate_need")


def barrier_categories() -> list[ThemeCategory]:
    found = {c.value: c for c in ThemeCategory.objects.filter(value__in=BARRIER_DOMAINS)}
    return [found[value] for value in BARRIER_DOMAINS if value in found]


def diagnostics_of(youth: Youth) -> QuerySet[Diagnostic]:
    """``youth`` must come from the access layer. Newest first, barriers prefetched."""
    return youth.diagnostics.select_related("author", "author_structure").prefetch_related(
        Prefetch("barriers", queryset=Barrier.objects.select_related("category"))
    )


def get_diagnostic(youth: Youth, pk: int) -> Diagnostic:
    diagnostic = diagnostics_of(youth).filter(pk=pk).first()
    if diagnostic is None:
        raise Http404
    return diagnostic


def log_diagnostics_read(actor: Actor, diagnostics: Iterable[Diagnostic]) -> None:
    ids = [d.pk for d in diagnostics]
    if len(ids) == 1:
        audit.log(actor, AuditEvent.Action.READ, OBJECT_TYPE, ids[0])
    elif ids:
        audit.log(actor, AuditEvent.Action.LIST, OBJECT_TYPE, object_ids=ids)


def with_barrier_counts(qs: QuerySet[Diagnostic]) -> QuerySet[Diagnostic]:
    return qs.annotate(
        blocking_count=Count("barriers", filter=Q(barriers__severity=Severity.BLOCKING)),
        serious_count=Count("barriers", filter=Q(barriers__severity=Severity.SERIOUS)),
    )


def validate_diagnostic(youth: Youth, data: dict[str, Any]) -> None:
    errors: dict[str, list[str]] = {}
    today = timezone.localdate()
    done_on = data.get("done_on")
    if done_on is None:
        errors["done_on"] = [_("Indiquez la date du diagnostic.")]
    elif done_on > today:
        errors["done_on"] = [_("La date du diagnostic ne peut pas être dans le futur.")]
    need_on = data.get("immediate_need_on")
    if need_on is not None:
        if not (data.get("immediate_need") or "").strip():
            errors["immediate_need"] = [_("Décrivez le besoin immédiat, ou effacez sa date.")]
        elif need_on > today:
            errors["immediate_need_on"] = [_("Cette date ne peut pas être dans le futur.")]
    enrolment = data.get("enrolment")
    if enrolment is not None and enrolment.youth_id != youth.pk:
        errors["enrolment"] = [_("Ce parcours n'est pas celui de ce jeune.")]
    allowed = {c.pk for c in barrier_categories()}
    seen: set[int] = set()
    for barrier in data.get("barriers") or []:
        category = barrier.get("category")
        if category is None or category.pk not in allowed:
            errors.setdefault("barriers", []).append(_("Domaine de frein inconnu."))
        elif category.pk in seen:
            errors.setdefault("barriers", []).append(
                _("Le domaine « %(domain)s » apparaît deux fois.") % {"domain": category.label}
            )
        elif barrier.get("severity") not in Severity.values:
            errors.setdefault("barriers", []).append(
                _("« %(domain)s » : choisissez une sévérité de 0 à 3.") % {"domain": category.label}
            )
        if category is not None:
            seen.add(category.pk)
    has_text = any((data.get(f) or "").strip() for f in TEXT_FIELDS)
    if not errors and not data.get("barriers") and not has_text:
        errors["__all__"] = [
            _("Le diagnostic est vide : évaluez au moins un domaine ou notez les besoins.")
        ]
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def do_record_diagnostic(actor: Actor, youth: Youth, data: dict[str, Any]) -> Diagnostic:
    """``data["barriers"]``: a list of ``{"category", "severity", "note"}``, one per domain
    assessed (a domain left out was not assessed, which is not the same as 0)."""
    actor.require(Perm.EDIT_YOUTH)
    validate_diagnostic(youth, data)
    immediate_need = (data.get("immediate_need") or "").strip()
    diagnostic = Diagnostic.objects.create(
        youth=youth,
        enrolment=data.get("enrolment"),
        done_on=data["done_on"],
        needs=(data.get("needs") or "").strip(),
        wishes=(data.get("wishes") or "").strip(),
        immediate_need=immediate_need,
        immediate_need_on=(data.get("immediate_need_on") or data["done_on"])
        if immediate_need
        else None,
        author=actor.user,
        author_structure_id=actor.structure_id,
    )
    Barrier.objects.bulk_create(
        Barrier(
            diagnostic=diagnostic,
            category=b["category"],
            severity=b["severity"],
            note=(b.get("note") or "").strip(),
        )
        for b in data.get("barriers") or []
    )
    fields = ["done_on", *(f for f in TEXT_FIELDS if (data.get(f) or "").strip())]
    if data.get("barriers"):
        fields.append("barriers")
    audit.log(actor, AuditEvent.Action.CREATE, OBJECT_TYPE, diagnostic.pk, fields=fields)
    return diagnostic


@transaction.atomic
def do_mark_immediate_need_met(
    actor: Actor, diagnostic: Diagnostic, on: datetime.date | None = None
) -> Diagnostic:
    actor.require(Perm.EDIT_YOUTH)
    current = Diagnostic.objects.select_for_update().get(pk=diagnostic.pk)
    today = timezone.localdate()
    on = on or today
    if not current.immediate_need:
        raise ValidationError({"immediate_need": [_("Ce diagnostic n'a pas de besoin immédiat.")]})
    if current.immediate_need_met_on is not None:
        raise ValidationError({"immediate_need": [_("Ce besoin est déjà noté comme réglé.")]})
    if on > today:
        raise ValidationError({"on": [_("La date ne peut pas être dans le futur.")]})
    if current.immediate_need_on and on < current.immediate_need_on:
        raise ValidationError({"on": [_("Le besoin ne peut pas être réglé avant d'être signalé.")]})
    diagnostic.immediate_need_met_on = on
    diagnostic.save(update_fields=["immediate_need_met_on"])
    audit.log(
        actor,
        AuditEvent.Action.UPDATE,
        OBJECT_TYPE,
        diagnostic.pk,
        fields=["immediate_need_met_on"],
    )
    return diagnostic


# --- progression ----------------------------------------------------------------------


@dataclass(frozen=True)
class ProgressionRow:
    value: str  # the category's data·inclusion value
    label: str
    severities: tuple[int | None, ...]  # one per diagnostic, oldest first; None: not assessed

    @property
    def change(self) -> int | None:
        """Last assessed severity minus the first one (negative: the barrier eased)."""
        assessed = [s for s in self.severities if s is not None]
        return assessed[-1] - assessed[0] if len(assessed) >= 2 else None

    @property
    def change_label(self) -> str:
        change = self.change
        if change is None:
            return (
                _("une seule évaluation")
                if any(s is not None for s in self.severities)
                else _("non évalué")
            )
        if change < 0:
            return _("en baisse de %(n)s") % {"n": -change}
        if change > 0:
            return _("en hausse de %(n)s") % {"n": change}
        return _("stable")


@dataclass(frozen=True)
class Progression:
    dates: tuple[datetime.date, ...]
    rows: tuple[ProgressionRow, ...]

    @property
    def totals(self) -> tuple[int, ...]:
        """The sum of the severities assessed at each date."""
        return tuple(
            sum(row.severities[i] or 0 for row in self.rows) for i in range(len(self.dates))
        )


def progression(diagnostics: Sequence[Diagnostic]) -> Progression:
    """Diagnostics (barriers prefetched) in any order → severities by domain over time.
    Only domains assessed at least once are kept, in the usual domain order."""
    ordered = sorted(diagnostics, key=lambda d: (d.done_on, d.pk))
    by_domain: dict[str, dict[int, int]] = {}
    labels: dict[str, str] = {}
    for index, diagnostic in enumerate(ordered):
        for barrier in diagnostic.barriers.all():
            by_domain.setdefault(barrier.category.value, {})[index] = barrier.severity
            labels[barrier.category.value] = barrier.category.label
    order = {value: i for i, value in enumerate(BARRIER_DOMAINS)}
    rows = tuple(
        ProgressionRow(
            value=value,
            label=labels[value],
            severities=tuple(by_domain[value].get(i) for i in range(len(ordered))),
        )
        for value in sorted(by_domain, key=lambda v: (order.get(v, len(order)), v))
    )
    return Progression(dates=tuple(d.done_on for d in ordered), rows=rows)
