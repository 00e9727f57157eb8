"""Resetting a user's second factor (a lost or replaced phone) without touching the
database by hand: an admin, or a coordinator of one of the user's structures, re-types
their own password and states that they checked the person's identity, with a reason.
The user's application and recovery codes are deleted and their sessions ended: at the
next login they enrol a new application. Audited, and the user is told by e-mail."""

from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import models, transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from accroche.access import audit
from accroche.access.actor import Actor
from accroche.access.models import AuditEvent
from accroche.accounts import ratelimit
from accroche.accounts.models import User
from accroche.organisations.models import Membership
from accroche.organisations.structures import may_change, memberships_manageable_by

# Wrong passwords at the identity check, per person resetting, in an hour.
PASSWORD_TRIES_PER_HOUR = 5


class ResetReason(models.TextChoices):
    LOST = "lost_phone", gettext_lazy("Téléphone perdu ou volé")
    NEW_PHONE = "new_phone", gettext_lazy("Nouveau téléphone")
    APP_REMOVED = "app_removed", gettext_lazy("Application supprimée ou réinstallée")
    OTHER = "other", gettext_lazy("Autre raison")


def may_reset_two_factor(actor: Actor, membership: Membership) -> bool:
    """Those who may change the membership (never their own, never an admin's unless
    admin themselves)."""
    return memberships_manageable_by(actor).filter(pk=membership.pk).exists() and may_change(
        actor, membership
    )


def do_reset_two_factor(
    actor: Actor, membership: Membership, *, password: str, identity_checked: bool, reason: str
) -> int:
    """Returns the number of sessions ended. Raises ValidationError (by field) when the
    identity check is not complete; nothing is changed then (but a wrong password counts,
    hence the checks before the transaction)."""
    if not memberships_manageable_by(actor).filter(pk=membership.pk).exists():
        raise Http404
    if not may_change(actor, membership):
        raise ValidationError(
            _("Vous ne pouvez pas réinitialiser la double authentification de ce compte.")
        )
    errors: dict[str, str] = {}
    tries = ("two-factor-reset-password", str(actor.user.pk))
    if ratelimit.recent(*tries) >= PASSWORD_TRIES_PER_HOUR:
        errors["password"] = _("Trop de mots de passe erronés. Réessayez dans une heure.")
    elif not actor.user.check_password(password):
        ratelimit.count(*tries)
        errors["password"] = _("Ce n'est pas votre mot de passe.")
    if not identity_checked:
        errors["identity_checked"] = _(
            "Vérifiez d'abord l'identité de la personne, puis cochez la case."
        )
    if reason not in ResetReason.values:
        errors["reason"] = _("Choisissez la raison de la réinitialisation.")
    if errors:
        raise ValidationError(errors)

    user = membership.user
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).delete()
        StaticDevice.objects.filter(user=user).delete()  # its recovery codes with it
        ended = end_sessions(user)
        audit.log(
            actor,
            AuditEvent.Action.DELETE,
            "two_factor",
            user.pk,
            fields=[f"reason={reason}", "identity_checked"],
        )
        transaction.on_commit(lambda: _tell_the_user(user, actor))
    return ended


def end_sessions(user: User) -> int:
    """Deletes the user's open sessions (database sessions: read each one, the live ones
    are few since they expire after 30 idle minutes)."""
    ids = [
        session.pk
        for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator()
        if session.get_decoded().get("_auth_user_id") == str(user.pk)
    ]
    Session.objects.filter(pk__in=ids).delete()
    return len(ids)


def _tell_the_user(user: User, actor: Actor) -> None:
    send_mail(
        _("Accroche : votre double authentification a été réinitialisée"),
        _(
            "Bonjour %(name)s,\n\n"
            "%(actor)s a réinitialisé la double authentification de votre compte Accroche. "
            "À votre prochaine connexion, vous activerez de nouveau une application "
            "d'authentification sur votre téléphone.\n\n"
            "Si vous n'êtes pas à l'origine de cette demande, prévenez tout de suite la "
            "coordination de votre dispositif.\n"
        )
        % {"name": user.get_full_name(), "actor": actor.user.get_full_name()},
        settings.DEFAULT_FROM_EMAIL,
        [user.email],
    )
