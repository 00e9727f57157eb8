from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accroche.organisations.models import Programme, Structure
from accroche.partner_services.territorial import PERSON_FIELDS, TEXT_FIELDS
from accroche.territory.models import MeshScore, TerritorialDiagnostic
from accroche.www.fields import CommuneListField, PhoneField


class AreaForm(forms.Form):
    communes = CommuneListField(
        label=_("Commune(s)"),
        help_text=_("Une commune, ou plusieurs pour un diagnostic de secteur (une par ligne)."),
    )
    name = forms.CharField(
        label=_("Nom du secteur"),
        max_length=200,
        required=False,
        help_text=_("Laissez vide : le nom des communes sera utilisé."),
    )


def _text(label: Any, help_text: Any = "") -> forms.CharField:
    return forms.CharField(
        label=label,
        help_text=help_text,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class TerritorialDiagnosticForm(forms.Form):
    done_on = forms.DateField(
        label=_("Date du diagnostic"), widget=forms.DateInput(attrs={"type": "date"})
    )
    structures = forms.ModelMultipleChoiceField(
        label=_("Structures du dispositif présentes"),
        queryset=Structure.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    other_actors = _text(
        _("Autres acteurs présents"),
        _("Clubs, écoles, bailleurs, services municipaux… un par ligne."),
    )
    actions = _text(_("Actions en cours"))
    partnership = _text(
        _("Pratiques de partenariat"),
        _("Comment les acteurs travaillent ensemble : réunions, orientations, outils communs."),
    )
    mesh_score = forms.TypedChoiceField(
        label=_("Qualité du maillage"),
        choices=MeshScore.choices,
        coerce=int,
        widget=forms.RadioSelect,
    )
    needs = _text(_("Besoins sociaux constatés"), _("Ce qui manque aux jeunes ici."))
    outreach_practices = _text(_("Pratiques d'aller-vers existantes"))

    def __init__(
        self,
        *args: Any,
        programme: Programme,
        previous: TerritorialDiagnostic | None = None,
        **kwargs: Any,
    ) -> None:
        if previous is not None and "initial" not in kwargs:
            initial: dict[str, Any] = {f: getattr(previous, f) for f in TEXT_FIELDS}
            initial["mesh_score"] = previous.mesh_score
            initial["structures"] = [s.pk for s in previous.structures.all()]
            kwargs["initial"] = initial
        kwargs.setdefault("initial", {}).setdefault("done_on", timezone.localdate())
        super().__init__(*args, **kwargs)
        field = self.fields["structures"]
        assert isinstance(field, forms.ModelMultipleChoiceField)
        field.queryset = Structure.objects.filter(participations__programme=programme).order_by(
            "name"
        )


class ResourcePersonForm(forms.Form):
    name = forms.CharField(label=_("Nom"), max_length=200, required=False)
    role = forms.CharField(label=_("Fonction"), max_length=200, required=False)
    organisation = forms.CharField(label=_("Organisme"), max_length=200, required=False)
    phone = PhoneField(label=_("Téléphone professionnel"))
    email = forms.EmailField(label=_("E-mail professionnel"), required=False)


ResourcePersonFormSet = forms.formset_factory(ResourcePersonForm, extra=2, max_num=30)


def people_initial(previous: TerritorialDiagnostic | None) -> list[dict[str, str]]:
    if previous is None:
        return []
    return [{f: getattr(p, f) for f in PERSON_FIELDS} for p in previous.resource_people.all()]


def people_rows(formset: Any) -> list[dict[str, str]]:
    """The rows someone typed something in (blank extra rows are dropped)."""
    return [
        form.cleaned_data
        for form in formset.forms
        if form.cleaned_data and any((form.cleaned_data.get(f) or "") for f in PERSON_FIELDS)
    ]
