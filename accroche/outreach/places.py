"""Places where teams go. Not personal data; every change is still audited."""

import uuid
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accroche.access import audit
from accroche.access.actor import Actor
from accroche.access.models import AuditEvent
from accroche.access.permissions import Perm
from accroche.outreach.access import outreach_programmes
from accroche.outreach.enums import PlaceKind
from accroche.outreach.idempotency import create_once
from accroche.outreach.models import Place

PLACE_FIELDS = ("name", "kind", "commune", "qpv", "latitude", "longitude", "is_active")


def validate_place(actor: Actor, data: dict[str, Any]) -> None:
    errors: dict[str, list[str]] = {}
    if not (data.get("name") or "").strip():
        errors["name"] = [_("Donnez un nom au lieu (ex. « Hall du 12 rue Verte »).")]
    if data.get("kind") not in PlaceKind.values:
        errors["kind"] = [_("Choisissez le type de lieu.")]
    programme = data.get("programme")
    if programme is not None and not outreach_programmes(actor).filter(pk=programme.pk).exists():
        errors["programme"] = [_("Votre structure ne participe pas à ce dispositif.")]
    commune, qpv = data.get("commune"), data.get("qpv")
    if commune is None and data.get("kind") != PlaceKind.ONLINE:
        errors["commune"] = [_("Indiquez la commune du lieu.")]
    if qpv is not None and commune is not None and not qpv.communes.filter(pk=commune.pk).exists():
        errors["qpv"] = [_("Ce quartier prioritaire n'est pas dans la commune choisie.")]
    lat, lng = data.get("latitude"), data.get("longitude")
    if (lat is None) != (lng is None):
        errors["latitude"] = [_("Donnez la latitude et la longitude, ou aucune des deux.")]
    elif lat is not None and lng is not None and not (-90 <= lat <= 90 and -180 <= lng <= 180):
        errors["latitude"] = [_("Position impossible : vérifiez la latitude et la longitude.")]
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def do_create_place(
    actor: Actor, data: dict[str, Any], *, idempotency_key: uuid.UUID | None = None
) -> tuple[Place, bool]:
    actor.require(Perm.RECORD_OUTREACH)
    if data.get("programme") is None:
        raise ValidationError({"programme": [_("Choisissez le dispositif.")]})
    validate_place(actor, data)

    def create() -> Place:
        values = {f: data[f] for f in PLACE_FIELDS if f in data}
        values["name"] = values["name"].strip()
        place = Place.objects.create(
            programme=data["programme"],
            created_by_structure_id=actor.structure_id,
            created_by=actor.user,
            idempotency_key=idempotency_key,
            **values,
        )
        audit.log(actor, AuditEvent.Action.CREATE, "place", place.pk, fields=values)
        return place

    return create_once(
        Place,
        idempotency_key,
        create,
        owned=lambda p: outreach_programmes(actor).filter(pk=p.programme_id).exists(),
    )


@transaction.atomic
def do_update_place(actor: Actor, place: Place, data: dict[str, Any]) -> list[str]:
    """``place`` comes from ``get_place``: any structure of the programme may fix it."""
    actor.require(Perm.RECORD_OUTREACH)
    merged = {f: getattr(place, f) for f in PLACE_FIELDS} | {
        k: v for k, v in data.items() if k in PLACE_FIELDS
    }
    validate_place(actor, merged)
    changed = [f for f in PLACE_FIELDS if f in data and getattr(place, f) != data[f]]
    for field in changed:
        setattr(place, field, data[field])
    if changed:
        place.save(update_fields=changed)
        audit.log(actor, AuditEvent.Action.UPDATE, "place", place.pk, fields=changed)
    return changed
