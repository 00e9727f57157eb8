from django import forms
from django.utils.translation import gettext_lazy as _

from accroche.privacy.models import Erasure


class EraseForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Motif"),
        choices=[
            (Erasure.Reason.REQUEST, Erasure.Reason.REQUEST.label),
            (Erasure.Reason.OTHER, Erasure.Reason.OTHER.label),
        ],
        initial=Erasure.Reason.REQUEST,
        widget=forms.RadioSelect,
    )
    confirm = forms.BooleanField(
        label=_("Je confirme : l'identité et les notes seront effacées définitivement."),
        error_messages={"required": _("Cochez la case pour confirmer l'anonymisation.")},
    )
