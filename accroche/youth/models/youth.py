from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accroche.organisations.models import Structure
from accroche.territory.models import Commune, Qpv


class Gender(models.TextChoices):
    WOMAN = "woman", _("Femme")
    MAN = "man", _("Homme")
    NON_BINARY = "non_binary", _("Non-binaire")
    NOT_STATED = "not_stated", _("Non précisé")


class Nationality(models.TextChoices):
    FRENCH = "fr", _("Française")
    EU = "eu", _("UE")
    NON_EU = "non_eu", _("Hors UE")


class NameCompleteness(models.TextChoices):
    FULL = "full", _("Prénom et nom")
    PARTIAL = "partial", _("Prénom seul")
    NICKNAME = "nickname", _("Surnom seulement")


class Youth(models.Model):
    """A young person's file. Only a first name or a nickname is required."""

    first_name = models.CharField(_("prénom"), max_length=100, blank=True)
    nickname = models.CharField(_("surnom"), max_length=100, blank=True)
    last_name = models.CharField(_("nom"), max_length=100, blank=True)
    name_completeness = models.CharField(
        _("identité connue"), max_length=10, choices=NameCompleteness.choices
    )
    birth_date = models.DateField(_("date de naissance"), null=True, blank=True)
    birth_year = models.PositiveSmallIntegerField(
        _("année de naissance (estimée)"), null=True, blank=True
    )
    gender = models.CharField(
        _("genre"), max_length=12, choices=Gender.choices, default=Gender.NOT_STATED
    )
    phone = models.CharField(_("téléphone"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    social_handle = models.CharField(_("réseau social"), max_length=100, blank=True)
    residence_commune = models.ForeignKey(
        Commune,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        verbose_name=_("commune de résidence"),
    )
    residence_qpv = models.ForeignKey(
        Qpv, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("QPV de résidence")
    )
    nationality = models.CharField(
        _("nationalité"), max_length=10, choices=Nationality.choices, blank=True
    )
    rqth = models.BooleanField(_("RQTH"), null=True, blank=True)
    has_children = models.BooleanField(_("enfant(s) à charge"), null=True, blank=True)
    driving_licence = models.BooleanField(_("permis de conduire"), null=True, blank=True)
    # The lived neighbourhood: where the young person spends time, not where they sleep.
    frequented_communes = models.ManyToManyField(
        Commune,
        blank=True,
        related_name="frequenting_youths",
        verbose_name=_("communes fréquentées"),
    )
    frequented_qpvs = models.ManyToManyField(
        Qpv, blank=True, related_name="frequenting_youths", verbose_name=_("QPV fréquentés")
    )
    frequented_places = models.CharField(_("lieux fréquentés"), max_length=300, blank=True)
    # The structure that created the file; other structures see it only through consent.
    holder_structure = models.ForeignKey(
        Structure, on_delete=models.PROTECT, related_name="held_youths", verbose_name=_("structure")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    last_contact_at = models.DateTimeField(_("dernier contact"), null=True, blank=True)
    # Set by accroche.privacy.erasure: identifiers and free texts are gone, counts remain.
    anonymised_at = models.DateTimeField(_("anonymisée le"), null=True, blank=True, editable=False)
    # Derived from the names and phone by accroche.youth.search, for tolerant search.
    search_text = models.CharField(max_length=400, blank=True, editable=False)
    search_phonetic = models.CharField(max_length=400, blank=True, editable=False)
    phone_digits = models.CharField(max_length=30, blank=True, editable=False)

    class Meta:
        verbose_name = _("jeune")
        ordering = ["first_name", "nickname", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(first_name="") | ~Q(nickname=""),
                name="youth_has_a_name",
                violation_error_message=_("Indiquez au moins un prénom ou un surnom."),
            )
        ]
        indexes = [
            models.Index(fields=["holder_structure", "last_contact_at"]),
            # "The files my structure holds" as ids only (youths_visible_to): PostgreSQL
            # answers from the index alone instead of reading a page per file.
            models.Index(fields=["holder_structure", "id"], name="youth_holder_ids"),
        ]

    # What display_name reads: lists that show only names load these (``only()``).
    NAME_FIELDS = ("first_name", "last_name", "nickname", "anonymised_at")

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        if self.anonymised_at:
            return str(_("Fiche anonymisée"))
        name = " ".join(part for part in (self.first_name, self.last_name) if part)
        if self.nickname:
            return f"{name} « {self.nickname} »" if name else f"« {self.nickname} »"
        return name


class Consent(models.Model):
    """One consent of a young person, per purpose; withdrawal takes effect at once."""

    class Purpose(models.TextChoices):
        FOLLOW_UP = "follow_up", _("Accompagnement")
        SHARING = "sharing", _("Partage avec des structures nommées")
        CONTACT = "contact", _("Contact par SMS / e-mail")
        EVALUATION = "evaluation", _("Évaluation (données pseudonymisées)")

    class Method(models.TextChoices):
        ORAL = "oral", _("Oral, noté par le professionnel")
        WRITTEN = "written", _("Écrit")

    youth = models.ForeignKey(Youth, on_delete=models.CASCADE, related_name="consents")
    purpose = models.CharField(_("finalité"), max_length=20, choices=Purpose.choices)
    method = models.CharField(_("recueil"), max_length=10, choices=Method.choices)
    given_on = models.DateField(_("date du consentement"))
    withdrawn_on = models.DateField(_("date du retrait"), null=True, blank=True)
    guardian_informed = models.BooleanField(
        _("représentant légal informé (16–17 ans)"), null=True, blank=True
    )
    shared_with = models.ManyToManyField(
        Structure, blank=True, related_name="shared_consents", verbose_name=_("structures")
    )
    # A sharing with structures outside the file's consortium (neither partners of its
    # programmes nor covering its commune): an explicit transfer, with its reason, that
    # the DPO reviews. ``transferred_to`` is the part of ``shared_with`` it concerns.
    transferred_to = models.ManyToManyField(
        Structure,
        blank=True,
        related_name="transferred_consents",
        verbose_name=_("transférée à (hors consortium)"),
    )
    transfer_reason = models.TextField(_("motif du transfert"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_by_structure = models.ForeignKey(Structure, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-given_on", "-pk"]
        indexes = [models.Index(fields=["youth", "purpose"])]

    def __str__(self) -> str:
        return f"{self.get_purpose_display()} ({self.given_on})"

    @property
    def is_active(self) -> bool:
        return self.withdrawn_on is None
