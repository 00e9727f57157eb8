"""Partner services (offres de service), in the data·inclusion service format.

Enumerated fields hold the ``data-inclusion-schema`` values (``"accompagnement"``,
``"jeunes"``…); the domain functions validate them against the package's enums. Contacts
are those of the service (professional), never of a young person."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from accroche.territory.models.reference import Commune, Theme

LOCAL_SOURCE = "accroche"


class Service(models.Model):
    structure = models.ForeignKey(
        "organisations.Structure",
        on_delete=models.CASCADE,
        related_name="services",
        verbose_name=_("structure"),
    )
    name = models.CharField(_("nom du service"), max_length=150)
    description = models.TextField(_("description"))
    themes = models.ManyToManyField(
        Theme, related_name="services", blank=True, verbose_name=_("thématiques")
    )
    type = models.CharField(_("type de service"), max_length=30, blank=True)
    publics = models.JSONField(_("publics"), default=list, blank=True)
    publics_details = models.TextField(_("précisions sur les publics"), blank=True)
    access_conditions = models.TextField(_("conditions d'accès"), blank=True)
    fees = models.CharField(_("frais"), max_length=20, blank=True)
    fees_details = models.TextField(_("précisions sur les frais"), blank=True)
    reception_modes = models.JSONField(_("modes d'accueil"), default=list, blank=True)
    mobilisation_modes = models.JSONField(_("modes de mobilisation"), default=list, blank=True)
    mobilisable_by = models.JSONField(_("qui peut mobiliser"), default=list, blank=True)
    mobilisation_details = models.TextField(_("précisions sur la mobilisation"), blank=True)
    mobilisation_url = models.URLField(_("lien pour mobiliser le service"), blank=True)
    # Where the service is delivered.
    address = models.CharField(_("adresse"), max_length=300, blank=True)
    address_extra = models.CharField(_("complément d'adresse"), max_length=300, blank=True)
    postcode = models.CharField(_("code postal"), max_length=5, blank=True)
    commune = models.ForeignKey(
        Commune,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="located_services",
        verbose_name=_("commune"),
    )
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    # Who may use it (zone d'éligibilité): communes, départements, other COG codes.
    zone_communes = models.ManyToManyField(
        Commune, related_name="zone_services", blank=True, verbose_name=_("communes desservies")
    )
    zone_departments = models.JSONField(_("départements desservis"), default=list, blank=True)
    # EPCI, country codes or "france", kept as given so an import round-trips.
    zone_other = models.JSONField(default=list, blank=True)
    contact_name = models.CharField(_("personne à contacter"), max_length=200, blank=True)
    phone = models.CharField(_("téléphone"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    opening_hours = models.CharField(
        _("horaires d'accueil"),
        max_length=300,
        blank=True,
        help_text=_("Au format OpenStreetMap, par exemple « Mo-Fr 09:00-12:00; Sa 10:00-13:00 »."),
    )
    evenings_saturdays = models.BooleanField(_("ouvert en soirée ou le samedi"), default=False)
    weekly_hours = models.FloatField(_("heures par semaine"), null=True, blank=True)
    weeks = models.PositiveIntegerField(_("nombre de semaines"), null=True, blank=True)
    # Identity in data·inclusion terms, for idempotent re-imports: (source, id).
    source = models.CharField(_("source"), max_length=100, default=LOCAL_SOURCE)
    external_id = models.CharField(_("identifiant"), max_length=200)
    source_structure_id = models.CharField(max_length=200, blank=True)
    source_url = models.URLField(_("lien source"), blank=True, max_length=500)
    updated_on = models.DateField(_("date de mise à jour"))
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("offre de service")
        verbose_name_plural = _("offres de service")
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["source", "external_id"], name="service_source_id")
        ]

    def __str__(self) -> str:
        return self.name
