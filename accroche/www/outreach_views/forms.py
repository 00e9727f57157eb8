from typing import Any

from django import forms
from django.db.models import F, Max, Q, QuerySet
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from accroche.access.actor import Actor
from accroche.access.permissions import Perm
from accroche.accounts.models import User
from accroche.form_fields import LoadedModelChoiceField
from accroche.organisations.models import Programme, Structure
from accroche.outreach.access import outreach_programmes, places_visible_to
from accroche.outreach.enums import (
    AgeBand,
    Channel,
    CloseReason,
    ContactMode,
    ContactResult,
    CountGender,
    Modality,
    PlaceKind,
    ReferralSource,
    Weather,
)
from accroche.outreach.models import Place
from accroche.territory.lookup import qpv_choices, resolve_commune
from accroche.territory.models import Commune, Qpv
from accroche.www.fields import CommuneField, PhoneField
from accroche.www.outreach_views.widgets import KeyedForm, Pills, datetime_field
from accroche.youth.access import youths_visible_to


def _programme_field(actor: Actor) -> LoadedModelChoiceField[Programme]:
    programmes = outreach_programmes(actor).order_by("-start_date", "name")
    field = LoadedModelChoiceField(
        label=_("Dispositif"), queryset=programmes, empty_label=None,
        error_messages={"invalid_choice": _("Choisissez un dispositif de votre structure.")},
    )  # fmt: skip
    # The latest programme by default; with only one, nothing to choose.
    field.initial = field.objects[0] if field.objects else None
    if len(field.objects) == 1:
        field.widget = forms.HiddenInput()
    return field


def _qpv_field(prefix_id: str) -> forms.ModelChoiceField[Qpv]:
    field = forms.ModelChoiceField(
        label=_("Quartier prioritaire (QPV)"), queryset=Qpv.objects.all(), required=False,
        empty_label=_("Aucun / ne sait pas"),
    )  # fmt: skip
    field.widget.attrs.update(
        {
            "hx-get": reverse_lazy("www:qpv_options"),
            "hx-trigger": f"change from:#{prefix_id}",
            "hx-include": f"#{prefix_id}",
            "hx-swap": "innerHTML",
        }
    )
    return field


def _set_qpv_choices(form: forms.Form, commune_field: str, qpv_field: str, initial: Any) -> None:
    if form.is_bound:
        commune = resolve_commune(form.data.get(form.add_prefix(commune_field), ""))
    else:
        commune = initial if isinstance(initial, Commune) else None
    form.fields[qpv_field].widget.choices = qpv_choices(commune)


class StartSessionForm(KeyedForm):
    programme = forms.ModelChoiceField(queryset=Programme.objects.none())
    modality = forms.ChoiceField(label=_("Comment"), choices=Modality.choices, widget=Pills)
    places = forms.ModelMultipleChoiceField(
        label=_("Où"), queryset=Place.objects.none(), required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "pill-input"}),
    )  # fmt: skip
    started_at = datetime_field(_("Commencée à"), help_text=_("Vide : maintenant."))

    def __init__(self, *args: Any, actor: Actor, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["programme"] = _programme_field(actor)
        places = self.fields["places"]
        assert isinstance(places, forms.ModelMultipleChoiceField)
        # The places the structure went to lately come first.
        places.queryset = (
            places_visible_to(actor)
            .filter(is_active=True)
            .annotate(
                last_used=Max(
                    "sessions__started_at", filter=Q(sessions__structure_id=actor.structure_id)
                )
            )
            .order_by(F("last_used").desc(nulls_last=True), "name")
        )


class SessionEditForm(forms.Form):
    modality = forms.ChoiceField(label=_("Modalité"), choices=Modality.choices, widget=Pills)
    places = forms.ModelMultipleChoiceField(
        label=_("Lieux"), queryset=Place.objects.none(), required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "pill-input"}),
    )  # fmt: skip
    started_at = datetime_field(_("Début"))
    ended_at = datetime_field(_("Fin"), help_text=_("Vide : la sortie est encore en cours."))
    weather = forms.ChoiceField(
        label=_("Météo"), choices=[("", _("Non notée")), *Weather.choices], required=False,
        widget=Pills,
    )  # fmt: skip
    team = forms.ModelMultipleChoiceField(
        label=_("Équipe"), queryset=User.objects.none(), required=False,
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip
    partner_structures = forms.ModelMultipleChoiceField(
        label=_("Autres structures présentes"), queryset=Structure.objects.none(),
        required=False, widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip
    note = forms.CharField(
        label=_("Note"), required=False, max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Ce qui s'est passé, sans nom ni détail sur un jeune."),
    )  # fmt: skip

    def __init__(
        self,
        *args: Any,
        places: QuerySet[Place],
        team: QuerySet[User],
        structures: QuerySet[Structure],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        for name, queryset in (
            ("places", places),
            ("team", team),
            ("partner_structures", structures),
        ):
            field = self.fields[name]
            assert isinstance(field, forms.ModelMultipleChoiceField)
            field.queryset = queryset

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("started_at") is None and "started_at" not in self.errors:
            self.add_error("started_at", _("Indiquez l'heure de début."))
        return cleaned


WHO_CHOICES = [
    ("new", _("Nouveau jeune")),
    ("known", _("Jeune déjà connu")),
    ("anonymous", _("Sans fiche")),
]


class ContactForm(KeyedForm):
    who = forms.ChoiceField(label=_("Qui"), choices=WHO_CHOICES, initial="new", widget=Pills)
    first_name = forms.CharField(
        label=_("Prénom"), required=False, max_length=100,
        help_text=_("Un prénom ou un surnom suffit."),
    )  # fmt: skip
    nickname = forms.CharField(label=_("Surnom"), required=False, max_length=100)
    phone = PhoneField(label=_("Téléphone"))
    q = forms.CharField(
        label=_("Rechercher un jeune"), required=False, max_length=100,
        widget=forms.TextInput(
            attrs={"type": "search", "autocomplete": "off",
                   "placeholder": _("Prénom, surnom ou téléphone")}
        ),
    )  # fmt: skip
    # Rendered by hand from the search results: never a list of every visible file.
    youth = forms.IntegerField(required=False, widget=forms.HiddenInput)
    result = forms.ChoiceField(
        label=_("Résultat"), choices=ContactResult.choices, initial=ContactResult.INFORMAL_TALK,
        widget=Pills,
    )  # fmt: skip
    channel = forms.ChoiceField(
        label=_("Par qui"), choices=Channel.choices, initial=Channel.DIRECT, widget=Pills
    )
    mode = forms.ChoiceField(label=_("Comment"), choices=ContactMode.choices, widget=Pills)
    age_band = forms.ChoiceField(
        label=_("Âge"), choices=[("", _("Ne sait pas")), *AgeBand.choices[:-1]],
        required=False, widget=Pills,
    )  # fmt: skip
    gender = forms.ChoiceField(
        label=_("Genre"), choices=[("", _("Ne sait pas")), *CountGender.choices[:-1]],
        required=False, widget=Pills,
    )  # fmt: skip
    note = forms.CharField(
        label=_("Note"), required=False, max_length=1000, widget=forms.Textarea(attrs={"rows": 2})
    )
    happened_at = datetime_field(_("Quand"), help_text=_("Vide : maintenant."))

    def __init__(self, *args: Any, actor: Actor, in_session: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.actor = actor
        self.fields["mode"].initial = ContactMode.FACE_TO_FACE if in_session else ContactMode.CALL
        if in_session:
            self.fields["happened_at"].help_text = _(
                "Vide : maintenant, ou le début de la sortie si elle est déjà finie."
            )
        else:
            self.fields["programme"] = _programme_field(actor)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        who = cleaned.get("who")
        if who == "new" and not (cleaned.get("first_name") or cleaned.get("nickname")):
            self.add_error("first_name", _("Indiquez au moins un prénom ou un surnom."))
        if who == "known":
            pk = cleaned.get("youth")
            youth = youths_visible_to(self.actor).filter(pk=pk).first() if pk else None
            if youth is None:
                self.add_error("q", _("Cherchez le jeune puis choisissez-le dans la liste."))
            cleaned["youth_obj"] = youth
        return cleaned


class CloseReferralForm(forms.Form):
    close_reason = forms.ChoiceField(
        label=_("Motif"), choices=CloseReason.choices, widget=forms.RadioSelect
    )
    close_note = forms.CharField(label=_("Précision"), required=False, max_length=300)


class ReferralForm(KeyedForm):
    programme = forms.ModelChoiceField(queryset=Programme.objects.none())
    source = forms.ChoiceField(
        label=_("Qui signale"), choices=ReferralSource.choices, widget=Pills,
        initial=ReferralSource.FAMILY,
    )  # fmt: skip
    sender_name = forms.CharField(
        label=_("Qui est-ce"), required=False, max_length=150,
        help_text=_("Ex. « sa mère », « l'éducateur du collège »."),
    )  # fmt: skip
    sender_contact = forms.CharField(
        label=_("Comment joindre la personne qui signale"), required=False, max_length=150
    )
    name = forms.CharField(label=_("Prénom ou surnom du jeune"), max_length=100)
    age_band = forms.ChoiceField(
        label=_("Âge"), choices=[("", _("Ne sait pas")), *AgeBand.choices[:-1]],
        required=False, widget=Pills,
    )  # fmt: skip
    phone = PhoneField(label=_("Téléphone du jeune"))
    email = forms.CharField(
        label=_("E-mail du jeune"), required=False, max_length=254,
        widget=forms.TextInput(attrs={"type": "email"}),
    )  # fmt: skip
    social_handle = forms.CharField(label=_("Réseau social"), required=False, max_length=100)
    reach_when = forms.CharField(
        label=_("Quand le joindre"), required=False, max_length=150,
        help_text=_("Ex. « le soir après 18 h »."),
    )  # fmt: skip
    commune = CommuneField(label=_("Commune"))
    qpv = forms.ModelChoiceField(queryset=Qpv.objects.none())
    need = forms.CharField(
        label=_("Ce dont il ou elle a besoin"), required=False, max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )  # fmt: skip

    def __init__(self, *args: Any, actor: Actor, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["programme"] = _programme_field(actor)
        self.fields["qpv"] = _qpv_field("id_commune")
        _set_qpv_choices(self, "commune", "qpv", None)
        if not actor.can(Perm.NOTE_REFERRAL_SOURCE):
            del self.fields["source"]


class PlaceForm(KeyedForm):
    programme = forms.ModelChoiceField(queryset=Programme.objects.none())
    name = forms.CharField(label=_("Nom du lieu"), max_length=150)
    kind = forms.ChoiceField(label=_("Type de lieu"), choices=PlaceKind.choices)
    commune = CommuneField(label=_("Commune"), required=False)
    qpv = forms.ModelChoiceField(queryset=Qpv.objects.none())
    latitude = forms.FloatField(
        label=_("Latitude"), required=False, min_value=-90, max_value=90,
        widget=forms.NumberInput(attrs={"step": "any", "inputmode": "decimal"}),
    )  # fmt: skip
    longitude = forms.FloatField(
        label=_("Longitude"), required=False, min_value=-180, max_value=180,
        widget=forms.NumberInput(attrs={"step": "any", "inputmode": "decimal"}),
    )  # fmt: skip
    is_active = forms.BooleanField(label=_("Toujours utilisé"), required=False, initial=True)

    def __init__(self, *args: Any, actor: Actor, place: Place | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["programme"] = _programme_field(actor)
        self.fields["qpv"] = _qpv_field("id_commune")
        _set_qpv_choices(self, "commune", "qpv", place.commune if place else None)
        if place is not None:
            del self.fields["programme"]
            del self.fields["idempotency_key"]
        else:
            del self.fields["is_active"]
