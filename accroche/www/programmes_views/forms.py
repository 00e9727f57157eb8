import json
from collections.abc import Iterable
from decimal import Decimal
from typing import Any, TypeVar

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.forms import formset_factory
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from accroche import form_fields
from accroche.organisations.funding import validate_funding, validate_target
from accroche.organisations.models import (
    EligibilityRules,
    Funding,
    Participation,
    Programme,
    Structure,
    Target,
)
from accroche.organisations.programme_fields import PROGRAMME_FIELDS, RULE_FIELDS
from accroche.territory.models import Commune, DiplomaLevel, Qpv
from accroche.www.fields import CommuneListField
from accroche.www.forms import DomainModelForm

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
NUMBER = forms.NumberInput(attrs={"inputmode": "numeric", "min": 0})


class AmountField(forms.DecimalField):
    """Accepts what people type: "603 645,50", "12,5 %", "1 000 €"."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_digits", 12)
        kwargs.setdefault("decimal_places", 2)
        kwargs.setdefault("localize", True)
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "decimal"}))
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> Decimal | None:  # type: ignore[override]
        if isinstance(value, str):
            value = "".join(c for c in value if c not in " \u00a0\u202f€%")
        return super().to_python(value)


class ProgrammeForm(DomainModelForm[Programme]):
    """General information and settings. Uniqueness and dates are checked by the domain."""

    total_budget = AmountField(label=_("Budget total (€)"), required=False, min_value=0)

    class Meta:
        model = Programme
        fields = list(PROGRAMME_FIELDS)
        widgets = {
            "start_date": DATE,
            "end_date": DATE,
            "description": forms.Textarea(attrs={"rows": 3}),
            "referral_deadline_hours": NUMBER,
            "no_contact_alert_days": NUMBER,
            "immediate_need_alert_days": NUMBER,
            "retention_months": NUMBER,
        }
        help_texts = {
            "slug": _("Laissez vide : elle est faite à partir du nom."),
            "referral_deadline_hours": _("Au-delà, le signalement apparaît en retard."),
            "retention_months": _(
                "Ensuite, les fiches sans contact sont anonymisées (RGPD). 24 mois est l'usage."
            ),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["slug"].required = False


class FundingForm(forms.Form):
    funder = forms.CharField(label=_("Financeur"), max_length=200)
    kind = forms.ChoiceField(
        label=_("Type de financeur"), choices=[("", "—"), *Funding.FunderKind.choices]
    )
    amount = AmountField(label=_("Montant (€)"), min_value=0)
    share = AmountField(
        label=_("Part (%)"),
        max_digits=5,
        min_value=0,
        max_value=100,
        help_text=_("Entre 0 et 100."),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        _add_domain_errors(self, validate_funding, data)
        return data


class TargetForm(form_fields.Form):
    indicator = forms.ChoiceField(
        label=_("Indicateur"), choices=[("", "—"), *Target.Indicator.choices]
    )
    minimum = forms.IntegerField(label=_("Objectif minimum"), min_value=0, widget=NUMBER)
    maximum = forms.IntegerField(
        label=_("Objectif maximum"), min_value=0, required=False, widget=NUMBER
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        _add_domain_errors(self, validate_target, data)
        return data


def _add_domain_errors(form: forms.Form, validate: Any, data: dict[str, Any]) -> None:
    """Show the domain's row rules next to the fields, once the fields themselves are valid."""
    if form.errors:
        return
    try:
        validate(data)
    except ValidationError as exc:
        form.add_error(None, exc)


FundingFormSet = formset_factory(FundingForm, extra=2, can_delete=True, can_delete_extra=False)
TargetFormSet = formset_factory(TargetForm, extra=2, can_delete=True, can_delete_extra=False)


_F = TypeVar("_F", bound=forms.BaseForm)


def kept_rows(formset: forms.BaseFormSet[_F]) -> list[dict[str, Any]]:
    """The rows to save: filled in and not ticked for deletion."""
    return [
        {k: v for k, v in form.cleaned_data.items() if k != "DELETE"}
        for form in formset.forms
        if form.cleaned_data and not form.cleaned_data.get("DELETE")
    ]


class QpvMultipleField(forms.ModelMultipleChoiceField[Qpv]):
    def label_from_instance(self, obj: Qpv) -> str:
        return obj.name


def _qpv_field(label: Any) -> QpvMultipleField:
    return QpvMultipleField(
        label=label,
        queryset=Qpv.objects.all(),
        required=False,
        help_text=_(
            "Seuls les QPV des communes indiquées sont proposés. "
            "Pour en choisir plusieurs : Ctrl (ou Cmd) + clic."
        ),
    )


class ZoneFormMixin(forms.Form):
    """Communes typed by name or INSEE code; QPVs picked among those of the communes
    (htmx refreshes the list when the communes change)."""

    communes = CommuneListField(required=False)
    qpvs = _qpv_field(_("Quartiers prioritaires (QPV)"))

    def set_qpv_choices(self, communes: Iterable[Commune], extra: Iterable[Commune] = ()) -> None:
        communes = list(communes)
        selected: list[Any] = list(self.initial.get("qpvs") or [])
        if self.is_bound:
            try:
                communes = self.fields["communes"].clean(self.data.get("communes", ""))
            except ValidationError:
                communes = []
            selected = [v for v in self.data.getlist("qpvs") if str(v).isdigit()]  # type: ignore[attr-defined]
        field = self.fields["qpvs"]
        assert isinstance(field, QpvMultipleField)
        # Any QPV validates here (the domain checks where it lies); only the list shown is
        # limited, keeping whatever was already chosen.
        selected_pks = [q.pk if isinstance(q, Qpv) else int(q) for q in selected]
        shown = Qpv.objects.filter(
            Q(communes__in=[*communes, *extra]) | Q(pk__in=selected_pks)
        ).distinct()
        field.widget.choices = [(q.pk, q.name) for q in shown.order_by("name")]
        field.widget.attrs.update(
            {
                "hx-get": reverse_lazy("programmes:qpv_options"),
                "hx-trigger": "change from:#id_communes",
                "hx-include": "#id_communes, #id_qpvs",
                "hx-swap": "innerHTML",
            }
        )


class TerritoryForm(ZoneFormMixin):
    def __init__(self, *args: Any, programme: Programme, **kwargs: Any) -> None:
        communes = list(programme.communes.all())
        kwargs.setdefault("initial", {"communes": communes, "qpvs": list(programme.qpvs.all())})
        super().__init__(*args, **kwargs)
        self.fields["communes"].label = _("Communes du territoire")
        self.fields["communes"].help_text = _(
            "Une commune par ligne (nom ou code INSEE). Laissez vide si le dispositif "
            "n'est pas limité à un territoire."
        )
        self.set_qpv_choices(communes)


class ParticipationForm(ZoneFormMixin):
    structure = forms.ModelChoiceField(
        label=_("Structure"),
        queryset=Structure.objects.none(),
        empty_label=_("Choisissez une structure"),
    )
    kind = forms.ChoiceField(
        label=_("Rôle dans le dispositif"),
        choices=[c for c in Participation.Kind.choices if c[0] != Participation.Kind.LEAD],
    )
    field_order = ["structure", "kind", "communes", "qpvs"]

    def __init__(
        self,
        *args: Any,
        programme: Programme,
        participation: Participation | None = None,
        addable: Any = None,
        **kwargs: Any,
    ) -> None:
        zone: list[Commune] = []
        if participation is not None:
            zone = list(participation.zone_communes.all())
            kwargs.setdefault(
                "initial",
                {
                    "kind": participation.kind,
                    "communes": zone,
                    "qpvs": list(participation.zone_qpvs.all()),
                },
            )
        super().__init__(*args, **kwargs)
        if participation is not None:
            # The structure is fixed once it takes part; the lead's role too.
            del self.fields["structure"]
            if participation.kind == Participation.Kind.LEAD:
                del self.fields["kind"]
        else:
            field = self.fields["structure"]
            assert isinstance(field, forms.ModelChoiceField)
            field.queryset = addable
        self.fields["communes"].label = _("Communes couvertes")
        self.fields["communes"].help_text = _(
            "Une commune par ligne (nom ou code INSEE). Les zones de plusieurs structures "
            "peuvent se recouvrir."
        )
        self.fields["qpvs"].label = _("QPV couverts")
        self.fields["qpvs"].help_text = _(
            "Les QPV du territoire du dispositif et des communes indiquées. "
            "Pour en choisir plusieurs : Ctrl (ou Cmd) + clic."
        )
        self.set_qpv_choices(zone, extra=programme.communes.all())
        # The htmx refresh keeps offering the territory's QPVs too.
        self.fields["qpvs"].widget.attrs["hx-vals"] = json.dumps({"programme": programme.pk})


class RulesForm(DomainModelForm[EligibilityRules]):
    class Meta:
        model = EligibilityRules
        fields = list(RULE_FIELDS)
        widgets = {
            "min_age": NUMBER,
            "max_age": NUMBER,
            "max_age_with_rqth": NUMBER,
            "months_without_spe_contact": NUMBER,
        }
        help_texts = {
            "max_age_with_rqth": _("Laissez vide s'il n'y a pas d'âge plus élevé avec une RQTH."),
            "months_without_spe_contact": _("Laissez vide s'il n'y a pas de condition."),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        level = self.fields["max_diploma_level"]
        assert isinstance(level, forms.ModelChoiceField)
        level.queryset = DiplomaLevel.objects.order_by("rank")
        level.empty_label = str(_("Pas de condition de diplôme"))
