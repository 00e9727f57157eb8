"""A programme's territory, and the structures taking part with their zones (communes and
QPV). Zones of different structures may overlap; they lie within the territory, if any."""

from collections.abc import Iterable, Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from accroche.access.actor import Actor
from accroche.organisations.models import Participation, Programme, Structure
from accroche.organisations.programmes import require_edit
from accroche.territory.lookup import commune_label
from accroche.territory.models import Commune, Qpv


def _names(items: Iterable[Commune | Qpv]) -> str:
    return ", ".join(commune_label(i) if isinstance(i, Commune) else i.name for i in items)


def qpvs_of(communes: Iterable[Commune]) -> QuerySet[Qpv]:
    return Qpv.objects.filter(communes__in=list(communes)).distinct().order_by("name")


def _qpvs_outside(qpvs: Iterable[Qpv], commune_ids: set[int]) -> list[Qpv]:
    """The QPVs none of whose communes is in ``commune_ids``."""
    qpvs = list(qpvs)
    inside = set(
        Qpv.communes.through.objects.filter(
            qpv_id__in=[q.pk for q in qpvs], commune_id__in=commune_ids
        ).values_list("qpv_id", flat=True)
    )
    return [q for q in qpvs if q.pk not in inside]


@transaction.atomic
def do_set_territory(
    actor: Actor, programme: Programme, communes: Sequence[Commune], qpvs: Sequence[Qpv]
) -> None:
    """The programme's communes and QPVs. A commune still in a partner's zone stays."""
    require_edit(actor, programme)
    errors: dict[str, str] = {}
    commune_ids = {c.pk for c in communes}
    outside = _qpvs_outside(qpvs, commune_ids)
    if outside:
        errors["qpvs"] = _(
            "Ces quartiers ne sont dans aucune commune du territoire : %(names)s."
        ) % {"names": _names(outside)}
    if commune_ids:
        in_zones = (
            Commune.objects.filter(participation__programme=programme)
            .exclude(pk__in=commune_ids)
            .distinct()
        )
        if in_zones:
            errors["communes"] = _(
                "Ces communes sont dans la zone d'une structure partenaire : %(names)s. "
                "Retirez-les d'abord de sa zone, ou gardez-les dans le territoire."
            ) % {"names": _names(in_zones)}
    if errors:
        raise ValidationError(errors)
    programme.communes.set(communes)
    programme.qpvs.set(qpvs)


def addable_structures(programme: Programme) -> QuerySet[Structure]:
    return Structure.objects.filter(is_active=True).exclude(participations__programme=programme)


@transaction.atomic
def do_set_participation(
    actor: Actor,
    programme: Programme,
    structure: Structure,
    *,
    kind: str,
    communes: Sequence[Commune] = (),
    qpvs: Sequence[Qpv] = (),
) -> Participation:
    """Add a structure to the programme, or change its role and zone. Zones of different
    structures may overlap; they must lie within the programme's territory, if it has one."""
    require_edit(actor, programme)
    errors: dict[str, str] = {}
    is_lead = structure.pk == programme.lead_structure_id
    if is_lead:
        kind = Participation.Kind.LEAD
    elif kind not in Participation.Kind.values or kind == Participation.Kind.LEAD:
        errors["kind"] = _("Choisissez le rôle de la structure (il n'y a qu'un porteur).")
    participation = programme.participations.filter(structure=structure).first()
    if participation is None and not structure.is_active:
        errors["structure"] = _("Cette structure est désactivée.")
    territory = set(programme.communes.values_list("pk", flat=True))
    if territory:
        outside = [c for c in communes if c.pk not in territory]
        if outside:
            errors["communes"] = _(
                "Ces communes ne sont pas dans le territoire du dispositif : %(names)s. "
                "Ajoutez-les d'abord au territoire, ou retirez-les de la zone."
            ) % {"names": _names(outside)}
    qpvs_outside = _qpvs_outside(qpvs, territory) if territory else []
    if qpvs_outside:
        errors["qpvs"] = _(
            "Ces quartiers ne sont pas dans le territoire du dispositif : %(names)s."
        ) % {"names": _names(qpvs_outside)}
    if errors:
        raise ValidationError(errors)
    if participation is None:
        participation = Participation.objects.create(
            programme=programme, structure=structure, kind=kind
        )
    elif participation.kind != kind:
        participation.kind = kind
        participation.save(update_fields=["kind"])
    participation.zone_communes.set(communes)
    participation.zone_qpvs.set(qpvs)
    return participation


@transaction.atomic
def do_remove_participation(
    actor: Actor, programme: Programme, participation: Participation
) -> None:
    require_edit(actor, programme)
    if participation.programme_id != programme.pk:
        raise Http404
    if participation.structure_id == programme.lead_structure_id:
        raise ValidationError(_("La structure porteuse ne peut pas être retirée du dispositif."))
    participation.delete()
