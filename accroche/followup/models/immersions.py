from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from accroche.organisations.models import Structure
from accroche.youth.models import Enrolment, Youth


class ImmersionReview(models.TextChoices):
    CONFIRMED = "confirmed", _("Projet confirmé")
    TO_EXPLORE = "to_explore", _("À approfondir")
    NOT_FOR_ME = "not_for_me", _("Ce métier ne lui convient pas")
    JOB_OFFER = "job_offer", _("Proposition d'embauche ou d'alternance")


class Immersion(models.Model):
    """A company immersion (PMSMP): a company, dates, a tutor, and the review at the end."""

    youth = models.ForeignKey(Youth, on_delete=models.CASCADE, related_name="immersions")
    enrolment = models.ForeignKey(
        Enrolment, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    company = models.CharField(_("entreprise"), max_length=200)
    trade = models.CharField(_("métier découvert"), max_length=200, blank=True)
    start_on = models.DateField(_("premier jour"))
    end_on = models.DateField(_("dernier jour"))
    daily_hours = models.DecimalField(
        _("heures par jour"),
        max_digits=4,
        decimal_places=2,
        default=Decimal("7"),
        validators=[MinValueValidator(Decimal("1")), MaxValueValidator(Decimal("10"))],
    )
    tutor_name = models.CharField(_("tuteur ou tutrice"), max_length=200)
    tutor_phone = models.CharField(_("téléphone du tuteur"), max_length=30, blank=True)
    review = models.CharField(
        _("bilan"), max_length=20, choices=ImmersionReview.choices, blank=True
    )
    review_note = models.TextField(_("ce qui s'est dit au bilan"), blank=True)
    reviewed_on = models.DateField(_("bilan fait le"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_by_structure = models.ForeignKey(Structure, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("immersion en entreprise")
        ordering = ["-start_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_on__gte=models.F("start_on")), name="immersion_dates"
            )
        ]

    def __str__(self) -> str:
        return f"{self.company} ({self.start_on} – {self.end_on})"
