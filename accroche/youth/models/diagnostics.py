from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accroche.encrypted_fields import EncryptedTextField
from accroche.organisations.models import Structure
from accroche.territory.models import ThemeCategory
from accroche.youth.models.enrolments import Enrolment
from accroche.youth.models.youth import Youth


class Severity(models.IntegerChoices):
    NONE = 0, _("Aucun frein")
    LIGHT = 1, _("Frein léger")
    SERIOUS = 2, _("Frein important")
    BLOCKING = 3, _("Frein bloquant")


class Diagnostic(models.Model):
    """An individual diagnostic at one date: barriers by domain, needs, wishes and an
    immediate need. Repeated over time to show progression."""

    youth = models.ForeignKey(Youth, on_delete=models.CASCADE, related_name="diagnostics")
    # The programme in which it was made, when there is one.
    enrolment = models.ForeignKey(
        Enrolment,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="diagnostics",
        verbose_name=_("parcours"),
    )
    done_on = models.DateField(_("date du diagnostic"))
    needs = EncryptedTextField(_("besoins exprimés"), blank=True)
    wishes = EncryptedTextField(_("souhaits, projet"), blank=True)
    immediate_need = models.CharField(_("besoin immédiat"), max_length=300, blank=True)
    immediate_need_on = models.DateField(_("besoin immédiat signalé le"), null=True, blank=True)
    immediate_need_met_on = models.DateField(_("besoin immédiat réglé le"), null=True, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    author_structure = models.ForeignKey(Structure, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("diagnostic")
        ordering = ["-done_on", "-pk"]
        indexes = [
            models.Index(fields=["youth", "done_on"]),
            models.Index(
                fields=["immediate_need_on"],
                condition=Q(immediate_need_met_on__isnull=True) & ~Q(immediate_need=""),
                name="diagnostic_need_waiting",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.done_on}"

    @property
    def immediate_need_waiting(self) -> bool:
        return bool(self.immediate_need) and self.immediate_need_met_on is None


class Barrier(models.Model):
    """One barrier (frein) of a diagnostic, in one data·inclusion category."""

    diagnostic = models.ForeignKey(Diagnostic, on_delete=models.CASCADE, related_name="barriers")
    category = models.ForeignKey(
        ThemeCategory, on_delete=models.PROTECT, related_name="+", verbose_name=_("domaine")
    )
    severity = models.PositiveSmallIntegerField(_("sévérité"), choices=Severity.choices)
    note = EncryptedTextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("frein")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["diagnostic", "category"], name="barrier_once"),
            models.CheckConstraint(condition=Q(severity__lte=3), name="barrier_severity_0_3"),
        ]

    def __str__(self) -> str:
        return f"{self.category} : {self.get_severity_display()}"
