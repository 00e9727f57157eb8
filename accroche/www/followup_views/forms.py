"""Forms of the young person's follow-up: few fields, sensible defaults; the rules belong
to the domain functions the views call."""

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accroche.followup.models import (
    AidKind,
    AppointmentOutcome,
    BudgetLine,
    CheckSituation,
    FollowUpSituation,
    HandOffTarget,
    ImmersionReview,
    InteractionKind,
    OutcomeKind,
)
from accroche.organisations.models import Membership, Structure
from accroche.territory.models import Service, ThemeCategory
from accroche.www.fields import PhoneField
from accroche.www.followup_views.common import DATE, DATETIME
from accroche.youth.models import Enrolment


class EnrolmentField(forms.ModelChoiceField[Enrolment]):
    def label_from_instance(self, obj: Enrolment) -> str:
        return str(obj.programme.name)


class MemberField(forms.ModelChoiceField[Membership]):
    def label_from_instance(self, obj: Membership) -> str:
        return f"{obj.user.get_full_name()} — {obj.structure.name}"


class ServiceField(forms.ModelChoiceField[Service]):
    def label_from_instance(self, obj: Service) -> str:
        return f"{obj.name} — {obj.structure.name}"


class WithEnrolment(forms.Form):
    """The enrolment is asked only when the young person has several open ones."""

    enrolment = EnrolmentField(
        label=_("Dans le cadre du dispositif"), queryset=Enrolment.objects.none(), required=False
    )
    enrolment_required = False

    def __init__(self, *args: Any, enrolments: QuerySet[Enrolment], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        found = list(enrolments)
        field = self.fields["enrolment"]
        field.queryset = enrolments  # type: ignore[attr-defined]
        self.only_enrolment = found[0] if len(found) == 1 else None
        if len(found) <= 1:
            field.widget = forms.HiddenInput()
            field.required = False
        else:
            field.required = self.enrolment_required

    def clean_enrolment(self) -> Enrolment | None:
        return self.cleaned_data.get("enrolment") or self.only_enrolment


class InteractionForm(WithEnrolment):
    kind = forms.ChoiceField(
        label=_("Type d'échange"),
        choices=InteractionKind.choices,
        widget=forms.RadioSelect,
        initial=InteractionKind.INTERVIEW,
    )
    happened_at = forms.DateTimeField(label=_("Quand"), widget=DATETIME)
    duration_minutes = forms.IntegerField(
        label=_("Durée (minutes)"), required=False, min_value=1, max_value=600
    )
    note = forms.CharField(
        label=_("Note"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    note_restricted = forms.BooleanField(
        label=_("Note réservée à ma structure"),
        required=False,
        help_text=_("Les autres structures qui suivent le jeune verront l'échange, pas la note."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault(
            "initial", {"happened_at": timezone.localtime().replace(second=0, microsecond=0)}
        )
        super().__init__(*args, **kwargs)


class ActionForm(WithEnrolment):
    title = forms.CharField(label=_("Action"), max_length=200)
    category = forms.ModelChoiceField(
        label=_("Domaine (frein)"), queryset=ThemeCategory.objects.none()
    )
    owner = MemberField(label=_("Qui s'en charge"), queryset=Membership.objects.none())
    due_on = forms.DateField(label=_("Échéance"), widget=DATE, required=False)
    partner_structure = forms.ModelChoiceField(
        label=_("Structure partenaire"), queryset=Structure.objects.none(), required=False
    )
    service = ServiceField(
        label=_("Offre de service"), queryset=Service.objects.none(), required=False
    )
    collective = forms.BooleanField(label=_("Action collective"), required=False)
    note = forms.CharField(
        label=_("Précisions"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def __init__(
        self,
        *args: Any,
        categories: list[ThemeCategory],
        owners: QuerySet[Membership],
        partners: QuerySet[Structure],
        services: QuerySet[Service],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        category = self.fields["category"]
        category.queryset = ThemeCategory.objects.filter(pk__in=[c.pk for c in categories])  # type: ignore[attr-defined]
        # Barrier domains first, in the diagnostic's order.
        category.choices = [("", "---------"), *((c.pk, c.label) for c in categories)]  # type: ignore[attr-defined]
        self.fields["owner"].queryset = owners  # type: ignore[attr-defined]
        self.fields["partner_structure"].queryset = partners  # type: ignore[attr-defined]
        self.fields["service"].queryset = services  # type: ignore[attr-defined]


class AppointmentForm(WithEnrolment):
    starts_at = forms.DateTimeField(label=_("Date et heure"), widget=DATETIME)
    place = forms.CharField(label=_("Lieu"), max_length=200)
    with_whom = forms.CharField(label=_("Avec qui"), max_length=200)
    purpose = forms.CharField(label=_("Objet"), max_length=200, required=False)


class OutcomeChoiceForm(forms.Form):
    outcome = forms.ChoiceField(choices=AppointmentOutcome.choices[1:])


class ImmersionForm(WithEnrolment):
    company = forms.CharField(label=_("Entreprise"), max_length=200)
    trade = forms.CharField(label=_("Métier découvert"), max_length=200, required=False)
    start_on = forms.DateField(label=_("Premier jour"), widget=DATE)
    end_on = forms.DateField(label=_("Dernier jour"), widget=DATE)
    daily_hours = forms.DecimalField(
        label=_("Heures par jour"), initial=7, min_value=1, max_value=10, decimal_places=2
    )
    tutor_name = forms.CharField(label=_("Tuteur ou tutrice"), max_length=200)
    tutor_phone = PhoneField(label=_("Son téléphone"))


class ReviewForm(forms.Form):
    review = forms.ChoiceField(
        label=_("Ce que retient le bilan"),
        choices=ImmersionReview.choices,
        widget=forms.RadioSelect,
    )
    review_note = forms.CharField(
        label=_("Ce qui s'est dit"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class AidForm(forms.Form):
    budget_line: "forms.ModelChoiceField[BudgetLine]" = forms.ModelChoiceField(
        label=_("Ligne budgétaire"), queryset=BudgetLine.objects.none()
    )
    kind = forms.ChoiceField(
        label=_("Type d'aide"),
        choices=[("", _("Celui de la ligne")), *AidKind.choices],
        required=False,
    )
    amount = forms.DecimalField(label=_("Montant (€)"), min_value=0, decimal_places=2)
    reason = forms.CharField(label=_("Pour quoi faire"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, lines: QuerySet[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["budget_line"].queryset = lines  # type: ignore[attr-defined]

    def clean_kind(self) -> str:
        line = self.cleaned_data.get("budget_line")
        return self.cleaned_data.get("kind") or (line.kind if line is not None else "")


class ReceiptForm(forms.Form):
    receipt = forms.FileField(
        label=_("Justificatif (PDF, JPEG ou PNG, 5 Mo au plus)"),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,image/jpeg,image/png"}),
    )


class HandOffForm(WithEnrolment):
    enrolment_required = True
    # No default: a pre-chosen "Mission Locale" went through unread.
    target = forms.ChoiceField(label=_("Vers"), choices=[("", "---------"), *HandOffTarget.choices])
    target_structure = forms.ModelChoiceField(
        label=_("Structure qui reçoit"),
        queryset=Structure.objects.none(),
        required=False,
        help_text=_("Si elle utilise Accroche, elle suivra le relais de son côté."),
    )
    target_name = forms.CharField(label=_("Sinon, son nom"), max_length=200, required=False)
    reason = forms.CharField(
        label=_("Ce qu'on attend du relais"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )

    def __init__(self, *args: Any, structures: QuerySet[Structure], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["target_structure"].queryset = structures  # type: ignore[attr-defined]


class CheckForm(forms.Form):
    situation = forms.ChoiceField(
        label=_("Où en est le relais ?"), choices=CheckSituation.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(label=_("Précisions"), required=False, max_length=1000)


class ExitForm(forms.Form):
    enrolment = EnrolmentField(
        label=_("Parcours qui se termine"), queryset=Enrolment.objects.none()
    )
    kind = forms.ChoiceField(
        label=_("Sortie vers"), choices=OutcomeKind.choices, widget=forms.RadioSelect
    )
    exited_on = forms.DateField(label=_("Date de sortie"), widget=DATE)
    note = forms.CharField(
        label=_("Précisions"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def __init__(self, *args: Any, enrolments: QuerySet[Enrolment], **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"exited_on": timezone.localdate()})
        super().__init__(*args, **kwargs)
        self.fields["enrolment"].queryset = enrolments  # type: ignore[attr-defined]
        if len(enrolments) == 1:
            self.fields["enrolment"].initial = enrolments[0]


class FollowUpForm(forms.Form):
    situation = forms.ChoiceField(
        label=_("Situation six mois après la sortie"),
        choices=FollowUpSituation.choices,
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Précisions"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
