"""Importing data·inclusion services: each row is validated by the package's model, then
by our own rules; a bad row is reported with its line number in French and skipped, the
good ones are kept. A service is identified by (source, id), so importing the same file
twice changes nothing."""

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import pydantic
from data_inclusion.schema.v1 import Service as DiService
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.utils.translation import gettext as _

from accroche.access.actor import Actor
from accroche.organisations.models import Structure
from accroche.partner_services.services import (
    NATIONWIDE,
    apply,
    can_edit_services_of,
    changed_fields,
    clean_values,
    default_values,
    opens_evenings_or_saturdays,
    validate_service,
    with_details,
)
from accroche.territory.models import LOCAL_SOURCE, Commune, Service, Theme
from accroche.validation_messages import pydantic_message

_COUNTRY = re.compile(r"^99[0-5]\d{2}$")
_OUR_STRUCTURE = re.compile(rf"^{LOCAL_SOURCE}--structure-(\d+)$")

# Our field → the data·inclusion field, for messages about a row.
DI_NAMES = {
    "name": "nom",
    "description": "description",
    "themes": "thematiques",
    "type": "type",
    "publics": "publics",
    "fees": "frais",
    "reception_modes": "modes_accueil",
    "mobilisation_modes": "modes_mobilisation",
    "mobilisable_by": "mobilisable_par",
    "mobilisation_url": "lien_mobilisation",
    "source_url": "lien_source",
    "postcode": "code_postal",
    "email": "courriel",
    "zone_departments": "zone_eligibilite",
    "zone_other": "zone_eligibilite",
    "weekly_hours": "volume_horaire_hebdomadaire",
    "weeks": "nombre_semaines",
    "opening_hours": "horaires_accueil",
}


@dataclass
class RowError:
    line: int
    reference: str
    messages: list[str]


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)
    json_rows: bool = False

    @property
    def kept(self) -> int:
        return self.created + self.updated + self.unchanged


def _pydantic_errors(exc: pydantic.ValidationError) -> list[str]:
    messages = []
    for error in exc.errors():
        loc = [str(part) for part in error.get("loc", ())]
        name = loc[0] if loc else "__all__"
        if error.get("type") == "value_error" and name == "date_maj":
            text = _("La date de mise à jour doit être au XXIe siècle et pas dans le futur.")
        elif error.get("type") == "value_error" and name == "publics":
            text = _("« tous-publics » ne se combine pas avec d'autres publics.")
        else:
            text = pydantic_message(dict(error))
        messages.append(f"{name} : {text}")
    return messages


def _domain_errors(exc: ValidationError) -> list[str]:
    if not hasattr(exc, "error_dict"):
        return list(exc.messages)
    return [
        f"{DI_NAMES.get(name, name)} : {message}"
        for name, messages in exc.message_dict.items()
        for message in messages
    ]


@dataclass
class _Context:
    default_structure: Structure | None
    may_edit: Callable[[Structure], bool]
    themes: dict[str, Theme]
    communes: dict[str, Commune]
    structures: dict[int, Structure]
    existing: dict[tuple[str, str], Service]


def _values(model: DiService, raw: dict[str, Any], ctx: _Context) -> dict[str, Any]:
    errors: list[str] = []
    themes = [ctx.themes.get(t.value) for t in model.thematiques or ()]
    if None in themes:
        errors.append(
            _("thematiques : le référentiel n'est pas chargé (manage.py load_reference).")
        )
    commune = None
    if model.code_insee:
        commune = ctx.communes.get(model.code_insee)
        if commune is None:
            errors.append(
                _("code_insee : commune inconnue « %(code)s ».") % {"code": model.code_insee}
            )
    zone_communes, departments, other = [], [], []
    for code in model.zone_eligibilite or ():
        if code in NATIONWIDE or len(code) == 9 or _COUNTRY.match(code):
            other.append(code)
        elif len(code) == 5:
            if code in ctx.communes:
                zone_communes.append(ctx.communes[code])
            else:
                errors.append(
                    _("zone_eligibilite : commune inconnue « %(code)s ».") % {"code": code}
                )
        else:
            departments.append(code)
    if errors:
        raise ValidationError(errors)

    def text(name: str) -> str:
        value = raw.get(name)
        return str(value).strip() if value is not None else ""

    return {
        "name": model.nom,
        "description": model.description,
        "type": model.type.value if model.type else "",
        "themes": themes,
        "fees": model.frais.value if model.frais else "",
        "fees_details": model.frais_precisions or "",
        "publics": [p.value for p in model.publics or ()],
        "publics_details": model.publics_precisions or "",
        "access_conditions": model.conditions_acces or "",
        "commune": commune,
        "postcode": model.code_postal or "",
        "address": model.adresse or "",
        "address_extra": model.complement_adresse or "",
        "longitude": model.longitude,
        "latitude": model.latitude,
        "phone": model.telephone or "",
        "email": text("courriel"),
        "reception_modes": [m.value for m in model.modes_accueil or ()],
        "zone_communes": zone_communes,
        "zone_departments": departments,
        "zone_other": other,
        "contact_name": model.contact_nom_prenom or "",
        "mobilisation_url": text("lien_mobilisation"),
        "mobilisation_modes": [m.value for m in model.modes_mobilisation or ()],
        "mobilisable_by": [p.value for p in model.mobilisable_par or ()],
        "mobilisation_details": model.mobilisation_precisions or "",
        "weekly_hours": model.volume_horaire_hebdomadaire,
        "weeks": model.nombre_semaines,
        "opening_hours": model.horaires_accueil or "",
        "source_url": text("lien_source"),
    }


def _structure_for(model: DiService, ctx: _Context) -> tuple[Structure, str]:
    """The structure a row belongs to, and the foreign structure id to keep (if any)."""
    ours = _OUR_STRUCTURE.match(model.structure_id)
    if ours:
        structure = ctx.structures.get(int(ours[1]))
        if structure is None:
            raise ValidationError(
                _("structure_id : structure inconnue « %(id)s ».") % {"id": model.structure_id}
            )
        return structure, ""
    existing = ctx.existing.get((model.source, model.id))
    structure = existing.structure if existing else ctx.default_structure
    if structure is None:
        raise ValidationError(
            _(
                "structure_id : « %(id)s » n'est pas une structure d'Accroche. Choisissez la "
                "structure à laquelle rattacher les services de ce fichier."
            )
            % {"id": model.structure_id}
        )
    return structure, model.structure_id


def _import_row(raw: Any, ctx: _Context, result: ImportResult) -> None:
    if not isinstance(raw, dict):
        raise ValidationError(_("Objet JSON attendu."))
    try:
        model = DiService.model_validate(raw)
    except pydantic.ValidationError as exc:
        raise ValidationError(_pydantic_errors(exc)) from exc
    structure, foreign_id = _structure_for(model, ctx)
    if not ctx.may_edit(structure):
        raise ValidationError(
            _("Vous ne pouvez pas modifier les services de « %(name)s ».")
            % {"name": structure.name}
        )
    values = _values(model, raw, ctx)
    existing = ctx.existing.get((model.source, model.id))
    if existing is not None and existing.structure_id != structure.pk:
        raise ValidationError(
            _("structure_id : ce service appartient déjà à « %(name)s ».")
            % {"name": existing.structure.name}
        )
    values = clean_values(values)
    try:
        validate_service(values)
    except ValidationError as exc:
        raise ValidationError(_domain_errors(exc)) from exc
    values["updated_on"] = model.date_maj
    if existing is None:
        values["evenings_saturdays"] = opens_evenings_or_saturdays(values["opening_hours"])
        service = Service(
            structure=structure,
            source=model.source,
            external_id=model.id,
            source_structure_id=foreign_id,
            updated_on=model.date_maj,
        )
        apply(service, default_values() | values, [*values])
        ctx.existing[(model.source, model.id)] = service
        result.created += 1
        return
    if existing.opening_hours != values["opening_hours"]:
        values["evenings_saturdays"] = opens_evenings_or_saturdays(values["opening_hours"])
    changed = changed_fields(existing, {k: v for k, v in values.items() if k != "updated_on"})
    if existing.updated_on != model.date_maj:
        changed.append("updated_on")
    if existing.source_structure_id != foreign_id:
        existing.source_structure_id = foreign_id
        changed.append("source_structure_id")
    if not changed:
        result.unchanged += 1
        return
    apply(existing, values, [c for c in changed if c != "source_structure_id"])
    result.updated += 1


def import_rows(
    rows: Sequence[tuple[int, Any]],
    *,
    default_structure: Structure | None,
    may_edit: Callable[[Structure], bool],
) -> ImportResult:
    """Import what can be; the rest is listed in ``result.errors`` with its line."""
    result = ImportResult()
    ids = [str(r.get("id")) for _n, r in rows if isinstance(r, dict) and r.get("id")]
    codes: set[str] = set()
    for _n, row in rows:
        if isinstance(row, dict):
            codes.add(str(row.get("code_insee") or ""))
            zone = row.get("zone_eligibilite") or []
            codes.update(str(c) for c in (zone if isinstance(zone, list) else []))
    existing = with_details(Service.objects.filter(external_id__in=ids)).select_related("structure")
    ctx = _Context(
        default_structure=default_structure,
        may_edit=may_edit,
        themes={t.value: t for t in Theme.objects.all()},
        communes={c.code: c for c in Commune.objects.filter(code__in=codes)},
        structures={s.pk: s for s in Structure.objects.all()},
        existing={(s.source, s.external_id): s for s in existing},
    )
    seen: dict[tuple[str, str], int] = {}
    for line, raw in rows:
        reference = str(raw.get("id") or raw.get("nom") or "") if isinstance(raw, dict) else ""
        key = (str(raw.get("source")), reference) if isinstance(raw, dict) else None
        if key in seen:
            message = _("Ce service (même source et même id) figure déjà plus haut (n° %(n)s).")
            result.errors.append(RowError(line, reference, [message % {"n": seen[key]}]))
            continue
        try:
            with transaction.atomic():
                _import_row(raw, ctx, result)
        except ValidationError as exc:
            result.errors.append(RowError(line, reference, list(exc.messages)))
            continue
        if key is not None:
            seen[key] = line
    return result


def do_import_services(
    actor: Actor, rows: Sequence[tuple[int, Any]], default_structure: Structure | None = None
) -> ImportResult:
    """Each good row is saved in its own transaction, so a bad one never undoes them."""
    if default_structure is not None and not can_edit_services_of(actor, default_structure):
        raise Http404
    allowed: dict[int, bool] = {}

    def may_edit(structure: Structure) -> bool:
        if structure.pk not in allowed:
            allowed[structure.pk] = can_edit_services_of(actor, structure)
        return allowed[structure.pk]

    return import_rows(rows, default_structure=default_structure, may_edit=may_edit)
