from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from accroche.organisations.models import Programme, Structure
from accroche.youth.models import Youth


class WorkshopKind(models.TextChoices):
    SPORT = "sport", _("Sport")
    CULTURE = "culture", _("Culture")
    MEDIA = "media_education", _("Éducation aux médias")
    DIGITAL = "digital", _("Numérique")
    TRADES = "discovering_trades", _("Découverte des métiers")
    COMPANY_VISIT = "company_visit", _("Visite d'entreprise")
    TRAINING_VISIT = "training_centre_visit", _("Visite d'un centre de formation")
    PROFESSIONALS = "meeting_professionals", _("Rencontre de professionnels")
    WOMEN_TRADES = "women_trades", _("Session femmes : métiers dits « masculins »")
    OTHER = "other", _("Autre")


class Workshop(models.Model):
    """A collective workshop of a programme, run by a facilitating structure in sessions."""

    programme = models.ForeignKey(
        Programme, on_delete=models.PROTECT, related_name="workshops", verbose_name=_("dispositif")
    )
    title = models.CharField(_("titre"), max_length=200)
    kind = models.CharField(_("type d'atelier"), max_length=30, choices=WorkshopKind.choices)
    structure = models.ForeignKey(
        Structure,
        on_delete=models.PROTECT,
        related_name="facilitated_workshops",
        verbose_name=_("structure qui anime"),
    )
    capacity = models.PositiveSmallIntegerField(
        _("places par séance"), validators=[MinValueValidator(1), MaxValueValidator(200)]
    )
    description = models.TextField(_("description"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_by_structure = models.ForeignKey(Structure, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("atelier")
        ordering = ["title", "pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(capacity__gte=1), name="workshop_capacity")
        ]

    def __str__(self) -> str:
        return self.title


class WorkshopSession(models.Model):
    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="sessions")
    starts_at = models.DateTimeField(_("début"))
    duration_minutes = models.PositiveSmallIntegerField(
        _("durée (minutes)"), validators=[MinValueValidator(15), MaxValueValidator(600)]
    )
    place = models.CharField(_("lieu"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("séance")
        ordering = ["starts_at", "pk"]
        indexes = [models.Index(fields=["starts_at"])]

    def __str__(self) -> str:
        return f"{self.workshop} · {self.starts_at:%Y-%m-%d %H:%M}"


class AttendanceStatus(models.TextChoices):
    REGISTERED = "registered", _("Inscrit·e")
    PRESENT = "present", _("Présent·e")
    EXCUSED = "excused", _("Excusé·e")
    ABSENT = "absent", _("Absent·e")


class Attendance(models.Model):
    """A young person registered to a session, then present, excused or absent."""

    session = models.ForeignKey(
        WorkshopSession, on_delete=models.CASCADE, related_name="attendances"
    )
    youth = models.ForeignKey(Youth, on_delete=models.CASCADE, related_name="workshop_attendances")
    status = models.CharField(
        _("présence"),
        max_length=12,
        choices=AttendanceStatus.choices,
        default=AttendanceStatus.REGISTERED,
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    registered_by_structure = models.ForeignKey(
        Structure, on_delete=models.PROTECT, related_name="+"
    )
    registered_at = models.DateTimeField(auto_now_add=True)
    marked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("inscription")
        ordering = ["session__starts_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "youth"],
                name="attendance_once_per_session",
                violation_error_message=_("Ce jeune est déjà inscrit à cette séance."),
            )
        ]
        indexes = [models.Index(fields=["youth", "status"])]

    def __str__(self) -> str:
        return f"{self.session} · {self.get_status_display()}"
