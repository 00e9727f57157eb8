"""Calls for projects inside a programme: structures propose local actions, the lead
structure decides, retained projects report their own figures, which add up per call and
per programme."""

from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accroche.organisations.models import Programme, Structure
from accroche.territory.models import Commune, Theme


def money(label: Any, **kwargs: Any) -> Any:
    """An amount in euros, never negative."""
    return models.DecimalField(
        label, max_digits=12, decimal_places=2, validators=[MinValueValidator(0)], **kwargs
    )


class Call(models.Model):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="calls")
    title = models.CharField(_("titre"), max_length=200)
    description = models.TextField(_("ce qui est financé"), blank=True)
    opens_on = models.DateField(_("ouverture des candidatures"))
    closes_on = models.DateField(_("clôture des candidatures"))
    budget = money(_("enveloppe (€)"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("appel à projets")
        verbose_name_plural = _("appels à projets")
        ordering = ["-opens_on", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "title"], name="call_title"),
            models.CheckConstraint(
                condition=Q(closes_on__gte=models.F("opens_on")), name="call_period"
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Decision(models.TextChoices):
    PENDING = "pending", _("En attente de décision")
    RETAINED = "retained", _("Retenu")
    NOT_RETAINED = "not_retained", _("Non retenu")


class Project(models.Model):
    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="projects")
    holder = models.ForeignKey(
        Structure,
        on_delete=models.PROTECT,
        related_name="proposed_projects",
        verbose_name=_("structure porteuse du projet"),
    )
    title = models.CharField(_("titre du projet"), max_length=200)
    summary = models.TextField(_("le projet en quelques lignes"))
    communes = models.ManyToManyField(Commune, related_name="+", verbose_name=_("communes"))
    themes = models.ManyToManyField(
        Theme, blank=True, related_name="+", verbose_name=_("thématiques")
    )
    budget_asked = money(_("montant demandé (€)"))
    co_funding = money(_("cofinancements (€)"), default=Decimal("0"))
    co_funders = models.CharField(_("cofinanceurs"), max_length=300, blank=True)
    target_youths = models.PositiveIntegerField(_("objectif : jeunes à toucher"), default=0)
    target_actions = models.PositiveIntegerField(_("objectif : actions à mener"), default=0)
    decision = models.CharField(
        _("décision"), max_length=20, choices=Decision.choices, default=Decision.PENDING
    )
    amount_granted = money(_("montant accordé (€)"), null=True, blank=True)
    decision_note = models.TextField(_("motif de la décision"), blank=True)
    decided_on = models.DateField(_("date de la décision"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("projet")
        ordering = ["title", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount_granted__isnull=True)
                | Q(amount_granted__lte=models.F("budget_asked")),
                name="granted_within_asked",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class ProjectReport(models.Model):
    """Figures a retained project reports for one period, with who reported them. Later
    issues will count young people from their records; until then they are declared."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="reports")
    period_start = models.DateField(_("début de la période"))
    period_end = models.DateField(_("fin de la période"))
    youths_reached = models.PositiveIntegerField(_("jeunes touchés"), default=0)
    actions_done = models.PositiveIntegerField(_("actions menées"), default=0)
    spent = money(_("dépenses (€)"), default=Decimal("0"))
    note = models.TextField(_("commentaire"), blank=True)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    reported_by_structure = models.ForeignKey(Structure, on_delete=models.PROTECT, related_name="+")
    reported_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("bilan de projet")
        ordering = ["period_start", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")), name="report_period"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.project} {self.period_start}–{self.period_end}"
