from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from accroche.encrypted_fields import EncryptedTextField
from accroche.organisations.models import Structure
from accroche.youth.models import Enrolment, Youth


class OutcomeKind(models.TextChoices):
    STABLE_JOB = "stable_job", _("Emploi durable (CDI, CDD de 6 mois ou plus)")
    SHORT_JOB = "short_job", _("Emploi de courte durée (CDD, intérim)")
    APPRENTICESHIP = "apprenticeship", _("Alternance, apprentissage")
    QUALIFYING_TRAINING = "qualifying_training", _("Formation qualifiante")
    CIVIC_SERVICE = "civic_service", _("Service civique")
    CEJ = "cej", _("Contrat d'Engagement Jeune (CEJ)")
    BACK_TO_SCHOOL = "back_to_school", _("Retour en scolarité")
    BUSINESS_CREATION = "business_creation", _("Création d'entreprise")
    SIAE = "siae", _("Parcours en SIAE")
    MOVED_AWAY = "moved_away", _("Déménagement")
    LOST_CONTACT = "lost_contact", _("Perdu·e de vue")
    DROPPED_OUT = "dropped_out", _("Abandon")
    OTHER = "other", _("Autre")


POSITIVE_OUTCOMES = frozenset(
    {
        OutcomeKind.STABLE_JOB,
        OutcomeKind.SHORT_JOB,
        OutcomeKind.APPRENTICESHIP,
        OutcomeKind.QUALIFYING_TRAINING,
        OutcomeKind.CIVIC_SERVICE,
        OutcomeKind.CEJ,
        OutcomeKind.BACK_TO_SCHOOL,
        OutcomeKind.BUSINESS_CREATION,
        OutcomeKind.SIAE,
    }
)


class FollowUpSituation(models.TextChoices):
    """Six months after leaving (the FSE+ longer-term result indicators)."""

    EMPLOYED = "employed", _("En emploi")
    TRAINING = "training", _("En formation ou en études")
    JOB_SEARCHING = "job_searching", _("En recherche d'emploi")
    OTHER = "other", _("Autre situation")
    UNKNOWN = "unknown", _("Sans nouvelles")


class Outcome(models.Model):
    """The exit (sortie) of one enrolment: what the young person went to, when, and where
    they stand six months later."""

    enrolment = models.OneToOneField(Enrolment, on_delete=models.CASCADE, related_name="outcome")
    youth = models.ForeignKey(Youth, on_delete=models.CASCADE, related_name="outcomes")
    kind = models.CharField(_("sortie vers"), max_length=30, choices=OutcomeKind.choices)
    exited_on = models.DateField(_("date de sortie"))
    note = EncryptedTextField(_("précisions"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_by_structure = models.ForeignKey(Structure, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)
    followup_on = models.DateField(_("suivi à 6 mois fait le"), null=True, blank=True)
    followup_situation = models.CharField(
        _("situation à 6 mois"), max_length=20, choices=FollowUpSituation.choices, blank=True
    )
    followup_note = EncryptedTextField(_("précisions sur la situation à 6 mois"), blank=True)

    class Meta:
        verbose_name = _("sortie")
        ordering = ["-exited_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.exited_on})"

    @property
    def is_positive(self) -> bool:
        return self.kind in POSITIVE_OUTCOMES
