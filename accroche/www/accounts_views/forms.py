from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from accroche.accounts import lockout
from accroche.accounts.models import ApiToken
from accroche.organisations.models import Membership


class EmailAuthenticationForm(AuthenticationForm):
    username = forms.EmailField(
        label=_("Adresse e-mail"),
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
    )
    error_messages = {
        "invalid_login": _(
            "Adresse e-mail ou mot de passe incorrect. Vérifiez les majuscules et réessayez."
        ),
        "inactive": _("Ce compte est désactivé. Contactez la coordination de votre dispositif."),
    }

    def clean(self) -> dict[str, Any]:
        # Too many recent failures on this account: refused before the password is checked.
        email = str(self.data.get("username") or "").strip().lower()
        if email and self.request is not None:
            wait = lockout.seconds_to_wait(self.request, email)
            if wait > 0:
                raise ValidationError(_throttled_message(wait), code="throttled")
        return super().clean()


def _throttled_message(seconds: int) -> str:
    if seconds > 90:
        minutes = (seconds + 59) // 60
        return ngettext(
            "Trop d'essais de connexion sur ce compte. Réessayez dans %(count)s minute.",
            "Trop d'essais de connexion sur ce compte. Réessayez dans %(count)s minutes.",
            minutes,
        ) % {"count": minutes}
    return ngettext(
        "Trop d'essais de connexion sur ce compte. Réessayez dans %(count)s seconde.",
        "Trop d'essais de connexion sur ce compte. Réessayez dans %(count)s secondes.",
        seconds,
    ) % {"count": seconds}


class MembershipChoiceField(forms.ModelChoiceField[Membership]):
    def label_from_instance(self, obj: Membership) -> str:
        return f"{obj.structure.name} · {obj.get_role_display()}"


class TokenCreateForm(forms.Form):
    name = forms.CharField(
        label=_("Nom du jeton"),
        max_length=100,
        help_text=_("Pour vous souvenir de son usage, par exemple « tableur de suivi »."),
    )
    membership = MembershipChoiceField(
        label=_("Structure et rôle du jeton"),
        queryset=Membership.objects.none(),
        empty_label=None,
    )
    scope = forms.ChoiceField(
        label=_("Droits du jeton"),
        choices=ApiToken.Scope.choices,
        initial=ApiToken.Scope.READ,
        required=False,
        help_text=_("Lecture seule suffit pour un tableau de bord ou un export."),
    )

    def __init__(self, *args: Any, memberships: list[Membership], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["membership"]
        assert isinstance(field, MembershipChoiceField)
        field.queryset = Membership.objects.filter(pk__in=[m.pk for m in memberships])


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=32,
        help_text=_("Les 6 chiffres affichés par l'application, ou un de vos codes de secours."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )
