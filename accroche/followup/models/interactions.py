from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from accroche.encrypted_fields import EncryptedTextField
from accroche.organisations.models import Structure
from accroche.youth.models import Enrolment, Youth


class InteractionKind(models.TextChoices):
    INTERVIEW = "interview", _("Entretien")
    CALL = "call", _("Appel")
    MESSAGE = "message", _("Message (SMS, réseau social)")
    HOME_VISIT = "home_visit", _("Visite à domicile")
    ACCOMPANYING = "accompanying", _("Accompagnement physique")


# What counts as activity time in the weekly hours (a call or a message does not).
ACTIVITY_KINDS = (
    InteractionKind.INTERVIEW,
    InteractionKind.HOME_VISIT,
    InteractionKind.ACCOMPANYING,
)


class Interaction(models.Model):
    """An exchange between a professional and the young person (entretien / échange).

    A restricted note is read only by the structure of its author; the rest of the
    interaction (kind, date, duration) is part of the shared file."""

    youth = models.ForeignKey(Youth, on_delete=models.CASCADE, related_name="interactions")
    enrolment = models.ForeignKey(
        Enrolment, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    kind = models.CharField(_("type d'échange"), max_length=20, choices=InteractionKind.choices)
    happened_at = models.DateTimeField(_("date et heure"))
    duration_minutes = models.PositiveSmallIntegerField(_("durée (minutes)"), null=True, blank=True)
    note = EncryptedTextField(_("note"), blank=True)
    note_restricted = models.BooleanField(_("note réservée à ma structure"), default=False)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    author_structure = models.ForeignKey(Structure, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("échange")
        ordering = ["-happened_at", "-pk"]
        indexes = [models.Index(fields=["youth", "happened_at"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.happened_at:%Y-%m-%d})"

    def note_for(self, structure_id: int) -> str:
        """The note as a given structure may read it."""
        if self.note_restricted and structure_id != self.author_structure_id:
            return ""
        return self.note
