"""Multidisciplinary follow-up teams, one per commune of a programme.

Everyone whose structure takes part in the programme reads them; the coordinator of the
lead structure sets them up. Members are professionals of the structures taking part.
"""

from collections.abc import Mapping, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Count, Prefetch, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from accroche.access.actor import Actor
from accroche.organisations.models import Programme
from accroche.organisations.programmes import programmes_visible_to, require_edit
from accroche.projects.models import FollowUpTeam, TeamMember
from accroche.territory.lookup import commune_label
from accroche.territory.models import Commune

MEMBER_FIELDS = ("name", "role", "phone", "email", "availability")


def teams_of(programme: Programme) -> QuerySet[FollowUpTeam]:
    return (
        FollowUpTeam.objects.filter(programme=programme)
        .select_related("commune")
        .annotate(structure_count=Count("members__structure", distinct=True))
        .prefetch_related(
            Prefetch("members", queryset=TeamMember.objects.select_related("structure"))
        )
    )


def get_team(actor: Actor, pk: int) -> FollowUpTeam:
    team = (
        FollowUpTeam.objects.filter(programme__in=programmes_visible_to(actor))
        .select_related("programme", "programme__lead_structure", "commune")
        .prefetch_related(
            Prefetch("members", queryset=TeamMember.objects.select_related("structure"))
        )
        .filter(pk=pk)
        .first()
    )
    if team is None:
        raise Http404
    return team


def _check_team(
    programme: Programme, commune: Commune | None, name: str, team: FollowUpTeam | None
) -> None:
    errors: dict[str, str] = {}
    if not name.strip():
        errors["name"] = _("Donnez un nom à l'équipe.")
    if commune is None:
        errors["commune"] = _("Indiquez la commune de l'équipe.")
    else:
        territory = set(programme.communes.values_list("pk", flat=True))
        if territory and commune.pk not in territory:
            errors["commune"] = _("%(commune)s n'est pas dans le territoire du dispositif.") % {
                "commune": commune_label(commune)
            }
        others = FollowUpTeam.objects.filter(programme=programme, commune=commune)
        if team is not None:
            others = others.exclude(pk=team.pk)
        if others.exists():
            errors["commune"] = _("Cette commune a déjà son équipe : complétez-la plutôt.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def do_create_team(actor: Actor, programme: Programme, data: Mapping[str, Any]) -> FollowUpTeam:
    require_edit(actor, programme)
    name = (data.get("name") or "").strip()
    _check_team(programme, data.get("commune"), name, None)
    return FollowUpTeam.objects.create(
        programme=programme,
        commune=data["commune"],
        name=name,
        meets=(data.get("meets") or "").strip(),
    )


@transaction.atomic
def do_update_team(
    actor: Actor,
    team: FollowUpTeam,
    data: Mapping[str, Any],
    members: Sequence[Mapping[str, Any]] | None = None,
) -> None:
    """Name, commune, meetings and, if given, the members: all or nothing."""
    require_edit(actor, team.programme)
    name = (data.get("name") or "").strip()
    commune = data.get("commune", team.commune)
    _check_team(team.programme, commune, name, team)
    if members is not None:
        _check_members(team, members)
    team.name, team.meets, team.commune = name, (data.get("meets") or "").strip(), commune
    team.save(update_fields=["name", "meets", "commune"])
    if members is not None:
        _replace_members(team, members)


@transaction.atomic
def do_set_team_members(
    actor: Actor, team: FollowUpTeam, rows: Sequence[Mapping[str, Any]]
) -> list[TeamMember]:
    """The team's members become exactly ``rows`` (structure, name, role, contact)."""
    require_edit(actor, team.programme)
    _check_members(team, rows)
    return _replace_members(team, rows)


def _check_members(team: FollowUpTeam, rows: Sequence[Mapping[str, Any]]) -> None:
    taking_part = set(team.programme.participations.values_list("structure_id", flat=True))
    errors: list[str] = []
    for number, row in enumerate(rows, start=1):
        structure = row.get("structure")
        if structure is None or structure.pk not in taking_part:
            errors.append(
                _("Membre %(n)s : choisissez une structure du dispositif.") % {"n": number}
            )
        if not (row.get("name") or "").strip():
            errors.append(_("Membre %(n)s : indiquez son nom.") % {"n": number})
        if not (row.get("role") or "").strip():
            errors.append(_("Membre %(n)s : indiquez son rôle dans l'équipe.") % {"n": number})
        email = (row.get("email") or "").strip()
        if email:
            try:
                validate_email(email)
            except ValidationError:
                errors.append(_("Membre %(n)s : adresse e-mail invalide.") % {"n": number})
    if errors:
        raise ValidationError({"members": errors})


def _replace_members(team: FollowUpTeam, rows: Sequence[Mapping[str, Any]]) -> list[TeamMember]:
    team.members.all().delete()
    return TeamMember.objects.bulk_create(
        TeamMember(
            team=team,
            structure=row["structure"],
            is_public=bool(row.get("is_public")),
            **{f: (row.get(f) or "").strip() for f in MEMBER_FIELDS},
        )
        for row in rows
    )


@transaction.atomic
def do_delete_team(actor: Actor, team: FollowUpTeam) -> None:
    require_edit(actor, team.programme)
    team.delete()
