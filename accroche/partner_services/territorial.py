"""Territorial diagnostics of a programme: who reads and records them, new versions, and
the comparison of two versions.

Everyone whose structure takes part in the programme reads them (no personal data: the
resource people are professionals). A coordinator of a structure taking part records a
new version; versions are never changed afterwards, so a diagnostic redone a year later
can be compared with the first one.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Count, Max, Prefetch, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from accroche.access.actor import Actor
from accroche.access.permissions import Perm
from accroche.organisations.models import Participation, Programme, Structure
from accroche.organisations.programmes import programmes_visible_to
from accroche.territory.lookup import commune_label
from accroche.territory.models import (
    Commune,
    DiagnosticArea,
    MeshScore,
    ResourcePerson,
    TerritorialDiagnostic,
)
from accroche.text import normalise_text

TEXT_FIELDS = ("other_actors", "actions", "partnership", "needs", "outreach_practices")
PERSON_FIELDS = ("name", "role", "organisation", "phone", "email")

# --- who may see what ---------------------------------------------------------------


def can_record(actor: Actor, programme: Programme) -> bool:
    return (
        actor.can(Perm.RECORD_TERRITORY)
        and Participation.objects.filter(
            programme=programme, structure_id=actor.structure_id
        ).exists()
    )


def areas_visible_to(actor: Actor) -> QuerySet[DiagnosticArea]:
    if not actor.can(Perm.VIEW_TERRITORY):
        return DiagnosticArea.objects.none()
    return DiagnosticArea.objects.filter(programme__in=programmes_visible_to(actor))


def areas_of(programme: Programme) -> QuerySet[DiagnosticArea]:
    """``programme`` comes from ``get_programme``. With their communes and the number and
    last date of their versions."""
    return (
        programme.diagnostic_areas.annotate(
            version_count=Count("versions"), last_done_on=Max("versions__done_on")
        )
        .prefetch_related(Prefetch("communes", queryset=Commune.objects.order_by("name")))
        .order_by("name")
    )


def get_area(actor: Actor, pk: int) -> DiagnosticArea:
    area = (
        areas_visible_to(actor)
        .select_related("programme")
        .prefetch_related(Prefetch("communes", queryset=Commune.objects.order_by("name")))
        .filter(pk=pk)
        .first()
    )
    if area is None:
        raise Http404
    return area


def with_content(qs: QuerySet[TerritorialDiagnostic]) -> QuerySet[TerritorialDiagnostic]:
    return qs.select_related(
        "area", "area__programme", "author", "author_structure"
    ).prefetch_related(
        Prefetch("structures", queryset=Structure.objects.order_by("name")),
        "resource_people",
        Prefetch("area__communes", queryset=Commune.objects.order_by("name")),
    )


def get_diagnostic(actor: Actor, pk: int) -> TerritorialDiagnostic:
    diagnostic = (
        with_content(TerritorialDiagnostic.objects.filter(area__in=areas_visible_to(actor)))
        .filter(pk=pk)
        .first()
    )
    if diagnostic is None:
        raise Http404
    return diagnostic


def latest_version(area: DiagnosticArea) -> TerritorialDiagnostic | None:
    return with_content(area.versions.order_by("-version")).first()


# --- changes -----------------------------------------------------------------------------


def _validate(
    data: Mapping[str, Any], programme: Programme, previous: TerritorialDiagnostic | None
) -> None:
    errors: dict[str, list[str]] = {}
    done_on = data.get("done_on")
    if done_on is None:
        errors["done_on"] = [_("Indiquez la date du diagnostic.")]
    elif done_on > timezone.localdate():
        errors["done_on"] = [_("La date du diagnostic ne peut pas être dans le futur.")]
    elif previous is not None and done_on < previous.done_on:
        errors["done_on"] = [
            _(
                "La version précédente date du %(date)s : la nouvelle ne peut pas "
                "être plus ancienne."
            )
            % {"date": previous.done_on.strftime("%d/%m/%Y")}
        ]
    if data.get("mesh_score") not in MeshScore.values:
        errors["mesh_score"] = [_("Notez la qualité du maillage de 1 à 5.")]
    taking_part = set(programme.participations.values_list("structure_id", flat=True))
    if any(s.pk not in taking_part for s in data.get("structures") or []):
        errors["structures"] = [_("Choisissez parmi les structures du dispositif.")]
    for person in data.get("resource_people") or []:
        if not (person.get("name") or "").strip():
            errors.setdefault("resource_people", []).append(
                _("Chaque personne ressource a un nom.")
            )
        email = (person.get("email") or "").strip()
        if email:
            try:
                validate_email(email)
            except ValidationError:
                errors.setdefault("resource_people", []).append(
                    _("Adresse e-mail invalide : « %(email)s ».") % {"email": email}
                )
    if errors:
        raise ValidationError(errors)


def _check_area(programme: Programme, name: str, communes: Sequence[Commune]) -> None:
    errors: dict[str, list[str]] = {}
    if not communes:
        errors["communes"] = [_("Indiquez au moins une commune.")]
    territory = set(programme.communes.values_list("pk", flat=True))
    outside = [c for c in communes if territory and c.pk not in territory]
    if outside:
        errors["communes"] = [
            _("Ces communes ne sont pas dans le territoire du dispositif : %(names)s.")
            % {"names": ", ".join(commune_label(c) for c in outside)}
        ]
    if programme.diagnostic_areas.filter(name__iexact=name).exists():
        errors["name"] = [_("Un secteur du dispositif porte déjà ce nom.")]
    wanted = {c.pk for c in communes}
    for area in programme.diagnostic_areas.prefetch_related("communes"):
        if {c.pk for c in area.communes.all()} == wanted:
            errors["communes"] = [
                _(
                    "« %(name)s » a déjà un diagnostic pour ces communes : faites-en "
                    "une nouvelle version."
                )
                % {"name": area.name}
            ]
    if errors:
        raise ValidationError(errors)


def _save_version(
    actor: Actor, area: DiagnosticArea, version: int, data: Mapping[str, Any]
) -> TerritorialDiagnostic:
    diagnostic = TerritorialDiagnostic.objects.create(
        area=area,
        version=version,
        done_on=data["done_on"],
        mesh_score=data["mesh_score"],
        author=actor.user,
        author_structure_id=actor.structure_id,
        **{f: normalise_text(data.get(f) or "") for f in TEXT_FIELDS},
    )
    diagnostic.structures.set(data.get("structures") or [])
    ResourcePerson.objects.bulk_create(
        ResourcePerson(
            diagnostic=diagnostic, **{f: (p.get(f) or "").strip() for f in PERSON_FIELDS}
        )
        for p in data.get("resource_people") or []
    )
    return diagnostic


@transaction.atomic
def do_record_first_diagnostic(
    actor: Actor,
    programme: Programme,
    communes: Sequence[Commune],
    data: Mapping[str, Any],
    *,
    name: str = "",
) -> TerritorialDiagnostic:
    """A new sector (one commune or a group) with its first diagnostic."""
    if not can_record(actor, programme):
        raise Http404
    name = name.strip() or ", ".join(c.name for c in communes)
    _check_area(programme, name, communes)
    _validate(data, programme, None)
    area = DiagnosticArea.objects.create(programme=programme, name=name[:200])
    area.communes.set(communes)
    return _save_version(actor, area, 1, data)


@transaction.atomic
def do_record_new_version(
    actor: Actor, area: DiagnosticArea, data: Mapping[str, Any]
) -> TerritorialDiagnostic:
    if not can_record(actor, area.programme):
        raise Http404
    DiagnosticArea.objects.select_for_update().filter(pk=area.pk).first()
    previous = area.versions.order_by("-version").first()
    _validate(data, area.programme, previous)
    return _save_version(actor, area, (previous.version if previous else 0) + 1, data)


# --- comparing two versions --------------------------------------------------------------


@dataclass(frozen=True)
class Difference:
    label: str
    before: str
    after: str

    @property
    def changed(self) -> bool:
        # Versions saved before line ends were normalised may still hold "\r\n".
        return normalise_text(self.before) != normalise_text(self.after)


@dataclass(frozen=True)
class Comparison:
    before: TerritorialDiagnostic
    after: TerritorialDiagnostic
    fields: tuple[Difference, ...]
    structures_added: tuple[str, ...]
    structures_gone: tuple[str, ...]
    people_added: tuple[str, ...]
    people_gone: tuple[str, ...]

    @property
    def score_change(self) -> int:
        return self.after.mesh_score - self.before.mesh_score


def _label(name: str) -> str:
    return str(getattr(TerritorialDiagnostic._meta.get_field(name), "verbose_name", name))


def _person(p: ResourcePerson) -> str:
    return " – ".join(part for part in (p.name, p.role, p.organisation) if part)


def compare(before: TerritorialDiagnostic, after: TerritorialDiagnostic) -> Comparison:
    """Both versions come from ``with_content``; ``before`` is the older one."""
    if (before.done_on, before.version) > (after.done_on, after.version):
        before, after = after, before
    labels = {f: _label(f) for f in TEXT_FIELDS}
    fields = [
        Difference(
            _label("mesh_score"),
            str(before.mesh_score),
            str(after.mesh_score),
        ),
        *(Difference(labels[f], getattr(before, f), getattr(after, f)) for f in TEXT_FIELDS),
    ]
    old_structures = {s.name for s in before.structures.all()}
    new_structures = {s.name for s in after.structures.all()}
    old_people = {_person(p) for p in before.resource_people.all()}
    new_people = {_person(p) for p in after.resource_people.all()}
    return Comparison(
        before=before,
        after=after,
        fields=tuple(fields),
        structures_added=tuple(sorted(new_structures - old_structures)),
        structures_gone=tuple(sorted(old_structures - new_structures)),
        people_added=tuple(sorted(new_people - old_people)),
        people_gone=tuple(sorted(old_people - new_people)),
    )
