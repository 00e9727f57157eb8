from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from accroche import form_fields
from accroche.territory.lookup import resolve_commune


class IdentityForm(form_fields.Form):
    """What the youth form has typed so far; every field optional, bad values ignored."""

    first_name = forms.CharField(required=False, max_length=100)
    nickname = forms.CharField(required=False, max_length=100)
    last_name = forms.CharField(required=False, max_length=100)
    birth_date = forms.DateField(required=False)
    birth_year = forms.IntegerField(required=False, min_value=1900, max_value=2100)
    gender = forms.CharField(required=False, max_length=12)
    phone = forms.CharField(required=False, max_length=30)
    email = forms.CharField(required=False, max_length=254)
    social_handle = forms.CharField(required=False, max_length=100)
    residence_commune = forms.CharField(required=False, max_length=200)
    exclude = forms.IntegerField(required=False)

    def identity(self) -> dict[str, Any]:
        """The valid fields (a date still being typed is simply not used yet)."""
        self.is_valid()
        data = {key: value for key, value in self.cleaned_data.items() if value not in ("", None)}
        commune = data.pop("residence_commune", "")
        data["residence_commune"] = resolve_commune(commune) if commune else None
        return data


class MergeForm(form_fields.Form):
    """The two files of a pair, and which one to keep (the other is absorbed)."""

    a = forms.IntegerField()
    b = forms.IntegerField()
    keep = forms.IntegerField(
        label=_("Fiche à garder"), error_messages={"required": _("Choisissez la fiche à garder.")}
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        a, b, keep = cleaned.get("a"), cleaned.get("b"), cleaned.get("keep")
        if keep is not None and keep not in (a, b):
            raise forms.ValidationError(_("Choisissez l'une des deux fiches à garder."))
        cleaned["absorb"] = b if keep == a else a
        return cleaned


class PairForm(form_fields.Form):
    a = forms.IntegerField()
    b = forms.IntegerField()
