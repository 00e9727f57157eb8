from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from accroche.encrypted_fields import EncryptedTextField
from accroche.organisations.models import Membership, Structure
from accroche.territory.models import Service, ThemeCategory
from accroche.youth.models import Enrolment, Youth


class ActionStatus(models.TextChoices):
    PLANNED = "planned", _("Prévue")
    IN_PROGRESS = "in_progress", _("En cours")
    DONE = "done", _("Réalisée")
    DROPPED = "dropped", _("Abandonnée")


OPEN_ACTION_STATUSES = (ActionStatus.PLANNED, ActionStatus.IN_PROGRESS)


class Action(models.Model):
    """One item of a young person's action plan: a barrier domain, who does it, by when,
    and, when a partner takes part, its structure and its service."""

    youth = models.ForeignKey(Youth, on_delete=models.CASCADE, related_name="actions")
    enrolment = models.ForeignKey(
        Enrolment,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="actions",
        verbose_name=_("parcours"),
    )
    category = models.ForeignKey(
        ThemeCategory, on_delete=models.PROTECT, related_name="+", verbose_name=_("domaine")
    )
    title = models.CharField(_("action"), max_length=200)
    partner_structure = models.ForeignKey(
        Structure,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("structure partenaire"),
    )
    service = models.ForeignKey(
        Service,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("offre de service"),
    )
    owner = models.ForeignKey(
        Membership, on_delete=models.PROTECT, related_name="+", verbose_name=_("qui s'en charge")
    )
    due_on = models.DateField(_("échéance"), null=True, blank=True)
    status = models.CharField(
        _("état"), max_length=20, choices=ActionStatus.choices, default=ActionStatus.PLANNED
    )
    collective = models.BooleanField(_("action collective"), default=False)
    note = EncryptedTextField(_("précisions"), blank=True)
    done_on = models.DateField(_("réalisée le"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_by_structure = models.ForeignKey(Structure, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("action")
        ordering = ["status", "due_on", "pk"]
        indexes = [
            models.Index(fields=["youth", "status"]),
            models.Index(fields=["owner", "status", "due_on"]),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_ACTION_STATUSES
