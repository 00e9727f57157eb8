from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from accroche.access.permissions import Perm
from accroche.accounts import two_factor
from accroche.accounts.two_factor_reset import do_reset_two_factor
from accroche.organisations.structures import (
    can_edit_structure,
    can_manage_members,
    do_add_member,
    do_change_member_role,
    do_create_structure,
    do_deactivate_member,
    do_update_structure,
    get_membership,
    get_structure,
    may_change,
    network_label,
    structures_visible_to,
    with_member_counts,
)
from accroche.www.forms import add_domain_errors
from accroche.www.http import AccrocheRequest, actor_of
from accroche.www.structures_views.forms import (
    MemberAddForm,
    MemberRoleForm,
    StructureForm,
    TwoFactorResetForm,
)


def list_view(request: AccrocheRequest) -> HttpResponse:
    actor = actor_of(request)
    actor.require(Perm.MANAGE_STRUCTURES)
    structures = with_member_counts(structures_visible_to(actor)).order_by("name")
    rows = [
        {"structure": s, "network": network_label(s.network) if s.network else ""}
        for s in structures
    ]
    return render(request, "structures/list.html", {"rows": rows})


def create(request: AccrocheRequest) -> HttpResponse:
    actor = actor_of(request)
    actor.require(Perm.MANAGE_STRUCTURES)
    form = StructureForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            structure = do_create_structure(actor, form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Structure créée."))
            return redirect("structures:detail", structure.pk)
    return render(request, "structures/form.html", {"form": form, "structure": None})


def detail(request: AccrocheRequest, pk: int) -> HttpResponse:
    actor = actor_of(request)
    structure = get_structure(actor, pk)
    can_edit = can_edit_structure(actor, structure)
    can_manage = can_manage_members(actor, structure)
    # Members are shown to those who may change the structure, not to the whole directory.
    members = (
        list(
            structure.memberships.select_related("user").order_by(
                "-is_active", "user__last_name", "user__first_name"
            )
        )
        if can_edit or can_manage
        else None
    )
    return render(
        request,
        "structures/detail.html",
        {
            "structure": structure,
            "network": network_label(structure.network) if structure.network else "",
            "members": members,
            "can_edit": can_edit,
            "can_manage": can_manage,
        },
    )


def edit(request: AccrocheRequest, pk: int) -> HttpResponse:
    actor = actor_of(request)
    structure = get_structure(actor, pk, edit=True)
    form = StructureForm(request.POST or None, instance=structure)
    if request.method == "POST" and form.is_valid():
        try:
            do_update_structure(actor, structure, form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Modifications enregistrées."))
            return redirect("structures:detail", structure.pk)
    return render(request, "structures/form.html", {"form": form, "structure": structure})


def member_add(request: AccrocheRequest, pk: int) -> HttpResponse:
    actor = actor_of(request)
    structure = get_structure(actor, pk)
    if not can_manage_members(actor, structure):
        raise Http404
    form = MemberAddForm(request.POST or None, actor=actor)
    if request.method == "POST" and form.is_valid():
        try:
            membership = do_add_member(
                actor,
                structure,
                form.cleaned_data,
                domain=request.get_host(),
                use_https=request.is_secure(),
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            if membership.user.has_usable_password():
                text = _("%(name)s fait maintenant partie de la structure.")
            else:
                text = _(
                    "%(name)s fait maintenant partie de la structure. Un e-mail lui a été "
                    "envoyé pour choisir son mot de passe."
                )
            messages.success(request, text % {"name": membership.user.get_full_name()})
            return redirect("structures:detail", structure.pk)
    return render(request, "structures/member_add.html", {"form": form, "structure": structure})


def member(request: AccrocheRequest, pk: int, membership_pk: int) -> HttpResponse:
    actor = actor_of(request)
    membership = get_membership(actor, pk, membership_pk)
    changeable = may_change(actor, membership)
    form = MemberRoleForm(request.POST or None, actor=actor, initial={"role": membership.role})
    if request.method == "POST" and form.is_valid():
        try:
            do_change_member_role(actor, membership, form.cleaned_data["role"])
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Rôle modifié."))
            return redirect("structures:detail", pk)
    return render(
        request,
        "structures/member.html",
        {
            "form": form,
            "membership": membership,
            "structure": membership.structure,
            "is_self": membership.pk == actor.membership.pk,
            "may_change": changeable,
            "has_two_factor": changeable and two_factor.has_device(membership.user),
        },
    )


def member_two_factor_reset(request: AccrocheRequest, pk: int, membership_pk: int) -> HttpResponse:
    actor = actor_of(request)
    membership = get_membership(actor, pk, membership_pk)
    if not may_change(actor, membership):
        messages.error(
            request, _("Vous ne pouvez pas réinitialiser la double authentification de ce compte.")
        )
        return redirect("structures:member", pk, membership_pk)
    form = TwoFactorResetForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            ended = do_reset_two_factor(
                actor,
                membership,
                password=form.cleaned_data["password"],
                identity_checked=form.cleaned_data["identity_checked"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as exc:
            add_domain_errors(form, exc)
        else:
            messages.success(
                request,
                ngettext(
                    "Double authentification de %(name)s réinitialisée ; %(count)s session "
                    "fermée. À sa prochaine connexion, elle activera une nouvelle application.",
                    "Double authentification de %(name)s réinitialisée ; %(count)s sessions "
                    "fermées. À sa prochaine connexion, elle activera une nouvelle application.",
                    ended,
                )
                % {"name": membership.user.get_full_name(), "count": ended},
            )
            return redirect("structures:member", pk, membership_pk)
    return render(
        request,
        "structures/member_two_factor_reset.html",
        {"form": form, "membership": membership, "structure": membership.structure},
    )


@require_POST
def member_deactivate(request: AccrocheRequest, pk: int, membership_pk: int) -> HttpResponse:
    actor = actor_of(request)
    membership = get_membership(actor, pk, membership_pk)
    try:
        do_deactivate_member(actor, membership)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("structures:member", pk, membership_pk)
    messages.success(
        request,
        _("%(name)s n'a plus accès à la structure. Son travail passé reste visible.")
        % {"name": membership.user.get_full_name()},
    )
    return redirect("structures:detail", pk)
