from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from accroche.organisations.models import Structure
from accroche.youth.models import Enrolment, Youth


class AppointmentOutcome(models.TextChoices):
    PLANNED = "planned", _("À venir")
    SEEN = "seen", _("Venu·e")
    EXCUSED = "excused", _("Excusé·e")
    NO_SHOW = "no_show", _("Absent·e sans prévenir")


class Appointment(models.Model):
    """A meeting planned with the young person, then what happened."""

    youth = models.ForeignKey(Youth, on_delete=models.CASCADE, related_name="appointments")
    enrolment = models.ForeignKey(
        Enrolment, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    starts_at = models.DateTimeField(_("date et heure"))
    place = models.CharField(_("lieu"), max_length=200)
    with_whom = models.CharField(_("avec qui"), max_length=200)
    purpose = models.CharField(_("objet"), max_length=200, blank=True)
    outcome = models.CharField(
        _("issue"),
        max_length=10,
        choices=AppointmentOutcome.choices,
        default=AppointmentOutcome.PLANNED,
    )
    outcome_recorded_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_by_structure = models.ForeignKey(Structure, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("rendez-vous")
        verbose_name_plural = _("rendez-vous")
        ordering = ["-starts_at", "-pk"]
        indexes = [models.Index(fields=["youth", "starts_at"])]

    def __str__(self) -> str:
        return f"{self.starts_at:%Y-%m-%d %H:%M} · {self.place}"
