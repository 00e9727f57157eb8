from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accroche.organisations.models import Membership, Programme, Structure
from accroche.territory.models import DiplomaLevel
from accroche.youth.models.youth import Youth


class Phase(models.TextChoices):
    CONTACT = "contact", _("Contact")
    MOBILISATION = "mobilisation", _("Mobilisation")
    FOLLOW_UP = "follow_up", _("Accompagnement")
    HAND_OFF = "hand_off", _("Passage de relais")
    EXITED = "exited", _("Sorti·e du dispositif")


class Activity(models.TextChoices):
    """Employment, education and training status (the "NEET" question)."""

    NEET = "neet", _("Ni en emploi, ni en études, ni en formation")
    EMPLOYED = "employed", _("En emploi")
    STUDENT = "student", _("Scolarisé·e ou étudiant·e")
    TRAINING = "training", _("En formation")


class SpeContact(models.TextChoices):
    """Who the last contact with the public employment service was with."""

    MISSION_LOCALE = "mission_locale", _("Mission Locale")
    FRANCE_TRAVAIL = "france_travail", _("France Travail")
    NEVER = "never", _("Jamais en contact")


class Housing(models.TextChoices):
    FAMILY = "family", _("Chez ses parents ou dans sa famille")
    OWN = "own", _("Logement personnel")
    FRIENDS = "friends", _("Hébergé·e chez des amis ou des tiers")
    YOUTH_HOME = "youth_home", _("Foyer, FJT ou résidence sociale")
    EMERGENCY = "emergency", _("Hébergement d'urgence (115, CHRS, hôtel)")
    HOMELESS = "homeless", _("Sans abri, à la rue")
    SQUAT = "squat", _("Squat ou habitat précaire")


class Resources(models.TextChoices):
    NONE = "none", _("Aucune ressource")
    FAMILY = "family", _("Aide de la famille ou de proches")
    WORK = "work", _("Revenus d'activité (petits boulots, intérim)")
    BENEFITS = "benefits", _("Allocations (CAF, AAH…)")
    UNEMPLOYMENT = "unemployment", _("Allocation chômage")
    OTHER = "other", _("Autres ressources")


class Eligibility(models.TextChoices):
    ELIGIBLE = "eligible", _("Éligible")
    NOT_ELIGIBLE = "not_eligible", _("Non éligible")
    INCOMPLETE = "incomplete", _("À compléter")


class LegalBasis(models.TextChoices):
    """What allows the processing when the young person's consent is not its basis: the
    other bases of GDPR art. 6.1 a consortium can rely on (empty: the consent, 6.1.a)."""

    PUBLIC_INTEREST = "public_interest", _("Mission d'intérêt public (RGPD art. 6.1.e)")
    LEGAL_OBLIGATION = "legal_obligation", _("Obligation légale (RGPD art. 6.1.c)")
    CONTRACT = "contract", _("Contrat avec le jeune, par ex. CEJ (RGPD art. 6.1.b)")
    VITAL_INTERESTS = "vital_interests", _("Sauvegarde des intérêts vitaux (RGPD art. 6.1.d)")


class Enrolment(models.Model):
    """A young person's path in a programme (parcours): one referent, a phase, and what
    was true at entry (situation and eligibility), kept as it was for the funders."""

    youth = models.ForeignKey(Youth, on_delete=models.CASCADE, related_name="enrolments")
    programme = models.ForeignKey(
        Programme, on_delete=models.PROTECT, related_name="enrolments", verbose_name=_("dispositif")
    )
    referent = models.ForeignKey(
        Membership,
        on_delete=models.PROTECT,
        related_name="referred_enrolments",
        verbose_name=_("référent·e"),
    )
    phase = models.CharField(
        _("phase"), max_length=20, choices=Phase.choices, default=Phase.CONTACT
    )
    entry_date = models.DateField(_("date d'entrée"))
    exited_on = models.DateField(_("date de sortie"), null=True, blank=True)
    # The situation at entry: a snapshot, not the current situation.
    entry_activity = models.CharField(
        _("situation (emploi, études, formation)"),
        max_length=20,
        choices=Activity.choices,
        blank=True,
    )
    entry_last_spe_contact_on = models.DateField(
        _("dernier contact avec la Mission Locale ou France Travail"), null=True, blank=True
    )
    entry_last_spe_contact_source = models.CharField(
        _("avec"), max_length=20, choices=SpeContact.choices, blank=True
    )
    entry_diploma_level = models.ForeignKey(
        DiplomaLevel,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("plus haut diplôme"),
    )
    entry_housing = models.CharField(
        _("logement"), max_length=20, choices=Housing.choices, blank=True
    )
    entry_resources = models.CharField(
        _("ressources"), max_length=20, choices=Resources.choices, blank=True
    )
    # The rules evaluated on the entry date (accroche.youth.eligibility), as they were.
    eligibility = models.JSONField(_("éligibilité à l'entrée"), default=dict, blank=True)
    eligibility_status = models.CharField(
        _("éligibilité calculée"), max_length=20, choices=Eligibility.choices
    )
    # A coordinator's decision, when it differs from the evaluation (history in
    # EligibilityOverride).
    eligibility_override = models.CharField(
        _("décision du coordinateur"),
        max_length=20,
        choices=Eligibility.choices[:2],
        blank=True,
    )
    # Empty: the young person's consent to follow-up, noted on the file, is the basis.
    legal_basis = models.CharField(
        _("base légale"), max_length=20, choices=LegalBasis.choices, blank=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_by_structure = models.ForeignKey(Structure, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("parcours")
        ordering = ["-entry_date", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["youth", "programme"],
                condition=~Q(phase="exited"),
                name="enrolment_one_active_per_programme",
                violation_error_message=_(
                    "Ce jeune a déjà un parcours en cours dans ce dispositif."
                ),
            )
        ]
        indexes = [models.Index(fields=["referent", "phase"])]

    def __str__(self) -> str:
        return f"{self.programme} ({self.entry_date})"

    @property
    def is_active(self) -> bool:
        return self.phase != Phase.EXITED

    @property
    def effective_eligibility(self) -> str:
        return self.eligibility_override or self.eligibility_status

    def get_effective_eligibility_display(self) -> str:
        return str(Eligibility(self.effective_eligibility).label)

    def get_legal_basis_label(self) -> str:
        if self.legal_basis:
            return str(LegalBasis(self.legal_basis).label)
        return str(_("Consentement du jeune à l'accompagnement (RGPD art. 6.1.a)"))


class PhaseChange(models.Model):
    """Every phase an enrolment went through (the first row is the entry)."""

    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="phase_changes")
    from_phase = models.CharField(max_length=20, choices=Phase.choices, blank=True)
    to_phase = models.CharField(max_length=20, choices=Phase.choices)
    on = models.DateField(_("date"))
    note = models.CharField(_("commentaire"), max_length=300, blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    by_structure = models.ForeignKey(Structure, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["on", "at", "pk"]

    def __str__(self) -> str:
        return f"{self.from_phase or '-'} → {self.to_phase} ({self.on})"


class ReferentChange(models.Model):
    """Every referent an enrolment had (the first row has no ``from_referent``)."""

    enrolment = models.ForeignKey(
        Enrolment, on_delete=models.CASCADE, related_name="referent_changes"
    )
    from_referent = models.ForeignKey(
        Membership, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    to_referent = models.ForeignKey(Membership, on_delete=models.PROTECT, related_name="+")
    reason = models.CharField(_("motif"), max_length=300, blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    by_structure = models.ForeignKey(Structure, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.from_referent_id} → {self.to_referent_id} ({self.at:%Y-%m-%d})"


class EligibilityOverride(models.Model):
    """A coordinator's written decision on eligibility; the latest one applies."""

    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="overrides")
    decision = models.CharField(_("décision"), max_length=20, choices=Eligibility.choices[:2])
    reason = models.TextField(_("motif"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    by_structure = models.ForeignKey(Structure, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.decision} ({self.at:%Y-%m-%d})"
