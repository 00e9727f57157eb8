from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from accroche.outreach.validation import check_email
from accroche.www.fields import CommuneField, CommuneInput, PhoneField
from accroche.www.outreach_views.widgets import KeyedForm


class PublicCommuneInput(CommuneInput):
    """The programme's communes as a plain list: no request to a logged-in endpoint."""

    def __init__(self) -> None:
        super().__init__({"list": "public-communes", "autocomplete": "address-level2"})
        for attr in ("hx-get", "hx-trigger", "hx-target", "hx-swap"):
            self.attrs.pop(attr, None)


class SelfReferralForm(KeyedForm):
    """Plain words, few fields, made for a phone."""

    name = forms.CharField(
        label=_("Ton prénom ou ton surnom"), max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
        error_messages={"required": _("Écris ton prénom ou un surnom.")},
    )  # fmt: skip
    phone = PhoneField(
        label=_("Ton téléphone"),
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel", "inputmode": "tel"}),
        help_text=_("Par exemple 06 12 34 56 78."),
    )  # fmt: skip
    email = forms.CharField(
        label=_("Ton e-mail"), required=False, max_length=254,
        widget=forms.TextInput(attrs={"type": "email", "autocomplete": "email"}),
    )  # fmt: skip
    social_handle = forms.CharField(
        label=_("Ton compte sur un réseau social"), required=False, max_length=100,
        help_text=_("Par exemple @prenom sur Instagram ou Snapchat."),
    )  # fmt: skip
    reach_when = forms.CharField(
        label=_("Quand te joindre"), required=False, max_length=150,
        help_text=_("Par exemple « le soir après 18 h » ou « le samedi »."),
    )  # fmt: skip
    commune = CommuneField(
        label=_("Ta commune"), widget=PublicCommuneInput,
        error_messages={"required": _("Écris le nom de ta commune.")},
    )  # fmt: skip
    need = forms.CharField(
        label=_("Ce dont tu as besoin"), required=False, max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Quelques mots suffisent : un travail, une formation, un logement, parler…"),
    )  # fmt: skip
    # A honeypot: hidden from people, filled by robots.
    website = forms.CharField(label=_("Ne pas remplir"), required=False)

    def clean_email(self) -> str:
        email: str = self.cleaned_data.get("email", "")
        return check_email(email) if email.strip() else ""

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        ways = ("phone", "email", "social_handle")
        if not any(cleaned.get(w) for w in ways) and not any(w in self.errors for w in ways):
            self.add_error(
                "phone",
                ValidationError(
                    _(
                        "Laisse au moins un moyen de te joindre : téléphone, e-mail "
                        "ou réseau social."
                    )
                ),
            )
        return cleaned
