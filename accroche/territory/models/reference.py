"""Official reference lists. They are loaded by management commands, never typed by hand."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Commune(models.Model):
    code = models.CharField(_("code INSEE"), max_length=5, unique=True)
    name = models.CharField(_("nom"), max_length=200)
    department = models.CharField(_("département"), max_length=3, db_index=True)
    region = models.CharField(_("région"), max_length=3, blank=True)
    postcodes = models.JSONField(_("codes postaux"), default=list)
    population = models.PositiveIntegerField(_("population"), null=True)
    latitude = models.FloatField(null=True)
    longitude = models.FloatField(null=True)
    vintage = models.CharField(_("millésime"), max_length=20)

    class Meta:
        verbose_name = _("commune")
        ordering = ["name", "code"]
        indexes = [models.Index(fields=["name"])]

    def __str__(self) -> str:
        return f"{self.name} ({self.department})"


class Qpv(models.Model):
    """A quartier prioritaire de la politique de la ville (2024 generation)."""

    code = models.CharField(_("code"), max_length=10, unique=True)
    name = models.CharField(_("nom"), max_length=300)
    communes = models.ManyToManyField(Commune, related_name="qpvs", verbose_name=_("communes"))
    vintage = models.CharField(_("millésime"), max_length=20)

    class Meta:
        verbose_name = _("quartier prioritaire")
        verbose_name_plural = _("quartiers prioritaires")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"


class ThemeCategory(models.Model):
    """A data·inclusion thematique category (``mobilite``, ``logement-hebergement``…)."""

    value = models.CharField(max_length=100, unique=True)
    label = models.CharField(_("libellé"), max_length=200)

    class Meta:
        ordering = ["label"]

    def __str__(self) -> str:
        return self.label


class Theme(models.Model):
    """A data·inclusion thematique: one vocabulary for barriers and partner services."""

    value = models.CharField(max_length=200, unique=True)
    label = models.CharField(_("libellé"), max_length=300)
    category = models.ForeignKey(ThemeCategory, on_delete=models.PROTECT, related_name="themes")

    class Meta:
        ordering = ["category__label", "label"]

    def __str__(self) -> str:
        return self.label


class DiplomaLevel(models.Model):
    """National framework of qualifications (décret 2019-14): infra 3, then 3 to 8."""

    code = models.CharField(max_length=10, unique=True)
    rank = models.PositiveSmallIntegerField(unique=True)
    label = models.CharField(_("libellé"), max_length=200)
    isced_group = models.CharField(_("groupe CITE"), max_length=10)

    class Meta:
        ordering = ["rank"]
        verbose_name = _("niveau de diplôme")

    def __str__(self) -> str:
        return self.label
