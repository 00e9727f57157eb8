import re
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.http import QueryDict
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from accroche import form_fields
from accroche.territory.lookup import qpv_choices, resolve_commune
from accroche.territory.models import Commune, Qpv
from accroche.www.fields import CommuneField, CommuneListField, PhoneField
from accroche.youth.fields import FORM_FIELDS
from accroche.youth.lists import NO_CONTACT_DAYS
from accroche.youth.models import Nationality, Phase, Youth
from accroche.youth.services import current_values, validate_identity

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

YES_NO_UNKNOWN = [("", _("Ne sait pas")), ("true", _("Oui")), ("false", _("Non"))]


def _tristate(label: "StrOrPromise") -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        choices=YES_NO_UNKNOWN,
        coerce=lambda v: v == "true",
        empty_value=None,
        required=False,
    )


class YouthForm(form_fields.ModelForm[Youth]):
    """The file's identity. Only a first name or a nickname is needed; the domain function
    checks the rules (the same ones the API and imports go through)."""

    residence_commune = CommuneField(label=_("Commune de résidence"), required=False)
    residence_qpv = forms.ModelChoiceField(
        label=_("Quartier prioritaire (QPV)"),
        queryset=Qpv.objects.none(),
        required=False,
        empty_label=_("Aucun / ne sait pas"),
    )
    rqth = _tristate(_("RQTH (reconnaissance de travailleur handicapé)"))
    has_children = _tristate(_("Enfant(s) à charge"))
    driving_licence = _tristate(_("Permis de conduire"))
    frequented_communes = CommuneListField(
        label=_("Communes fréquentées"),
        required=False,
        help_text=_("Là où il ou elle passe du temps. Une commune par ligne."),
    )
    frequented_qpvs = forms.ModelMultipleChoiceField(
        label=_("Quartiers prioritaires fréquentés"),
        queryset=Qpv.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Youth
        # The inventory decides which fields a person edits (accroche.youth.fields).
        fields = list(FORM_FIELDS)
        widgets = {
            "birth_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }
        field_classes = {"phone": PhoneField}
        help_texts = {
            "first_name": _("Un prénom ou un surnom suffit."),
            "birth_year": _("Si la date exacte n'est pas connue."),
            "frequented_places": _("Un city stade, un hall, un snack… en quelques mots."),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.is_bound:
            commune = resolve_commune(self.data.get(self.add_prefix("residence_commune"), ""))
        else:
            commune = self.instance.residence_commune if self.instance.pk else None
        qpv_field = self.fields["residence_qpv"]
        assert isinstance(qpv_field, forms.ModelChoiceField)
        # Any QPV validates here; the domain function checks it lies in the commune.
        qpv_field.queryset = Qpv.objects.all()
        qpv_field.widget.choices = qpv_choices(commune)
        qpv_field.widget.attrs.update(
            {
                "hx-get": reverse_lazy("www:qpv_options"),
                "hx-trigger": "change from:#id_residence_commune",
                "hx-include": "#id_residence_commune",
                "hx-swap": "innerHTML",
            }
        )
        frequented = self.fields["frequented_qpvs"]
        assert isinstance(frequented, forms.ModelMultipleChoiceField)
        frequented.queryset = frequented_qpv_choices(*self._frequented_places_typed())
        frequented.widget.attrs["class"] = "checkboxes"
        nationality = self.fields["nationality"]
        assert isinstance(nationality, forms.ChoiceField)
        nationality.choices = [("", _("Non renseignée")), *Nationality.choices]
        nationality.help_text = _("Seulement si c'est utile à l'accompagnement.")

    def _frequented_places_typed(self) -> tuple[list[Commune], list[int]]:
        """The communes typed so far (residence and frequented) and the QPV ticked."""
        if not self.is_bound:
            if not self.instance.pk:
                return [], []
            communes = list(self.instance.frequented_communes.all())
            if self.instance.residence_commune is not None:
                communes.append(self.instance.residence_commune)
            return communes, list(self.instance.frequented_qpvs.values_list("pk", flat=True))
        texts = [
            self.data.get(self.add_prefix("residence_commune"), ""),
            *split_communes(self.data.get(self.add_prefix("frequented_communes"), "")),
        ]
        chosen = cast(QueryDict, self.data).getlist(self.add_prefix("frequented_qpvs"))
        return resolve_communes(texts), [int(v) for v in chosen if v.isdigit()]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        # The domain's rules, so that every problem shows at once with the field errors.
        current = current_values(self.instance)
        try:
            validate_identity(current | {k: v for k, v in cleaned.items() if k in current})
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                if field not in self.errors:
                    self.add_error(field if field in self.fields else None, errors)
        return cleaned


class YouthFilterForm(forms.Form):
    """ "Mes jeunes": search and filters; every choice is optional."""

    q = forms.CharField(
        label=_("Rechercher"),
        required=False,
        widget=forms.TextInput(
            attrs={"type": "search", "placeholder": _("Prénom, surnom, nom ou téléphone")}
        ),
    )
    vue = forms.ChoiceField(
        label=_("Afficher"),
        choices=[
            ("mine", _("Mes jeunes (dont je suis référent·e)")),
            ("all", _("Tous les jeunes visibles")),
        ],
        required=False,
        widget=forms.RadioSelect,
    )
    phase = forms.ChoiceField(
        label=_("Phase"), choices=[("", _("Toutes")), *Phase.choices], required=False
    )
    commune = forms.TypedChoiceField(
        label=_("Commune"), choices=[], coerce=int, empty_value=None, required=False
    )
    qpv = forms.TypedChoiceField(
        label=_("QPV"), choices=[], coerce=int, empty_value=None, required=False
    )
    sans_contact = forms.TypedChoiceField(
        label=_("Sans contact depuis"),
        choices=[("", _("Peu importe"))]
        + [(str(days), _("plus de %(days)s jours") % {"days": days}) for days in NO_CONTACT_DAYS],
        coerce=int,
        empty_value=None,
        required=False,
    )

    def __init__(
        self,
        *args: Any,
        places: Callable[[], tuple[list[tuple[int, str]], list[tuple[int, str]]]],
        **kwargs: Any,
    ) -> None:
        """``places``: gives the (id, name) pairs of the communes and QPV menus, as
        ``filter_choices`` does; called only when a menu is shown or a value checked."""
        super().__init__(*args, **kwargs)
        commune, qpv = self.fields["commune"], self.fields["qpv"]
        assert isinstance(commune, forms.ChoiceField)
        assert isinstance(qpv, forms.ChoiceField)
        commune.choices = lambda: [("", _("Toutes")), *places()[0]]
        qpv.choices = lambda: [("", _("Tous")), *places()[1]]


_SEPARATORS = re.compile(r"[\n;]|,(?![^()]*\))")


def split_communes(text: str) -> list[str]:
    return [part.strip() for part in _SEPARATORS.split(text) if part.strip()]


def resolve_communes(texts: Iterable[str]) -> list[Commune]:
    return [c for text in texts if text.strip() and (c := resolve_commune(text)) is not None]


def frequented_qpv_choices(communes: Iterable[Commune], chosen: Iterable[int]) -> QuerySet[Qpv]:
    """The QPV of the communes typed, and those already ticked."""
    return (
        Qpv.objects.filter(Q(communes__in=list(communes)) | Q(pk__in=list(chosen)))
        .distinct()
        .order_by("name")
    )
