from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from accroche.organisations.models import Structure
from accroche.youth.models import Youth


class Erasure(models.Model):
    """A file anonymised (right to erasure or end of retention): when, by whom, why."""

    class Reason(models.TextChoices):
        REQUEST = "request", _("Demande du jeune (droit à l'effacement)")
        RETENTION = "retention", _("Durée de conservation dépassée")
        OTHER = "other", _("Autre motif")

    youth = models.OneToOneField(Youth, on_delete=models.CASCADE, related_name="erasure")
    reason = models.CharField(_("motif"), max_length=20, choices=Reason.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    by_structure = models.ForeignKey(
        Structure, on_delete=models.PROTECT, null=True, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("anonymisation")

    def __str__(self) -> str:
        return f"{self.youth_id} ({self.reason})"


class RetentionNotice(models.Model):
    """The referent was told that a file without contact will be anonymised on ``due_on``."""

    youth = models.ForeignKey(Youth, on_delete=models.CASCADE, related_name="retention_notices")
    due_on = models.DateField(_("anonymisation prévue le"))
    last_contact_on = models.DateField(_("dernier contact"))
    notified_at = models.DateTimeField(auto_now_add=True)
    recipients = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("avis de fin de conservation")
        ordering = ["due_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["youth", "last_contact_on"], name="retention_notice_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.youth_id} → {self.due_on}"
