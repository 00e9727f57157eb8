"""Follow-up teams of a programme: the list (everyone taking part), one team, and its
set-up by the lead structure's coordinator."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accroche.access.permissions import Perm
from accroche.organisations.programmes import can_edit_programme, get_programme
from accroche.projects.teams import (
    do_create_team,
    do_delete_team,
    do_update_team,
    get_team,
    teams_of,
)
from accroche.www.forms import add_domain_errors
from accroche.www.http import AccrocheRequest, actor_of
from accroche.www.projects_views.forms import (
    TeamForm,
    TeamMemberFormSet,
    member_rows,
    programme_structures,
)


def teams(request: AccrocheRequest, pk: int) -> HttpResponse:
    actor = actor_of(request)
    actor.require(Perm.VIEW_TERRITORY)
    programme = get_programme(actor, pk)
    return render(
        request,
        "projects/teams.html",
        {
            "programme": programme,
            "teams": list(teams_of(programme)),
            "can_edit": can_edit_programme(actor, programme),
        },
    )


def team_create(request: AccrocheRequest, pk: int) -> HttpResponse:
    actor = actor_of(request)
    programme = get_programme(actor, pk, edit=True)
    form = TeamForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            team = do_create_team(actor, programme, form.cleaned_data)
        except ValidationError as exc:
            add_domain_errors(form, exc)
        else:
            messages.success(request, _("Équipe créée : ajoutez maintenant ses membres."))
            return redirect("projects:team_edit", team.pk)
    return render(
        request, "projects/team_form.html", {"form": form, "programme": programme, "team": None}
    )


def team_detail(request: AccrocheRequest, pk: int) -> HttpResponse:
    actor = actor_of(request)
    actor.require(Perm.VIEW_TERRITORY)
    team = get_team(actor, pk)
    return render(
        request,
        "projects/team.html",
        {
            "team": team,
            "programme": team.programme,
            "can_edit": can_edit_programme(actor, team.programme),
        },
    )


def team_edit(request: AccrocheRequest, pk: int) -> HttpResponse:
    actor = actor_of(request)
    team = get_team(actor, pk)
    programme = get_programme(actor, team.programme_id, edit=True)
    structures = programme_structures(programme)
    form = TeamForm(request.POST or None, instance=team)
    initial = [
        {
            "structure": m.structure_id,
            "name": m.name,
            "role": m.role,
            "phone": m.phone,
            "email": m.email,
            "availability": m.availability,
            "is_public": m.is_public,
        }
        for m in team.members.all()
    ]
    formset = TeamMemberFormSet(
        request.POST or None,
        prefix="members",
        initial=initial,
        form_kwargs={"structures": structures},
    )
    errors: list[str] = []
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        try:
            do_update_team(actor, team, form.cleaned_data, member_rows(formset))
        except ValidationError as exc:
            by_field = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
            errors = by_field.pop("members", [])
            for field, field_errors in by_field.items():
                form.add_error(field if field in form.fields else None, field_errors)
        else:
            messages.success(request, _("Équipe enregistrée."))
            return redirect("projects:team", team.pk)
    return render(
        request,
        "projects/team_form.html",
        {
            "form": form,
            "programme": programme,
            "team": team,
            "members": formset,
            "errors": errors,
        },
    )


@require_POST
def team_delete(request: AccrocheRequest, pk: int) -> HttpResponse:
    actor = actor_of(request)
    team = get_team(actor, pk)
    do_delete_team(actor, team)
    messages.success(request, _("L'équipe « %(name)s » est supprimée.") % {"name": team.name})
    return redirect("projects:teams", team.programme_id)
