"""A service in words: the data·inclusion values turned into their French labels."""

from dataclasses import dataclass

from data_inclusion.schema.v1 import (
    Frais,
    ModeAccueil,
    ModeMobilisation,
    PersonneMobilisatrice,
    Public,
    TypeService,
)
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accroche.partner_services.services import NATIONWIDE, label_of
from accroche.territory.models import Service


@dataclass(frozen=True)
class ServiceRow:
    service: Service
    type: str
    publics: list[str]
    fees: str
    reception: list[str]
    mobilisation: list[str]
    mobilisable_by: list[str]
    categories: list[str]
    themes: list[str]
    zone: str


def zone_in_words(service: Service) -> str:
    """ "Rouen, Bihorel", "14 communes", "tout le 76"…, from a ``with_details`` service."""
    parts = []
    communes = [c.name for c in service.zone_communes.all()]
    if len(communes) > 3:
        parts.append(
            ngettext("%(n)s commune", "%(n)s communes", len(communes)) % {"n": len(communes)}
        )
    elif communes:
        parts.append(", ".join(communes))
    if service.zone_departments:
        parts.append(
            _("tout le département %(codes)s") % {"codes": ", ".join(service.zone_departments)}
        )
    if NATIONWIDE & set(service.zone_other):
        parts.append(_("toute la France"))
    if not parts and service.commune is not None:
        parts.append(_("à %(commune)s") % {"commune": service.commune.name})
    return " ; ".join(parts) or _("non précisée")


def describe(service: Service) -> ServiceRow:
    themes = list(service.themes.all())
    return ServiceRow(
        service=service,
        type=label_of(TypeService, service.type) if service.type else "",
        publics=[label_of(Public, v) for v in service.publics],
        fees=label_of(Frais, service.fees) if service.fees else "",
        reception=[label_of(ModeAccueil, v) for v in service.reception_modes],
        mobilisation=[label_of(ModeMobilisation, v) for v in service.mobilisation_modes],
        mobilisable_by=[label_of(PersonneMobilisatrice, v) for v in service.mobilisable_by],
        categories=sorted({t.category.label for t in themes}),
        themes=[t.label for t in themes],
        zone=zone_in_words(service),
    )
