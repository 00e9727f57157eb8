"""Partner services: who may see or change which, their rules and their changes.

Services are not personal data: every logged-in person reads them. A structure's field
workers (and its coordinator) keep its services up to date; the coordinator of a
programme's lead structure may also update those of the programme's partners; an admin
may update any (for imports).
"""

import re
import uuid
from collections.abc import Iterable, Mapping
from enum import Enum
from typing import Any

import pydantic
from data_inclusion.schema.v1 import (
    Frais,
    ModeAccueil,
    ModeMobilisation,
    PersonneMobilisatrice,
    Public,
    TypeService,
)
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from accroche.access.actor import Actor
from accroche.access.permissions import Perm
from accroche.organisations.models import Participation, Structure
from accroche.territory.models import LOCAL_SOURCE, Commune, Service, Theme

SCALAR_FIELDS = (
    "name",
    "description",
    "type",
    "publics",
    "publics_details",
    "access_conditions",
    "fees",
    "fees_details",
    "reception_modes",
    "mobilisation_modes",
    "mobilisable_by",
    "mobilisation_details",
    "mobilisation_url",
    "address",
    "address_extra",
    "postcode",
    "commune",
    "latitude",
    "longitude",
    "zone_departments",
    "zone_other",
    "contact_name",
    "phone",
    "email",
    "opening_hours",
    "evenings_saturdays",
    "weekly_hours",
    "weeks",
    "source_url",
)
RELATED_FIELDS = ("themes", "zone_communes")
TEXT_FIELDS = tuple(
    f
    for f in SCALAR_FIELDS
    if f
    not in {
        "type",
        "publics",
        "fees",
        "reception_modes",
        "mobilisation_modes",
        "mobilisable_by",
        "commune",
        "latitude",
        "longitude",
        "zone_departments",
        "zone_other",
        "evenings_saturdays",
        "weekly_hours",
        "weeks",
    }
)
LIST_ENUMS: dict[str, type[Enum]] = {
    "publics": Public,
    "reception_modes": ModeAccueil,
    "mobilisation_modes": ModeMobilisation,
    "mobilisable_by": PersonneMobilisatrice,
}
SINGLE_ENUMS: dict[str, type[Enum]] = {"type": TypeService, "fees": Frais}
NATIONWIDE = frozenset({"france", "99100"})
_OTHER_ZONE = re.compile(r"^(\d{9}|99[0-5]\d{2}|france)$")
# An evening opening (closing at 18:30 or later) or any Saturday, in OSM opening_hours.
_EVENING = re.compile(r"-\s*(18:[3-5]\d|19:\d\d|2\d:\d\d)")
_SATURDAY = re.compile(r"\bSa\b")


_EMAIL = pydantic.TypeAdapter(pydantic.EmailStr)
_URL = pydantic.TypeAdapter(pydantic.HttpUrl)


def _valid(adapter: pydantic.TypeAdapter[Any], value: str) -> bool:
    try:
        adapter.validate_python(value)
    except pydantic.ValidationError:
        return False
    return True


def choices(enum: Any) -> list[tuple[str, str]]:
    """(value, French label) of a data·inclusion enum, in the package's order."""
    return [(member.value, member.label) for member in enum]


def label_of(enum: Any, value: str) -> str:
    try:
        return str(enum(value).label)
    except ValueError:
        return value


def opens_evenings_or_saturdays(opening_hours: str) -> bool:
    return bool(_EVENING.search(opening_hours) or _SATURDAY.search(opening_hours))


# --- who may see what ---------------------------------------------------------------


def services_visible_to(actor: Actor) -> QuerySet[Service]:
    if not actor.can(Perm.VIEW_TERRITORY):
        return Service.objects.none()
    return Service.objects.all()


def structures_for_services(actor: Actor) -> QuerySet[Structure]:
    """The structures whose services the actor may create and change."""
    if not actor.can(Perm.EDIT_SERVICES):
        return Structure.objects.none()
    if actor.can(Perm.EDIT_ANY_SERVICES):
        return Structure.objects.all()
    mine = Q(pk=actor.structure_id)
    if actor.can(Perm.EDIT_PARTNER_SERVICES):
        led = Participation.objects.filter(programme__lead_structure_id=actor.structure_id)
        mine |= Q(pk__in=led.values("structure_id"))
    return Structure.objects.filter(mine)


def can_edit_services_of(actor: Actor, structure: Structure) -> bool:
    return structures_for_services(actor).filter(pk=structure.pk).exists()


def with_details(qs: QuerySet[Service]) -> QuerySet[Service]:
    return qs.select_related("structure", "commune").prefetch_related(
        Prefetch("themes", queryset=Theme.objects.select_related("category")),
        Prefetch("zone_communes", queryset=Commune.objects.order_by("name")),
    )


def get_service(actor: Actor, pk: int, *, edit: bool = False) -> Service:
    qs = services_visible_to(actor)
    if edit:
        qs = qs.filter(structure__in=structures_for_services(actor))
    service = with_details(qs).filter(pk=pk).first()
    if service is None:
        raise Http404
    return service


# --- rules -----------------------------------------------------------------------------


def clean_values(data: Mapping[str, Any]) -> dict[str, Any]:
    values = {f: data[f] for f in (*SCALAR_FIELDS, *RELATED_FIELDS) if f in data}
    for field in TEXT_FIELDS:
        if field in values:
            values[field] = (values[field] or "").strip()
    for field in (*LIST_ENUMS, "zone_departments", "zone_other"):
        if field in values:
            values[field] = sorted({str(v).strip() for v in values[field] or [] if str(v).strip()})
    for field in SINGLE_ENUMS:
        if field in values:
            values[field] = values[field] or ""
    for field in RELATED_FIELDS:
        if field in values:
            values[field] = list(dict.fromkeys(values[field] or []))
    return values


def known_departments(codes: Iterable[str]) -> set[str]:
    return set(
        Commune.objects.filter(department__in=list(codes))
        .values_list("department", flat=True)
        .distinct()
    )


def validate_service(values: Mapping[str, Any]) -> None:
    """``values``: every field, cleaned. Raises ValidationError with French messages."""
    errors: dict[str, list[str]] = {}

    def add(field: str, message: str) -> None:
        errors.setdefault(field, []).append(message)

    name = values.get("name") or ""
    if len(name) < 3:
        add("name", _("Indiquez le nom du service (au moins 3 caractères)."))
    elif len(name) > 150:
        add("name", _("Le nom du service fait au plus 150 caractères."))
    if len(values.get("description") or "") < 5:
        add("description", _("Décrivez le service en une phrase ou deux."))
    if not values.get("themes"):
        add(
            "themes",
            _(
                "Choisissez au moins une thématique : c'est ce qui relie le service "
                "aux freins des jeunes."
            ),
        )
    for field, enum in SINGLE_ENUMS.items():
        value = values.get(field) or ""
        if value and value not in {m.value for m in enum}:
            add(field, _("Valeur inconnue : « %(value)s ».") % {"value": value})
    for field, enum in LIST_ENUMS.items():
        allowed = {m.value for m in enum}
        unknown = [v for v in values.get(field) or [] if v not in allowed]
        if unknown:
            add(field, _("Valeurs inconnues : %(values)s.") % {"values": ", ".join(unknown)})
    publics = values.get("publics") or []
    if Public.TOUS_PUBLICS.value in publics and len(publics) > 1:
        add("publics", _("« Tous publics » ne se combine pas avec d'autres publics."))
    # The data·inclusion model's own types, so that every saved service exports.
    email = values.get("email") or ""
    if email and not _valid(_EMAIL, email):
        add("email", _("Adresse e-mail invalide."))
    for field in ("mobilisation_url", "source_url"):
        url = values.get(field) or ""
        if url and not _valid(_URL, url):
            add(field, _("Adresse web invalide (elle commence par https://)."))
    postcode = values.get("postcode") or ""
    if postcode and not re.fullmatch(r"\d{5}", postcode):
        add("postcode", _("Le code postal compte 5 chiffres."))
    departments = values.get("zone_departments") or []
    unknown_departments = sorted(set(departments) - known_departments(departments))
    if unknown_departments:
        add(
            "zone_departments",
            _("Départements inconnus : %(codes)s.") % {"codes": ", ".join(unknown_departments)},
        )
    bad_zones = [c for c in values.get("zone_other") or [] if not _OTHER_ZONE.match(c)]
    if bad_zones:
        add(
            "zone_other", _("Codes de zone inconnus : %(codes)s.") % {"codes": ", ".join(bad_zones)}
        )
    hours = values.get("weekly_hours")
    if hours is not None and hours < 0:
        add("weekly_hours", _("Le nombre d'heures ne peut pas être négatif."))
    weeks = values.get("weeks")
    if weeks is not None and weeks < 1:
        add("weeks", _("Au moins une semaine."))
    if len(values.get("opening_hours") or "") > 300:
        add("opening_hours", _("Les horaires font au plus 300 caractères."))
    if errors:
        raise ValidationError(errors)


def _current(service: Service) -> dict[str, Any]:
    values = {f: getattr(service, f) for f in SCALAR_FIELDS}
    values["themes"] = list(service.themes.all())
    values["zone_communes"] = list(service.zone_communes.all())
    return values


def changed_fields(service: Service, values: Mapping[str, Any]) -> list[str]:
    current = _current(service)
    changed = []
    for field, value in values.items():
        if field in RELATED_FIELDS:
            if {o.pk for o in current[field]} != {o.pk for o in value}:
                changed.append(field)
        elif isinstance(value, list) and isinstance(current[field], list):
            if sorted(current[field]) != sorted(value):  # lists of codes: order is meaningless
                changed.append(field)
        elif current[field] != value:
            changed.append(field)
    return changed


def apply(service: Service, values: Mapping[str, Any], changed: list[str]) -> None:
    """Write the changed fields (the service must be saved first for relations)."""
    for field in changed:
        if field not in RELATED_FIELDS:
            setattr(service, field, values[field])
    service.save()
    if "themes" in changed:
        service.themes.set(values["themes"])
    if "zone_communes" in changed:
        service.zone_communes.set(values["zone_communes"])


# --- changes ---------------------------------------------------------------------------


def default_values() -> dict[str, Any]:
    blank = Service()
    values = {f: getattr(blank, f) for f in SCALAR_FIELDS}
    values |= {"publics": [], "reception_modes": [], "mobilisation_modes": []}
    values |= {"mobilisable_by": [], "zone_departments": [], "zone_other": []}
    return values | {"themes": [], "zone_communes": []}


@transaction.atomic
def do_create_service(actor: Actor, structure: Structure, data: Mapping[str, Any]) -> Service:
    if not can_edit_services_of(actor, structure):
        raise Http404
    values = default_values() | clean_values(data)
    # Hours that say "evening" or "Saturday" set the flag; it can also be set without hours.
    values["evenings_saturdays"] = bool(
        values["evenings_saturdays"]
    ) or opens_evenings_or_saturdays(values["opening_hours"])
    validate_service(values)
    service = Service(
        structure=structure,
        source=LOCAL_SOURCE,
        external_id=f"{LOCAL_SOURCE}--{uuid.uuid4().hex[:16]}",
        updated_on=timezone.localdate(),
        updated_by=actor.user,
    )
    apply(service, values, [*SCALAR_FIELDS, *RELATED_FIELDS])
    return service


@transaction.atomic
def do_update_service(actor: Actor, service: Service, data: Mapping[str, Any]) -> list[str]:
    if not can_edit_services_of(actor, service.structure):
        raise Http404
    values = clean_values(data)
    merged = _current(service) | values
    if "opening_hours" in values or "evenings_saturdays" in values:
        values["evenings_saturdays"] = bool(
            merged["evenings_saturdays"]
        ) or opens_evenings_or_saturdays(merged["opening_hours"])
    validate_service(merged)
    changed = changed_fields(service, values)
    if changed:
        service.updated_on = timezone.localdate()
        service.updated_by = actor.user
        apply(service, values, changed)
    return changed


@transaction.atomic
def do_delete_service(actor: Actor, service: Service) -> None:
    if not can_edit_services_of(actor, service.structure):
        raise Http404
    service.delete()
