"""Right of access (RGPD art. 15): everything held on a young person, walked generically
from the file (see relations.py), as one structure for the PDF and the JSON."""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from accroche.access import audit
from accroche.access.actor import Actor
from accroche.access.models import AuditEvent
from accroche.access.roles import Role
from accroche.organisations.models import Structure
from accroche.youth.fields import NOT_IN_ACCESS_COPY
from accroche.youth.models import Youth
from accroche.youth.relations import NOT_EXPORTED, children, youth_relations

# Never shown: internal keys and derived search fields.
HIDDEN_FIELDS = {"id", "search_text", "search_phonetic", "phone_digits", "idempotency_key"}

# Titles of the sections in French (any other model: its verbose name).
SECTION_TITLES = {
    "youth.Consent": _l("Consentements"),
    "youth.Enrolment": _l("Parcours"),
    "youth.PhaseChange": _l("Changements de phase"),
    "youth.ReferentChange": _l("Changements de référent"),
    "youth.EligibilityOverride": _l("Décisions sur l'éligibilité"),
    "youth.Diagnostic": _l("Diagnostics"),
    "youth.Barrier": _l("Freins"),
    "linkage.Merge": _l("Fusions de fiches"),
    "outreach.Contact": _l("Rencontres (repérage)"),
    "outreach.Referral": _l("Signalements"),
    "followup.Action": _l("Plan d'action"),
    "followup.Aid": _l("Aides"),
    "followup.Appointment": _l("Rendez-vous"),
    "followup.Outcome": _l("Sorties"),
    "followup.HandOff": _l("Passages de relais"),
    "followup.HandOffCheck": _l("Nouvelles après un relais"),
    "followup.Immersion": _l("Immersions en entreprise"),
    "followup.Interaction": _l("Échanges"),
    "followup.Reminder": _l("Rappels"),
    "followup.Attendance": _l("Ateliers (inscriptions et présences)"),
    "privacy.Erasure": _l("Anonymisation"),
    "privacy.RetentionNotice": _l("Avis de fin de conservation"),
}
# Labels of the fields that have no French verbose name.
FIELD_LABELS = {
    "absorbed": _l("fiche fusionnée"),
    "at": _l("date"),
    "author_structure": _l("structure"),
    "by_structure": _l("structure"),
    "closed_at": _l("clos le"),
    "commune": _l("commune"),
    "contact_made_at": _l("contact pris le"),
    "created_at": _l("enregistré le"),
    "created_by_structure": _l("structure"),
    "decided_at": _l("décidé le"),
    "diagnostic": _l("diagnostic"),
    "done_at": _l("fait le"),
    "due_on": _l("échéance"),
    "enrolment": _l("parcours"),
    "filled": _l("champs complétés"),
    "from_phase": _l("phase précédente"),
    "from_referent": _l("référent·e précédent·e"),
    "handoff": _l("relais"),
    "keep": _l("fiche gardée"),
    "kind": _l("type"),
    "marked_at": _l("noté le"),
    "merged_by_structure": _l("structure"),
    "moved": _l("éléments déplacés"),
    "note": _l("note"),
    "notified_at": _l("averti le"),
    "outcome": _l("issue"),
    "outcome_recorded_at": _l("issue notée le"),
    "phase": _l("phase"),
    "programme": _l("dispositif"),
    "receipt_added_at": _l("justificatif ajouté le"),
    "recipients": _l("personnes averties"),
    "recorded_at": _l("enregistré le"),
    "recorded_by_structure": _l("structure"),
    "registered_at": _l("inscrit·e le"),
    "registered_by_structure": _l("structure"),
    "requested_by_structure": _l("structure"),
    "session": _l("séance"),
    "situation": _l("situation"),
    "snapshot": _l("copie de la fiche fusionnée"),
    "structure": _l("structure"),
    "taken_at": _l("pris en charge le"),
    "to_phase": _l("nouvelle phase"),
    "to_referent": _l("nouveau ou nouvelle référent·e"),
    "updated_at": _l("modifié le"),
    "youth": _l("jeune"),
}


def _label(f: Any) -> str:
    label = str(f.verbose_name)
    if label == f.name.replace("_", " ") and f.name in FIELD_LABELS:
        return str(FIELD_LABELS[f.name])
    return label


@dataclass
class Item:
    name: str
    label: str
    value: Any  # JSON-ready
    display: str


@dataclass
class Section:
    key: str  # "app_label.Model"
    title: str
    rows: list[list[Item]] = field(default_factory=list)


@dataclass
class Export:
    youth_id: int
    generated_at: datetime.datetime
    identity: list[Item]
    sections: list[Section]
    audit: list[list[Item]]

    def as_json(self) -> dict[str, Any]:
        def row(items: list[Item]) -> dict[str, Any]:
            return {item.name: item.value for item in items}

        return {
            "fiche": self.youth_id,
            "genere_le": self.generated_at.isoformat(timespec="seconds"),
            "identite": row(self.identity),
            "donnees": {s.key: [row(r) for r in s.rows] for s in self.sections},
            "journal_des_acces": [row(r) for r in self.audit],
        }


def _fmt(value: Any) -> tuple[Any, str]:
    if value is None or value == "":
        return None, "—"
    if isinstance(value, bool):
        return value, _("oui") if value else _("non")
    if isinstance(value, datetime.datetime):
        local = timezone.localtime(value)
        return local.isoformat(timespec="minutes"), date_format(local, "SHORT_DATETIME_FORMAT")
    if isinstance(value, datetime.date):
        return value.isoformat(), date_format(value, "SHORT_DATE_FORMAT")
    if isinstance(value, Decimal):
        return str(value), str(value)
    if isinstance(value, int | float | str):
        return value, str(value)
    if isinstance(value, list | dict):
        return value, str(value) if value else "—"
    return str(value), str(value)


def _is_user_fk(f: "models.Field[Any, Any]") -> bool:
    model = f.related_model
    return isinstance(model, type) and model._meta.label == settings.AUTH_USER_MODEL


def _items(obj: models.Model, skip: set[str], redact: dict[str, str]) -> list[Item]:
    items = []
    for f in obj._meta.concrete_fields:
        # A professional's account is not data on the young person: their structure is shown.
        if f.name in HIDDEN_FIELDS or f.name in skip or _is_user_fk(f):
            continue
        label = _label(f)
        if f.name in redact:
            value: Any = redact[f.name]
        elif f.is_relation:
            value = getattr(obj, f.name)
            value = str(value) if value is not None else None
        elif f.choices:
            raw = getattr(obj, f.attname)
            value = str(dict(f.flatchoices).get(raw, raw)) if raw not in (None, "") else None
        elif isinstance(f, models.FileField):
            value = bool(getattr(obj, f.attname))
        else:
            value = getattr(obj, f.attname)
        json_value, display = _fmt(value)
        items.append(Item(f.name, label, json_value, display))
    for m2m in obj._meta.many_to_many:
        if m2m.name in skip:
            continue
        names = sorted(str(o) for o in getattr(obj, m2m.name).all())
        items.append(Item(m2m.name, _label(m2m), names, ", ".join(names) or "—"))
    return items


# What a structure may not read in another's record (restricted interaction notes).
REDACT: dict[str, Callable[[Any, Actor], dict[str, str]]] = {
    "followup.Interaction": lambda obj, actor: {"note": obj.note_for(actor.structure_id)},
}


def _rows(
    model: type[models.Model], qs: "models.QuerySet[Any]", skip: set[str], actor: Actor
) -> list[list[Item]]:
    related = [
        f.name
        for f in model._meta.concrete_fields
        if f.is_relation and f.name not in skip and not _is_user_fk(f)
    ]
    # A related row is shown by its str(), which often reads its own foreign keys (a
    # membership names its user and structure, an enrolment its programme): join those too,
    # or each row would cost a query per such key.
    second = [
        f"{name}__{g.name}"
        for name in related
        for g in model._meta.get_field(name).related_model._meta.concrete_fields  # type: ignore[union-attr]
        if g.is_relation and g.many_to_one
    ]
    qs = qs.select_related(*related, *second).prefetch_related(
        *(m.name for m in model._meta.many_to_many)
    )
    redact = REDACT.get(model._meta.label)
    return [
        [
            Item("id", _("n°"), obj.pk, str(obj.pk)),
            *_items(obj, skip, redact(obj, actor) if redact else {}),
        ]
        for obj in qs.order_by("pk")
    ]


def _audit_rows(youth: Youth) -> list[list[Item]]:
    events = list(AuditEvent.objects.filter(object_type="youth", object_id=youth.pk).order_by("at"))
    structures = dict(
        Structure.objects.filter(pk__in={e.structure_id for e in events}).values_list("pk", "name")
    )
    roles, actions = dict(Role.choices), dict(AuditEvent.Action.choices)
    rows = []
    for e in events:
        at, at_display = _fmt(e.at)
        who = structures.get(e.structure_id or 0) or _("tâche automatique")
        role = str(roles.get(e.role, e.role))
        action = str(actions.get(e.action, e.action))
        rows.append(
            [
                Item("date", _("date"), at, at_display),
                Item("structure", _("structure"), who, who),
                Item("role", _("rôle"), role or None, role or "—"),
                Item("action", _("action"), action, action),
            ]
        )
    return rows


def _title(model: type[models.Model]) -> str:
    title = SECTION_TITLES.get(model._meta.label, model._meta.verbose_name)
    return str(title)[:1].upper() + str(title)[1:]


def collect(actor: Actor, youth: Youth) -> Export:
    """Everything held on ``youth``, as ``actor`` may read it. Not logged: the caller is."""
    # The file itself: what accroche.youth.fields marks as shown in the access copy.
    identity = _items(youth, set(NOT_IN_ACCESS_COPY), {})
    relations = [r for r in youth_relations() if r.label not in NOT_EXPORTED]
    twice = {r.label for r in relations if sum(o.label == r.label for o in relations) > 1}
    sections = []
    for relation in relations:
        model = relation.model
        qs = model._default_manager.filter(**{relation.field: youth})
        key, title = relation.label, _title(model)
        if relation.label in twice:  # e.g. merges, as the kept or the absorbed file
            key, title = relation.key, f"{title} ({FIELD_LABELS.get(relation.field, '…')})"
        sections.append(Section(key, title, _rows(model, qs, {relation.field}, actor)))
        for child, fk in children(model):
            child_qs = child._default_manager.filter(**{f"{fk}__{relation.field}": youth})
            rows = _rows(child, child_qs, set(), actor)
            sections.append(Section(child._meta.label, _title(child), rows))
    return Export(youth.pk, timezone.now(), identity, sections, _audit_rows(youth))


def export_for(actor: Actor, youth: Youth, fmt: str) -> Export:
    """Collect and log the export (``fmt``: "pdf" or "json")."""
    result = collect(actor, youth)
    audit.log(actor, AuditEvent.Action.EXPORT, "youth", youth.pk, fields=[f"export_{fmt}"])
    return result
