from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from accroche import form_fields
from accroche.organisations.models import Programme, Structure
from accroche.projects.models import Call, Decision, FollowUpTeam, Project
from accroche.territory.models import Theme
from accroche.www.fields import CommuneField, CommuneListField, PhoneField
from accroche.www.forms import DomainModelForm

DATE = forms.DateInput(attrs={"type": "date"})


class TeamForm(DomainModelForm[FollowUpTeam]):
    commune = CommuneField(label=_("Commune"))

    class Meta:
        model = FollowUpTeam
        fields = ["name", "commune", "meets"]


class TeamMemberForm(forms.Form):
    structure = forms.ModelChoiceField(
        label=_("Structure"), queryset=Structure.objects.none(), required=False
    )
    name = forms.CharField(label=_("Nom"), max_length=200, required=False)
    role = forms.CharField(
        label=_("Rôle dans l'équipe"),
        max_length=200,
        required=False,
        help_text=_("Par exemple « éducateur de rue, premier contact »."),
    )
    phone = PhoneField(label=_("Téléphone professionnel"))
    email = forms.EmailField(label=_("E-mail professionnel"), required=False)
    availability = forms.CharField(
        label=_("Quand le ou la joindre"), max_length=200, required=False
    )
    is_public = forms.BooleanField(
        label=_("Afficher ce contact sur la page publique « Qui contacter ? »"), required=False
    )

    def __init__(self, *args: Any, structures: QuerySet[Structure], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["structure"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = structures


TeamMemberFormSet = forms.formset_factory(TeamMemberForm, extra=2, max_num=40)


def member_rows(formset: Any) -> list[dict[str, Any]]:
    return [
        form.cleaned_data
        for form in formset.forms
        if form.cleaned_data
        and any(form.cleaned_data.get(f) for f in ("structure", "name", "role", "phone", "email"))
    ]


class CallForm(DomainModelForm[Call]):
    class Meta:
        model = Call
        fields = ["title", "description", "opens_on", "closes_on", "budget"]
        widgets = {"opens_on": DATE, "closes_on": DATE}


class ProjectForm(DomainModelForm[Project]):
    holder = forms.ModelChoiceField(
        label=_("Structure qui porte le projet"), queryset=Structure.objects.none()
    )
    communes = CommuneListField(label=_("Communes où le projet agit"))
    themes = forms.ModelMultipleChoiceField(
        label=_("Thématiques"),
        queryset=Theme.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Project
        fields = [
            "holder",
            "title",
            "summary",
            "communes",
            "themes",
            "budget_asked",
            "co_funding",
            "co_funders",
            "target_youths",
            "target_actions",
        ]
        widgets = {"summary": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args: Any, holders: QuerySet[Structure], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["holder"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = holders
        if self.instance.pk is not None or holders.count() == 1:
            del self.fields["holder"]


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Décision"),
        choices=[(Decision.RETAINED, _("Retenu")), (Decision.NOT_RETAINED, _("Non retenu"))],
        widget=forms.RadioSelect,
    )
    amount_granted = forms.DecimalField(
        label=_("Montant accordé (€)"),
        required=False,
        min_value=0,
        decimal_places=2,
        help_text=_("Seulement si le projet est retenu ; au plus le montant demandé."),
    )
    note = forms.CharField(
        label=_("Motif"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class ReportForm(form_fields.Form):
    period_start = forms.DateField(label=_("Du"), widget=DATE)
    period_end = forms.DateField(label=_("Au"), widget=DATE)
    youths_reached = forms.IntegerField(label=_("Jeunes touchés"), min_value=0, initial=0)
    actions_done = forms.IntegerField(label=_("Actions menées"), min_value=0, initial=0)
    spent = forms.DecimalField(label=_("Dépenses (€)"), min_value=0, decimal_places=2, initial=0)
    note = forms.CharField(
        label=_("Commentaire"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


def programme_structures(programme: Programme) -> QuerySet[Structure]:
    return Structure.objects.filter(participations__programme=programme).order_by("name")
