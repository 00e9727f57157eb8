import re
from typing import Any

from data_inclusion.schema.v1 import (
    Frais,
    ModeAccueil,
    ModeMobilisation,
    PersonneMobilisatrice,
    Public,
    TypeService,
)
from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from accroche import form_fields
from accroche.organisations.models import Structure
from accroche.partner_services.services import SCALAR_FIELDS, choices
from accroche.territory.models import Service, Theme, ThemeCategory
from accroche.www.fields import CommuneField, CommuneListField, PhoneField

MAX_UPLOAD_BYTES = 5 * 1024 * 1024


class DepartmentsField(forms.CharField):
    """Département codes, separated by commas or spaces ("76, 27")."""

    def prepare_value(self, value: Any) -> Any:
        return ", ".join(value) if isinstance(value, list) else value

    def to_python(self, value: Any) -> list[str]:  # type: ignore[override]
        text = super().to_python(value) or ""
        return [part.upper() for part in re.split(r"[\s,;]+", text) if part]


def _checkboxes(label: Any, enum: Any, **kwargs: Any) -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label=label,
        choices=choices(enum),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        **kwargs,
    )


def theme_groups(form: forms.BaseForm, name: str = "themes") -> list[dict[str, Any]]:
    """Themes by category, with their checked state, for a grouped rendering."""
    chosen = {str(v) for v in (form[name].value() or [])}
    groups: dict[int, dict[str, Any]] = {}
    field = form.fields[name]
    assert isinstance(field, forms.ModelMultipleChoiceField)
    themes = field.queryset if field.queryset is not None else Theme.objects.none()
    for theme in themes.select_related("category").order_by("category__label", "label"):
        category: ThemeCategory = theme.category
        group = groups.setdefault(category.pk, {"category": category, "themes": [], "chosen": 0})
        checked = str(theme.pk) in chosen
        group["themes"].append({"theme": theme, "checked": checked})
        group["chosen"] += checked
    return list(groups.values())


class ServiceForm(form_fields.Form):
    name = forms.CharField(label=_("Nom du service"), max_length=150)
    description = forms.CharField(
        label=_("Ce que le service propose"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Des phrases courtes, comme vous l'expliqueriez à un jeune."),
    )
    themes = forms.ModelMultipleChoiceField(
        label=_("Thématiques"),
        queryset=Theme.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    type = forms.ChoiceField(
        label=_("Type de service"), choices=[("", "—"), *choices(TypeService)], required=False
    )
    publics = _checkboxes(_("Pour qui"), Public)
    fees = forms.ChoiceField(
        label=_("Frais"),
        choices=[("", _("Non précisé")), *choices(Frais)],
        widget=forms.RadioSelect,
        required=False,
    )
    fees_details = forms.CharField(label=_("Précisions sur les frais"), required=False)
    address = forms.CharField(label=_("Adresse"), max_length=300, required=False)
    commune = CommuneField(label=_("Commune de l'adresse"), required=False)
    zone_communes = CommuneListField(
        label=_("Communes desservies"),
        required=False,
        help_text=_("Une par ligne. Laissez vide si le service ne reçoit qu'à son adresse."),
    )
    zone_departments = DepartmentsField(
        label=_("Départements entiers desservis"),
        required=False,
        help_text=_("Par exemple « 76 » si le service couvre toute la Seine-Maritime."),
    )
    opening_hours = forms.CharField(
        label=_("Horaires d'accueil"),
        max_length=300,
        required=False,
        help_text=_(
            "Format OpenStreetMap : « Mo-Fr 09:00-12:00; Sa 10:00-13:00 » (Mo lundi, Tu mardi, "
            "We mercredi, Th jeudi, Fr vendredi, Sa samedi, Su dimanche)."
        ),
    )
    evenings_saturdays = forms.BooleanField(
        label=_("Ouvert en soirée ou le samedi"), required=False
    )
    reception_modes = _checkboxes(_("Accueil"), ModeAccueil)
    mobilisation_modes = _checkboxes(_("Comment le mobiliser"), ModeMobilisation)
    mobilisable_by = _checkboxes(_("Qui peut le mobiliser"), PersonneMobilisatrice)
    mobilisation_url = forms.URLField(
        label=_("Lien pour le mobiliser"), required=False, assume_scheme="https"
    )
    mobilisation_details = forms.CharField(
        label=_("Précisions sur la mobilisation"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )
    contact_name = forms.CharField(
        label=_("Professionnel·le à contacter"), max_length=200, required=False
    )
    phone = PhoneField(label=_("Téléphone du service"))
    email = forms.EmailField(label=_("E-mail du service"), required=False)
    publics_details = forms.CharField(
        label=_("Précisions sur les publics"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )
    access_conditions = forms.CharField(
        label=_("Conditions d'accès"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    address_extra = forms.CharField(label=_("Complément d'adresse"), required=False)
    postcode = forms.CharField(label=_("Code postal"), max_length=5, required=False)
    weekly_hours = forms.FloatField(label=_("Heures par semaine"), required=False, min_value=0)
    weeks = forms.IntegerField(label=_("Nombre de semaines"), required=False, min_value=1)

    def __init__(
        self,
        *args: Any,
        service: Service | None = None,
        structures: QuerySet[Structure] | None = None,
        **kwargs: Any,
    ) -> None:
        if service is not None and "initial" not in kwargs:
            initial = {f: getattr(service, f) for f in SCALAR_FIELDS if f in self.base_fields}
            initial["themes"] = [t.pk for t in service.themes.all()]
            initial["zone_communes"] = list(service.zone_communes.all())
            kwargs["initial"] = initial
        super().__init__(*args, **kwargs)
        themes = self.fields["themes"]
        assert isinstance(themes, forms.ModelMultipleChoiceField)
        themes.queryset = Theme.objects.select_related("category")
        if structures is not None and len(structures) > 1:
            # A lead coordinator or an admin picks whose service it is.
            self.fields["structure"] = forms.ModelChoiceField(
                label=_("Structure qui propose le service"), queryset=structures.order_by("name")
            )

    def theme_groups(self) -> list[dict[str, Any]]:
        return theme_groups(self)

    def domain_data(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data.pop("structure", None)
        data["themes"] = list(data["themes"])
        data["zone_other"] = self.initial.get("zone_other", [])
        for field in ("type", "fees"):
            data[field] = data.get(field) or ""
        return data


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Fichier data·inclusion (JSON ou CSV)"),
        help_text=_("Au plus 5 Mo. Un export d'Accroche, de DORA ou de data·inclusion convient."),
    )
    structure = forms.ModelChoiceField(
        label=_("Rattacher les services d'autres sources à"),
        queryset=Structure.objects.none(),
        required=False,
        empty_label=_("Aucune : seulement les services d'Accroche"),
        help_text=_(
            "Un service venu d'ailleurs (DORA…) a besoin d'une structure d'Accroche. Les "
            "services exportés par Accroche retrouvent la leur."
        ),
    )

    def __init__(self, *args: Any, structures: QuerySet[Structure], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["structure"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = structures.order_by("name")

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("Le fichier dépasse 5 Mo : découpez-le."))
        return upload


class ServiceFilterForm(forms.Form):
    q = forms.CharField(label=_("Nom"), required=False)
    category = forms.ModelChoiceField(
        label=_("Domaine"),
        queryset=ThemeCategory.objects.order_by("label"),
        required=False,
        empty_label=_("Tous les domaines"),
    )
    commune = CommuneField(label=_("Près de la commune"), required=False)
    evenings = forms.BooleanField(label=_("Soirs et samedis"), required=False)
