from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accroche.followup.models.exits import Outcome
from accroche.followup.models.handoffs import HandOff
from accroche.youth.models import Enrolment, Youth


class ReminderKind(models.TextChoices):
    HANDOFF_UNACKNOWLEDGED = "handoff_unacknowledged", _("Relais sans réponse depuis 10 jours")
    HANDOFF_CHECK_3M = "handoff_check_3m", _("Relais : faire le point à 3 mois")
    HANDOFF_CHECK_6M = "handoff_check_6m", _("Relais : faire le point à 6 mois")
    EXIT_FOLLOWUP_6M = "exit_followup_6m", _("Sortie : prendre des nouvelles à 6 mois")


class Reminder(models.Model):
    """Something to do, created by a scheduled job and shown to the enrolment's referent
    until it is done (by doing the thing, or by hand)."""

    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="+")
    youth = models.ForeignKey(Youth, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=30, choices=ReminderKind.choices)
    due_on = models.DateField()
    handoff = models.ForeignKey(
        HandOff, on_delete=models.CASCADE, null=True, blank=True, related_name="reminders"
    )
    outcome = models.ForeignKey(
        Outcome, on_delete=models.CASCADE, null=True, blank=True, related_name="reminders"
    )
    done_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["due_on", "pk"]
        constraints = [
            # The jobs run as often as they like: one reminder per thing and kind.
            models.UniqueConstraint(
                fields=["kind", "handoff"],
                condition=Q(handoff__isnull=False),
                name="reminder_handoff_once",
            ),
            models.UniqueConstraint(
                fields=["kind", "outcome"],
                condition=Q(outcome__isnull=False),
                name="reminder_outcome_once",
            ),
        ]
        indexes = [
            models.Index(fields=["due_on"], condition=Q(done_at__isnull=True), name="reminder_open")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.due_on})"
