from django import forms
from django.utils.translation import gettext_lazy as _

from accroche import form_fields
from accroche.access.models import AuditEvent


class AuditFilterForm(form_fields.Form):
    user_email = forms.EmailField(label=_("Utilisateur (e-mail)"), required=False)
    action = forms.ChoiceField(
        label=_("Action"),
        required=False,
        choices=[("", _("Toutes")), *AuditEvent.Action.choices],
    )
    object_type = forms.CharField(
        label=_("Type d'objet"),
        required=False,
        max_length=50,
        help_text=_("Par exemple « youth » pour les fiches jeunes."),
    )
    object_id = forms.IntegerField(label=_("Numéro de l'objet"), required=False, min_value=1)
    since = forms.DateField(
        label=_("Depuis le"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    until = forms.DateField(
        label=_("Jusqu'au"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean(self) -> dict[str, object]:
        cleaned = super().clean() or {}
        since, until = cleaned.get("since"), cleaned.get("until")
        if since and until and since > until:
            self.add_error("until", _("La date de fin doit suivre la date de début."))
        return cleaned
