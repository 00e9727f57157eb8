"""State changes of a young person's file. Each one is atomic and audited."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accroche.access import audit
from accroche.access.actor import Actor
from accroche.access.models import AuditEvent
from accroche.access.permissions import Perm
from accroche.territory.models import Qpv
from accroche.youth.fields import EDITABLE_FIELDS, M2M_FIELDS
from accroche.youth.models import NameCompleteness, Youth
from accroche.youth.search import SEARCH_FIELDS, refresh_search_fields


def name_completeness(first_name: str, last_name: str) -> str:
    if first_name and last_name:
        return NameCompleteness.FULL
    if first_name or last_name:
        return NameCompleteness.PARTIAL
    return NameCompleteness.NICKNAME


def validate_identity(data: dict[str, Any]) -> None:
    """Rules that hold whatever the door (form, API, import). Raises French messages."""
    errors: dict[str, list[str]] = {}
    if not (data.get("first_name") or "").strip() and not (data.get("nickname") or "").strip():
        errors.setdefault("first_name", []).append(_("Indiquez au moins un prénom ou un surnom."))
    today = timezone.localdate()
    birth_date = data.get("birth_date")
    if birth_date is not None:
        if birth_date > today:
            errors.setdefault("birth_date", []).append(
                _("La date de naissance ne peut pas être dans le futur.")
            )
        elif not 10 <= today.year - birth_date.year <= 40:
            errors.setdefault("birth_date", []).append(
                _("Cette date donne un âge impossible pour le dispositif (vérifiez l'année).")
            )
    birth_year = data.get("birth_year")
    if birth_year is not None and not today.year - 40 <= birth_year <= today.year - 10:
        errors.setdefault("birth_year", []).append(
            _("Cette année de naissance donne un âge impossible pour le dispositif.")
        )
    qpv, commune = data.get("residence_qpv"), data.get("residence_commune")
    if qpv is not None and commune is not None and not qpv.communes.filter(pk=commune.pk).exists():
        errors.setdefault("residence_qpv", []).append(
            _("Ce quartier prioritaire n'est pas dans la commune choisie.")
        )
    if outside := _frequented_qpvs_outside(data):
        errors.setdefault("frequented_qpvs", []).append(
            _("Ces quartiers ne sont dans aucune des communes fréquentées : %(names)s.")
            % {"names": ", ".join(q.name for q in outside)}
        )
    if errors:
        raise ValidationError(errors)


def _frequented_qpvs_outside(data: dict[str, Any]) -> list[Qpv]:
    qpvs = list(data.get("frequented_qpvs") or [])
    if not qpvs:
        return []
    communes = {c.pk for c in data.get("frequented_communes") or []}
    if data.get("residence_commune") is not None:
        communes.add(data["residence_commune"].pk)
    inside = set(
        Qpv.communes.through.objects.filter(
            qpv_id__in=[q.pk for q in qpvs], commune_id__in=communes
        ).values_list("qpv_id", flat=True)
    )
    return [q for q in qpvs if q.pk not in inside]


@transaction.atomic
def do_create_youth(actor: Actor, data: dict[str, Any]) -> Youth:
    actor.require(Perm.EDIT_YOUTH)
    validate_identity(data)
    values = {field: data[field] for field in EDITABLE_FIELDS if field in data}
    youth = Youth(**values)
    youth.name_completeness = name_completeness(youth.first_name, youth.last_name)
    youth.holder_structure_id = actor.structure_id
    youth.created_by = actor.user
    refresh_search_fields(youth)
    youth.save()
    m2m = [field for field in M2M_FIELDS if data.get(field)]
    for field in m2m:
        getattr(youth, field).set(data[field])
    audit.log(actor, AuditEvent.Action.CREATE, "youth", youth.pk, fields=[*values, *m2m])
    return youth


@transaction.atomic
def do_update_youth(actor: Actor, youth: Youth, data: dict[str, Any]) -> list[str]:
    """``youth`` must come from the access layer (``get_youth(..., edit=True)``)."""
    actor.require(Perm.EDIT_YOUTH)
    current = current_values(youth)
    merged = current | {k: v for k, v in data.items() if k in current}
    validate_identity(merged)
    changed = [f for f in EDITABLE_FIELDS if f in data and getattr(youth, f) != data[f]]
    m2m_changed = [f for f in M2M_FIELDS if f in data and set(current[f]) != set(data[f] or [])]
    if changed:
        for field in changed:
            setattr(youth, field, data[field])
        youth.name_completeness = name_completeness(youth.first_name, youth.last_name)
        refresh_search_fields(youth)
        youth.save(update_fields=[*changed, "name_completeness", *SEARCH_FIELDS, "updated_at"])
    for field in m2m_changed:
        getattr(youth, field).set(data[field] or [])
    if m2m_changed and not changed:
        youth.save(update_fields=["updated_at"])
    if changed or m2m_changed:
        audit.log(actor, AuditEvent.Action.UPDATE, "youth", youth.pk, fields=changed + m2m_changed)
    return changed + m2m_changed


def current_values(youth: Youth) -> dict[str, Any]:
    """The editable values of a file, lists for the lived neighbourhood."""
    values: dict[str, Any] = {field: getattr(youth, field) for field in EDITABLE_FIELDS}
    for field in M2M_FIELDS:
        values[field] = list(getattr(youth, field).all()) if youth.pk else []
    return values
