from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accroche.organisations.models import Membership, Programme
from accroche.territory.models import DiplomaLevel
from accroche.youth.enrolments import transitions_from
from accroche.youth.models import (
    Activity,
    Eligibility,
    Enrolment,
    Housing,
    LegalBasis,
    Phase,
    Resources,
    SpeContact,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
NOT_STATED = ("", _("Non renseigné"))


def referent_label(membership: Membership) -> str:
    return f"{membership.user.get_full_name()} — {membership.structure.name}"


class ReferentField(forms.ModelChoiceField[Membership]):
    def label_from_instance(self, obj: Membership) -> str:
        return referent_label(obj)


class EnrolmentForm(forms.Form):
    """Enrolment with the situation at entry; every situation field may stay unknown."""

    programme = forms.ModelChoiceField(label=_("Dispositif"), queryset=Programme.objects.none())
    referent = ReferentField(
        label=_("Référent·e"),
        queryset=Membership.objects.none(),
        help_text=_("Une seule personne suit le jeune. Elle peut être d'une structure partenaire "
                    "si le jeune a accepté le partage avec elle."),
    )  # fmt: skip
    entry_date = forms.DateField(label=_("Date d'entrée"), widget=DATE)
    phase = forms.ChoiceField(
        label=_("Phase"),
        choices=[(p.value, p.label) for p in (Phase.CONTACT, Phase.MOBILISATION, Phase.FOLLOW_UP)],
    )
    legal_basis = forms.ChoiceField(
        label=_("Base légale"),
        choices=[("", _("Consentement du jeune à l'accompagnement")), *LegalBasis.choices],
        required=False,
        help_text=_(
            "Sans consentement à l'accompagnement noté sur la fiche, choisissez ce qui "
            "permet le parcours."
        ),
    )
    entry_activity = forms.ChoiceField(
        label=_("Situation"), choices=[NOT_STATED, *Activity.choices], required=False
    )
    entry_diploma_level = forms.ModelChoiceField(
        label=_("Plus haut diplôme"),
        queryset=DiplomaLevel.objects.all(),
        required=False,
        empty_label=NOT_STATED[1],
    )
    entry_last_spe_contact_source = forms.ChoiceField(
        label=_("Dernier contact avec le service public de l'emploi"),
        choices=[NOT_STATED, *SpeContact.choices],
        required=False,
    )
    entry_last_spe_contact_on = forms.DateField(
        label=_("Date de ce dernier contact"),
        widget=DATE,
        required=False,
        help_text=_("Même approximative (le mois suffit : prenez le 1er)."),
    )
    entry_housing = forms.ChoiceField(
        label=_("Logement"), choices=[NOT_STATED, *Housing.choices], required=False
    )
    entry_resources = forms.ChoiceField(
        label=_("Ressources"), choices=[NOT_STATED, *Resources.choices], required=False
    )

    def __init__(
        self,
        *args: Any,
        programmes: Any,
        referents: Any,
        default_referent: Membership | None = None,
        **kwargs: Any,
    ) -> None:
        initial = {"entry_date": timezone.localdate(), "referent": default_referent}
        if len(programmes) == 1:
            initial["programme"] = programmes[0]
        kwargs.setdefault("initial", initial)
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = programmes  # type: ignore[attr-defined]
        self.fields["referent"].queryset = referents  # type: ignore[attr-defined]


class ReferentChangeForm(forms.Form):
    referent = ReferentField(
        label=_("Nouveau ou nouvelle référent·e"), queryset=Membership.objects.none()
    )
    reason = forms.CharField(
        label=_("Motif"),
        max_length=300,
        required=False,
        help_text=_(
            "Par exemple : départ du collègue, demande du jeune, relais vers la Mission Locale."
        ),
    )

    def __init__(self, *args: Any, referents: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["referent"].queryset = referents  # type: ignore[attr-defined]


class PhaseForm(forms.Form):
    act = forms.ChoiceField(label=_("Étape suivante"), widget=forms.RadioSelect)
    on = forms.DateField(label=_("Date"), widget=DATE)
    note = forms.CharField(label=_("Commentaire"), max_length=300, required=False)

    def __init__(self, *args: Any, enrolment: Enrolment, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"on": timezone.localdate()})
        super().__init__(*args, **kwargs)
        self.fields["act"].choices = transitions_from(enrolment.phase)  # type: ignore[attr-defined]


class OverrideForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Votre décision"),
        choices=[(e.value, e.label) for e in (Eligibility.ELIGIBLE, Eligibility.NOT_ELIGIBLE)],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Motif"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Il reste dans l'historique du parcours et sera lu par les financeurs."),
    )
