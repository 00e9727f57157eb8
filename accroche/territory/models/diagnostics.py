"""Territorial diagnostics: for a commune or a group of communes of a programme, who is
there, what they do, how well they work together, which needs are unmet and who the
resource people are. Each new diagnostic is a new dated version; none is overwritten."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from accroche.territory.models.reference import Commune


class DiagnosticArea(models.Model):
    """What a diagnostic is about: one commune, or a group of communes (a "secteur")."""

    programme = models.ForeignKey(
        "organisations.Programme", on_delete=models.CASCADE, related_name="diagnostic_areas"
    )
    name = models.CharField(_("nom du secteur"), max_length=200)
    communes = models.ManyToManyField(
        Commune, related_name="diagnostic_areas", verbose_name=_("communes")
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("secteur")
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "name"], name="diagnostic_area_name")
        ]

    def __str__(self) -> str:
        return self.name


class MeshScore(models.IntegerChoices):
    VERY_WEAK = 1, _("1 – très faible : les acteurs ne se connaissent pas")
    WEAK = 2, _("2 – faible : quelques contacts ponctuels")
    FAIR = 3, _("3 – moyen : on s'appelle, sans habitudes communes")
    GOOD = 4, _("4 – bon : rencontres régulières, orientations croisées")
    STRONG = 5, _("5 – très bon : outils et suivis partagés, actions communes")


class TerritorialDiagnostic(models.Model):
    area = models.ForeignKey(DiagnosticArea, on_delete=models.CASCADE, related_name="versions")
    version = models.PositiveIntegerField(_("version"))
    done_on = models.DateField(_("date du diagnostic"))
    structures = models.ManyToManyField(
        "organisations.Structure",
        blank=True,
        related_name="+",
        verbose_name=_("structures présentes"),
    )
    other_actors = models.TextField(_("autres acteurs présents"), blank=True)
    actions = models.TextField(_("actions en cours"), blank=True)
    partnership = models.TextField(_("pratiques de partenariat"), blank=True)
    mesh_score = models.PositiveSmallIntegerField(
        _("qualité du maillage"),
        choices=MeshScore.choices,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    needs = models.TextField(_("besoins sociaux constatés"), blank=True)
    outreach_practices = models.TextField(_("pratiques d'aller-vers existantes"), blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    author_structure = models.ForeignKey(
        "organisations.Structure", on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("diagnostic territorial")
        verbose_name_plural = _("diagnostics territoriaux")
        ordering = ["area", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["area", "version"], name="territorial_version"),
            models.CheckConstraint(
                condition=models.Q(mesh_score__gte=1, mesh_score__lte=5), name="mesh_score_1_5"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.area} v{self.version}"


class ResourcePerson(models.Model):
    """A professional the diagnostic names as a resource (never a young person)."""

    diagnostic = models.ForeignKey(
        TerritorialDiagnostic, on_delete=models.CASCADE, related_name="resource_people"
    )
    name = models.CharField(_("nom"), max_length=200)
    role = models.CharField(_("fonction"), max_length=200, blank=True)
    organisation = models.CharField(_("organisme"), max_length=200, blank=True)
    phone = models.CharField(_("téléphone"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)

    class Meta:
        verbose_name = _("personne ressource")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.name
