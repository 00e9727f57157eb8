"""Structures and their members: who may see or change which, and the changes themselves.

Structures are not personal data (no audit); membership changes decide who reads what,
so each one is written to the audit log.
"""

import re
from collections.abc import Iterator, Mapping
from typing import Any, cast

from data_inclusion.schema.v1 import ReseauPorteur
from django.contrib.auth.forms import PasswordResetForm
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from accroche.access import audit
from accroche.access.actor import Actor
from accroche.access.models import AuditEvent
from accroche.access.permissions import Perm, role_can
from accroche.access.roles import Role
from accroche.accounts.models import User
from accroche.organisations.models import Membership, Participation, Structure, StructureKind
from accroche.territory.models import Commune
from accroche.text import fold

STRUCTURE_FIELDS = ("name", "kind", "network", "siret", "email", "phone", "address", "commune")

# La Poste's establishments all share this SIREN; their SIRET are numbered past what a
# Luhn key allows, so INSEE checks them with "sum of the digits is a multiple of 5".
LA_POSTE_SIREN = "356000000"
LA_POSTE_HEAD_OFFICE = "35600000000048"  # the one La Poste SIRET with a Luhn key


def network_choices() -> list[tuple[str, str]]:
    """The data·inclusion "réseaux porteurs", sorted by label as a person reads them."""
    return sorted(((r.value, r.label) for r in ReseauPorteur), key=lambda c: fold(c[1]))


def network_label(value: str) -> str:
    try:
        return cast(str, ReseauPorteur(value).label)  # data-inclusion-schema is untyped
    except ValueError:
        return value


def _luhn_ok(digits: str) -> bool:
    total = 0
    for position, char in enumerate(reversed(digits)):
        n = int(char) * (2 if position % 2 else 1)
        total += n - 9 if n > 9 else n
    return total % 10 == 0


def normalise_siret(siret: str) -> str:
    return re.sub(r"[\s.]", "", siret or "")


def siret_is_valid(siret: str) -> bool:
    if not re.fullmatch(r"\d{14}", siret):
        return False
    if siret.startswith(LA_POSTE_SIREN) and siret != LA_POSTE_HEAD_OFFICE:
        return sum(int(c) for c in siret) % 5 == 0
    return _luhn_ok(siret)


# --- who may see what ---------------------------------------------------------------


def structures_visible_to(actor: Actor) -> QuerySet[Structure]:
    """The consortium's directory: every structure, for those who manage structures."""
    if not actor.can(Perm.MANAGE_STRUCTURES):
        return Structure.objects.none()
    return Structure.objects.all()


def structures_editable_by(actor: Actor) -> QuerySet[Structure]:
    """An admin edits any structure; a coordinator their own one and the partners of the
    programmes their structure leads."""
    if not actor.can(Perm.MANAGE_STRUCTURES):
        return Structure.objects.none()
    if actor.can(Perm.EDIT_ANY_STRUCTURE):
        return Structure.objects.all()
    partners = Participation.objects.filter(programme__lead_structure_id=actor.structure_id).values(
        "structure_id"
    )
    return Structure.objects.filter(Q(pk=actor.structure_id) | Q(pk__in=partners))


def with_member_counts(qs: QuerySet[Structure]) -> QuerySet[Structure]:
    return qs.annotate(
        active_member_count=Count("memberships", filter=Q(memberships__is_active=True))
    )


def get_structure(actor: Actor, pk: int, *, edit: bool = False) -> Structure:
    qs = structures_editable_by(actor) if edit else structures_visible_to(actor)
    structure = qs.select_related("commune").filter(pk=pk).first()
    if structure is None:
        raise Http404
    return structure


def can_edit_structure(actor: Actor, structure: Structure) -> bool:
    return structures_editable_by(actor).filter(pk=structure.pk).exists()


def can_manage_members(actor: Actor, structure: Structure) -> bool:
    """An admin manages the members of any structure; a coordinator only of their own."""
    if not actor.can(Perm.MANAGE_MEMBERS):
        return False
    return actor.can(Perm.MANAGE_ANY_MEMBERS) or structure.pk == actor.structure_id


def memberships_manageable_by(actor: Actor) -> QuerySet[Membership]:
    if not actor.can(Perm.MANAGE_MEMBERS):
        return Membership.objects.none()
    if actor.can(Perm.MANAGE_ANY_MEMBERS):
        return Membership.objects.all()
    return Membership.objects.filter(structure_id=actor.structure_id)


def get_membership(actor: Actor, structure_pk: int, pk: int) -> Membership:
    membership = (
        memberships_manageable_by(actor)
        .select_related("user", "structure")
        .filter(structure_id=structure_pk, pk=pk)
        .first()
    )
    if membership is None:
        raise Http404
    return membership


def assignable_roles(actor: Actor) -> list[Role]:
    """Only someone who manages every structure's members may make someone else do so: a
    coordinator cannot make someone an admin (who would then manage every structure)."""
    if actor.can(Perm.MANAGE_ANY_MEMBERS):
        return list(Role)
    return [role for role in Role if not role_can(role, Perm.MANAGE_ANY_MEMBERS)]


# --- structures ----------------------------------------------------------------------


def validate_structure(data: Mapping[str, Any], instance: Structure | None = None) -> None:
    errors: dict[str, str] = {}
    name = (data.get("name") or "").strip()
    if not name:
        errors["name"] = _("Indiquez le nom de la structure.")
    else:
        same = Structure.objects.filter(name__iexact=name)
        if instance is not None:
            same = same.exclude(pk=instance.pk)
        if same.exists():
            errors["name"] = _("Une structure porte déjà ce nom.")
    if data.get("kind") not in StructureKind.values:
        errors["kind"] = _("Choisissez le type de structure.")
    network = data.get("network") or ""
    if network and network not in {r.value for r in ReseauPorteur}:
        errors["network"] = _("Réseau inconnu : choisissez dans la liste data·inclusion.")
    siret = data.get("siret") or ""
    if siret and not re.fullmatch(r"\d{14}", siret):
        errors["siret"] = _("Le SIRET compte 14 chiffres.")
    elif siret and not siret_is_valid(siret):
        errors["siret"] = _("Ce SIRET n'existe pas (la clé de contrôle ne correspond pas).")
    if data.get("email"):
        try:
            validate_email(data["email"])
        except ValidationError:
            errors["email"] = _("Adresse e-mail invalide.")
    commune = data.get("commune")
    if commune is not None and not isinstance(commune, Commune):
        errors["commune"] = _("Commune inconnue.")
    if errors:
        raise ValidationError(errors)


def _clean_structure_data(data: Mapping[str, Any]) -> dict[str, Any]:
    values = {field: data[field] for field in STRUCTURE_FIELDS if field in data}
    for field in ("name", "network", "email", "phone", "address"):
        if field in values:
            values[field] = (values[field] or "").strip()
    if "siret" in values:
        values["siret"] = normalise_siret(values["siret"])
    return values


@transaction.atomic
def do_create_structure(actor: Actor, data: Mapping[str, Any]) -> Structure:
    actor.require(Perm.MANAGE_STRUCTURES)
    values = _clean_structure_data(data)
    validate_structure(values)
    return Structure.objects.create(**values)


@transaction.atomic
def do_update_structure(actor: Actor, structure: Structure, data: Mapping[str, Any]) -> list[str]:
    if not can_edit_structure(actor, structure):
        raise Http404
    values = _clean_structure_data(data)
    merged = {field: getattr(structure, field) for field in STRUCTURE_FIELDS} | values
    validate_structure(merged, instance=structure)
    changed = [f for f in values if getattr(structure, f) != values[f]]
    for field in changed:
        setattr(structure, field, values[field])
    if changed:
        structure.save(update_fields=changed)
    return changed


# --- members -------------------------------------------------------------------------


class _InvitationForm(PasswordResetForm):
    """Django's password-reset e-mail, sent to a user who has no password yet (the stock
    form skips users without a usable password)."""

    def __init__(self, user: User) -> None:
        super().__init__({"email": user.email})
        self.user = user

    def get_users(self, email: str) -> Iterator[Any]:
        yield self.user


def send_invitation(user: User, *, domain: str, use_https: bool) -> None:
    form = _InvitationForm(user)
    form.is_valid()
    form.save(
        domain_override=domain,
        use_https=use_https,
        email_template_name="accounts/password_reset_email.txt",
        subject_template_name="accounts/password_reset_subject.txt",
    )


def _check_role(actor: Actor, role: str) -> None:
    if role not in Role.values:
        raise ValidationError({"role": _("Choisissez un rôle.")})
    if role not in assignable_roles(actor):
        raise ValidationError({"role": _("Seul·e un·e administrateur·rice peut donner ce rôle.")})


def may_change(actor: Actor, membership: Membership) -> bool:
    try:
        _check_may_change(actor, membership)
    except ValidationError:
        return False
    return True


def _check_may_change(actor: Actor, membership: Membership) -> None:
    if membership.pk == actor.membership.pk:
        raise ValidationError(
            _(
                "Vous ne pouvez pas modifier votre propre rattachement : demandez-le à une "
                "autre personne qui gère les membres."
            )
        )
    every_structure = Perm.MANAGE_ANY_MEMBERS
    if role_can(membership.role, every_structure) and not actor.can(every_structure):
        raise ValidationError(
            _(
                "Seul·e un·e administrateur·rice peut modifier le rattachement "
                "d'un·e administrateur·rice."
            )
        )


@transaction.atomic
def do_add_member(
    actor: Actor,
    structure: Structure,
    data: Mapping[str, Any],
    *,
    domain: str,
    use_https: bool = True,
) -> Membership:
    """Attach a person to the structure, creating their account if the e-mail is new.

    A person without a password yet gets the e-mail to choose one, once the transaction
    is committed (never for a change that was rolled back)."""
    if not can_manage_members(actor, structure):
        raise Http404
    email = (data.get("email") or "").strip().lower()
    first_name = (data.get("first_name") or "").strip()
    last_name = (data.get("last_name") or "").strip()
    role = data.get("role") or ""
    errors: dict[str, str] = {}
    try:
        validate_email(email)
    except ValidationError:
        errors["email"] = _("Adresse e-mail invalide.")
    user = User.objects.filter(email__iexact=email).first() if email else None
    if user is None:
        if not first_name:
            errors["first_name"] = _("Indiquez le prénom.")
        if not last_name:
            errors["last_name"] = _("Indiquez le nom.")
    if errors:
        raise ValidationError(errors)
    _check_role(actor, role)

    if user is None:
        user = User.objects.create_user(email, None, first_name=first_name, last_name=last_name)
    membership = Membership.objects.filter(user=user, structure=structure).first()
    if membership is None:
        membership = Membership.objects.create(user=user, structure=structure, role=role)
        audit.log(
            actor,
            AuditEvent.Action.CREATE,
            "membership",
            membership.pk,
            fields=["user", "structure", "role"],
        )
    elif membership.is_active:
        raise ValidationError({"email": _("Cette personne fait déjà partie de la structure.")})
    else:
        membership.is_active, membership.role = True, role
        membership.save(update_fields=["is_active", "role"])
        audit.log(
            actor,
            AuditEvent.Action.UPDATE,
            "membership",
            membership.pk,
            fields=["is_active", "role"],
        )
    if not user.has_usable_password():
        invited = user
        transaction.on_commit(lambda: send_invitation(invited, domain=domain, use_https=use_https))
    return membership


@transaction.atomic
def do_change_member_role(actor: Actor, membership: Membership, role: str) -> bool:
    if not memberships_manageable_by(actor).filter(pk=membership.pk).exists():
        raise Http404
    _check_may_change(actor, membership)
    _check_role(actor, role)
    if membership.role == role:
        return False
    membership.role = role
    membership.save(update_fields=["role"])
    audit.log(actor, AuditEvent.Action.UPDATE, "membership", membership.pk, fields=["role"])
    return True


@transaction.atomic
def do_deactivate_member(actor: Actor, membership: Membership) -> bool:
    """The membership is kept (the audit log and past work refer to it), never deleted."""
    if not memberships_manageable_by(actor).filter(pk=membership.pk).exists():
        raise Http404
    if membership.pk == actor.membership.pk:
        raise ValidationError(_("Vous ne pouvez pas désactiver votre propre rattachement."))
    _check_may_change(actor, membership)
    if not membership.is_active:
        return False
    membership.is_active = False
    membership.save(update_fields=["is_active"])
    audit.log(actor, AuditEvent.Action.UPDATE, "membership", membership.pk, fields=["is_active"])
    return True
