"""Forms of the workshops and budget pages."""

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accroche import form_fields
from accroche.followup.models import AidKind, WorkshopKind, WorkshopSession
from accroche.organisations.models import Programme, Structure
from accroche.www.followup_views.common import DATETIME


class WorkshopForm(forms.Form):
    programme = forms.ModelChoiceField(label=_("Dispositif"), queryset=Programme.objects.none())
    title = forms.CharField(label=_("Titre"), max_length=200)
    kind = forms.ChoiceField(label=_("Type d'atelier"), choices=WorkshopKind.choices)
    structure = forms.ModelChoiceField(
        label=_("Structure qui anime"), queryset=Structure.objects.none()
    )
    capacity = forms.IntegerField(label=_("Places par séance"), min_value=1, max_value=200)
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def __init__(
        self,
        *args: Any,
        programmes: QuerySet[Programme],
        structures: QuerySet[Structure],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = programmes  # type: ignore[attr-defined]
        self.fields["structure"].queryset = structures  # type: ignore[attr-defined]
        if len(programmes) == 1:
            self.fields["programme"].initial = programmes[0]


class WorkshopEditForm(forms.Form):
    title = WorkshopForm.base_fields["title"]
    kind = WorkshopForm.base_fields["kind"]
    capacity = WorkshopForm.base_fields["capacity"]
    description = WorkshopForm.base_fields["description"]


class SessionForm(forms.Form):
    starts_at = forms.DateTimeField(label=_("Début"), widget=DATETIME)
    duration_minutes = forms.IntegerField(
        label=_("Durée (minutes)"), min_value=15, max_value=600, initial=120
    )
    place = forms.CharField(label=_("Lieu"), max_length=200, required=False)


class RegisterForm(forms.Form):
    session: "forms.ModelChoiceField[WorkshopSession]" = forms.ModelChoiceField(
        label=_("Séance"), queryset=WorkshopSession.objects.none()
    )

    def __init__(self, *args: Any, sessions: QuerySet[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["session"]
        field.queryset = sessions  # type: ignore[attr-defined]
        field.label_from_instance = lambda s: (  # type: ignore[attr-defined]
            f"{s.workshop.title} — {timezone.localtime(s.starts_at):%d/%m/%Y %H:%M} "
            f"({s.registered}/{s.workshop.capacity})"
        )


class BudgetLineForm(form_fields.Form):
    programme = forms.ModelChoiceField(label=_("Dispositif"), queryset=Programme.objects.none())
    label = forms.CharField(label=_("Libellé"), max_length=200)
    kind = forms.ChoiceField(
        label=_("Type d'aide"),
        choices=AidKind.choices,
        help_text=_("« Autre » accepte tous les types d'aide."),
    )
    year = forms.IntegerField(label=_("Année"), min_value=2000, max_value=2100)
    envelope = forms.DecimalField(label=_("Enveloppe (€)"), min_value=0, decimal_places=2)
    unit_quota = forms.IntegerField(
        label=_("Nombre maximum d'aides dans l'année"),
        min_value=1,
        required=False,
        help_text=_("Par exemple 15 permis AM par an. Laissez vide s'il n'y a pas de quota."),
    )

    def __init__(self, *args: Any, programmes: QuerySet[Programme], **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"year": timezone.localdate().year})
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = programmes  # type: ignore[attr-defined]
        if len(programmes) == 1:
            self.fields["programme"].initial = programmes[0]
