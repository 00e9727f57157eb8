from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accroche.organisations.models import Structure
from accroche.youth.consents import sharing_candidates, transfer_candidates
from accroche.youth.models import Consent, Youth

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ConsentForm(forms.Form):
    """One consent, for one purpose. The rules (minors, sharing) are the domain's."""

    purpose = forms.ChoiceField(
        label=_("Pour quoi"), choices=Consent.Purpose.choices, widget=forms.RadioSelect
    )
    shared_with = forms.ModelMultipleChoiceField(
        label=_("Partager avec"),
        queryset=Structure.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Seulement pour le partage : ces structures verront toute la fiche. Ce sont les "
            "partenaires des dispositifs du jeune et les structures dont la zone couvre sa "
            "commune."
        ),
    )
    transfer_to = forms.ModelMultipleChoiceField(
        label=_("Transférer à une autre structure (hors consortium)"),
        queryset=Structure.objects.none(),
        required=False,
        help_text=_("Exceptionnel : écrivez le motif ci-dessous. Le ou la DPO en est informé·e."),
    )
    transfer_reason = forms.CharField(
        label=_("Motif du transfert"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    method = forms.ChoiceField(
        label=_("Comment"), choices=Consent.Method.choices, widget=forms.RadioSelect
    )
    given_on = forms.DateField(label=_("Date"), widget=DATE)
    guardian_informed = forms.TypedChoiceField(
        label=_("Représentant légal informé"),
        choices=[
            ("", _("Sans objet (majeur) / ne sait pas")),
            ("true", _("Oui")),
            ("false", _("Non")),
        ],
        coerce=lambda v: v == "true",
        empty_value=None,
        required=False,
        help_text=_("À indiquer pour un·e jeune de 16 ou 17 ans."),
    )

    def __init__(self, *args: Any, youth: Youth, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"given_on": timezone.localdate()})
        super().__init__(*args, **kwargs)
        shared_with = self.fields["shared_with"]
        assert isinstance(shared_with, forms.ModelMultipleChoiceField)
        shared_with.queryset = sharing_candidates(youth).order_by("name")
        transfer_to = self.fields["transfer_to"]
        assert isinstance(transfer_to, forms.ModelMultipleChoiceField)
        transfer_to.queryset = transfer_candidates(youth).order_by("name")

    def domain_data(self) -> dict[str, Any]:
        """What the domain takes: one list of structures, the transfers among them."""
        data = dict(self.cleaned_data)
        data["shared_with"] = [*data["shared_with"], *data.pop("transfer_to")]
        return data


class WithdrawForm(forms.Form):
    withdrawn_on = forms.DateField(
        label=_("Date du retrait"),
        widget=DATE,
        help_text=_("Le retrait prend effet tout de suite."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"withdrawn_on": timezone.localdate()})
        super().__init__(*args, **kwargs)
