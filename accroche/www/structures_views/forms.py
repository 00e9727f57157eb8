from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from accroche.access.actor import Actor
from accroche.accounts.two_factor_reset import ResetReason
from accroche.organisations.models import Structure
from accroche.organisations.structures import assignable_roles, network_choices
from accroche.www.fields import CommuneField, PhoneField
from accroche.www.forms import DomainModelForm


class StructureForm(DomainModelForm[Structure]):
    network = forms.ChoiceField(label=_("Réseau"), required=False)
    siret = forms.CharField(
        label=_("SIRET"),
        max_length=20,
        required=False,
        help_text=_("14 chiffres. Vous le trouvez sur annuaire-entreprises.data.gouv.fr."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    commune = CommuneField(label=_("Commune"), required=False)

    class Meta:
        model = Structure
        fields = ["name", "kind", "network", "siret", "email", "phone", "address", "commune"]
        field_classes = {"phone": PhoneField}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        network = self.fields["network"]
        assert isinstance(network, forms.ChoiceField)
        network.choices = [("", _("Aucun réseau")), *network_choices()]
        network.help_text = _(
            "Si la structure fait partie d'un réseau national (liste data·inclusion)."
        )


def _role_field(actor: Actor) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=_("Rôle"),
        choices=[
            ("", _("Choisissez un rôle")),
            *((r.value, r.label) for r in assignable_roles(actor)),
        ],
    )


class MemberAddForm(forms.Form):
    email = forms.EmailField(
        label=_("Adresse e-mail"),
        help_text=_(
            "Si la personne n'a pas encore de compte, elle reçoit un e-mail pour choisir "
            "son mot de passe."
        ),
    )
    first_name = forms.CharField(label=_("Prénom"), max_length=150)
    last_name = forms.CharField(label=_("Nom"), max_length=150)

    def __init__(self, *args: Any, actor: Actor, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["role"] = _role_field(actor)


class MemberRoleForm(forms.Form):
    def __init__(self, *args: Any, actor: Actor, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["role"] = _role_field(actor)


class TwoFactorResetForm(forms.Form):
    """The identity check before resetting someone's second factor (the domain checks it
    again: accroche/accounts/two_factor_reset.py)."""

    reason = forms.ChoiceField(
        label=_("Raison"),
        choices=[("", _("Choisissez une raison")), *ResetReason.choices],
        error_messages={"required": _("Choisissez la raison de la réinitialisation.")},
    )
    identity_checked = forms.BooleanField(
        label=_(
            "J'ai vérifié l'identité de la personne (en face à face, ou en l'appelant à un "
            "numéro que je connaissais déjà)"
        ),
        error_messages={
            "required": _("Vérifiez d'abord l'identité de la personne, puis cochez la case.")
        },
    )
    password = forms.CharField(
        label=_("Votre mot de passe"),
        help_text=_("Pour confirmer que c'est bien vous qui faites cette réinitialisation."),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": _("Saisissez votre mot de passe.")},
    )
