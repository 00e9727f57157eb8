from collections.abc import Iterator, Sequence
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accroche.territory.models import ThemeCategory
from accroche.youth.models import Diagnostic, Enrolment, Severity

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
SEVERITY_CHOICES = [("", _("Non évalué")), *((str(v), label) for v, label in Severity.choices)]


def _key(category: ThemeCategory) -> str:
    return category.value.replace("-", "_")


class EnrolmentField(forms.ModelChoiceField[Enrolment]):
    def label_from_instance(self, obj: Enrolment) -> str:
        return obj.programme.name


class DiagnosticForm(forms.Form):
    """One severity (or "not assessed") and a note per barrier domain, then needs."""

    done_on = forms.DateField(label=_("Date du diagnostic"), widget=DATE)
    enrolment = EnrolmentField(
        label=_("Dans le cadre du dispositif"),
        queryset=Enrolment.objects.none(),
        required=False,
        empty_label=_("Aucun"),
    )
    needs = forms.CharField(
        label=_("Besoins exprimés"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    wishes = forms.CharField(
        label=_("Souhaits, projet"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    immediate_need = forms.CharField(
        label=_("Besoin immédiat"),
        max_length=300,
        required=False,
        help_text=_("Ce qui ne peut pas attendre : un hébergement ce soir, un soin, à manger…"),
    )
    immediate_need_on = forms.DateField(
        label=_("Signalé le"),
        widget=DATE,
        required=False,
        help_text=_("Par défaut, la date du diagnostic."),
    )

    def __init__(
        self,
        *args: Any,
        categories: Sequence[ThemeCategory],
        enrolments: Any,
        previous: Diagnostic | None = None,
        **kwargs: Any,
    ) -> None:
        initial: dict[str, Any] = {"done_on": timezone.localdate()}
        if len(enrolments) == 1:
            initial["enrolment"] = enrolments[0]
        if previous is not None:
            # A repeated diagnostic starts from the last one: only what changed is touched.
            for barrier in previous.barriers.all():
                initial[f"severity_{_key(barrier.category)}"] = str(barrier.severity)
        kwargs.setdefault("initial", initial)
        super().__init__(*args, **kwargs)
        self.categories = list(categories)
        self.fields["enrolment"].queryset = enrolments  # type: ignore[attr-defined]
        for category in self.categories:
            key = _key(category)
            self.fields[f"severity_{key}"] = forms.ChoiceField(
                label=category.label,
                choices=SEVERITY_CHOICES,
                required=False,
                widget=forms.RadioSelect,
            )
            self.fields[f"note_{key}"] = forms.CharField(
                label=_("Note sur « %(domain)s »") % {"domain": category.label},
                widget=forms.Textarea(attrs={"rows": 2}),
                required=False,
            )

    def barrier_rows(self) -> Iterator[tuple[ThemeCategory, forms.BoundField, forms.BoundField]]:
        for category in self.categories:
            key = _key(category)
            yield category, self[f"severity_{key}"], self[f"note_{key}"]

    def domain_data(self) -> dict[str, Any]:
        data = {
            field: self.cleaned_data.get(field)
            for field in (
                "done_on",
                "enrolment",
                "needs",
                "wishes",
                "immediate_need",
                "immediate_need_on",
            )
        }
        barriers = []
        for category in self.categories:
            key = _key(category)
            severity = self.cleaned_data.get(f"severity_{key}")
            note = self.cleaned_data.get(f"note_{key}") or ""
            if severity:  # "0" is a severity; "" is "not assessed"
                barriers.append({"category": category, "severity": int(severity), "note": note})
            elif note.strip():
                self.add_error(f"severity_{key}", _("Choisissez une sévérité pour garder la note."))
        data["barriers"] = barriers
        return data
