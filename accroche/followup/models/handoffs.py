from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from accroche.encrypted_fields import EncryptedTextField
from accroche.organisations.models import Structure
from accroche.youth.models import Enrolment, Youth


class HandOffTarget(models.TextChoices):
    MISSION_LOCALE = "mission_locale", _("Mission Locale")
    FRANCE_TRAVAIL = "france_travail", _("France Travail")
    CEJ = "cej", _("Contrat d'Engagement Jeune (CEJ)")
    SIAE = "siae", _("Structure d'insertion par l'activité économique (SIAE)")
    DAY_WORK = "day_work", _("Travail payé à la journée")
    TRAINING = "training", _("Formation")
    HOUSING = "housing", _("Logement, hébergement")
    HEALTH = "health", _("Service de santé")
    PARTNER = "partner", _("Autre partenaire")


class HandOffStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposé")
    SENT = "sent", _("Envoyé")
    ACKNOWLEDGED = "acknowledged", _("Reçu par le partenaire")
    REFUSED = "refused", _("Refusé")
    STARTED = "started", _("Démarré")
    CANCELLED = "cancelled", _("Abandonné")


# A hand-off still under way: its status is checked again at 3 and 6 months.
UNDER_WAY = (HandOffStatus.SENT, HandOffStatus.ACKNOWLEDGED, HandOffStatus.STARTED)


class HandOff(models.Model):
    """A hand-off (passage de relais) to the Mission Locale, the CEJ, a training… that
    must really happen: proposed → sent → acknowledged or refused → started."""

    youth = models.ForeignKey(Youth, on_delete=models.CASCADE, related_name="handoffs")
    enrolment = models.ForeignKey(
        Enrolment, on_delete=models.CASCADE, related_name="handoffs", verbose_name=_("parcours")
    )
    target = models.CharField(_("vers"), max_length=20, choices=HandOffTarget.choices)
    target_structure = models.ForeignKey(
        Structure,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="received_handoffs",
        verbose_name=_("structure qui reçoit"),
    )
    target_name = models.CharField(
        _("ou son nom"),
        max_length=200,
        blank=True,
        help_text=_("Quand la structure n'utilise pas Accroche."),
    )
    reason = EncryptedTextField(_("ce qu'on attend du relais"), blank=True)
    status = models.CharField(
        _("état"), max_length=20, choices=HandOffStatus.choices, default=HandOffStatus.PROPOSED
    )
    proposed_on = models.DateField(_("proposé le"))
    sent_on = models.DateField(_("envoyé le"), null=True, blank=True)
    acknowledged_on = models.DateField(_("reçu le"), null=True, blank=True)
    refused_on = models.DateField(_("refusé le"), null=True, blank=True)
    refusal_reason = models.CharField(_("motif du refus"), max_length=300, blank=True)
    started_on = models.DateField(_("démarré le"), null=True, blank=True)
    cancelled_on = models.DateField(_("abandonné le"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_by_structure = models.ForeignKey(Structure, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("passage de relais")
        verbose_name_plural = _("passages de relais")
        ordering = ["-proposed_on", "-pk"]
        indexes = [
            models.Index(fields=["status", "sent_on"]),
            models.Index(fields=["target_structure", "status"]),
        ]

    def __str__(self) -> str:
        return f"{self.get_target_display()} · {self.get_status_display()}"

    @property
    def receiver(self) -> str:
        if self.target_structure_id is not None:
            return self.target_structure.name  # type: ignore[union-attr]
        return self.target_name or str(self.get_target_display())


class CheckSituation(models.TextChoices):
    ONGOING = "ongoing", _("Toujours suivi·e, ça continue")
    COMPLETED = "completed", _("Terminé, objectif atteint")
    STOPPED = "stopped", _("Arrêté en cours de route")
    NOT_STARTED = "not_started", _("N'a jamais vraiment commencé")
    UNKNOWN = "unknown", _("Sans nouvelles")


class HandOffCheck(models.Model):
    """Where a hand-off stands 3 and 6 months after it was sent."""

    handoff = models.ForeignKey(HandOff, on_delete=models.CASCADE, related_name="checks")
    milestone = models.PositiveSmallIntegerField(_("point à (mois)"), choices=[(3, "3"), (6, "6")])
    checked_on = models.DateField(_("date du point"))
    situation = models.CharField(_("situation"), max_length=20, choices=CheckSituation.choices)
    note = EncryptedTextField(_("précisions"), blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    by_structure = models.ForeignKey(Structure, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["milestone"]
        constraints = [
            models.UniqueConstraint(
                fields=["handoff", "milestone"],
                name="handoff_check_once",
                violation_error_message=_("Ce point a déjà été fait."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.milestone} mois : {self.get_situation_display()}"
