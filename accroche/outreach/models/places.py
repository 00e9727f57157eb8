from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accroche.organisations.models import Programme, Structure
from accroche.outreach.enums import PlaceKind
from accroche.territory.models import Commune, Qpv


class Place(models.Model):
    """Where a programme's teams go: a hall, a park, the van stop, an Instagram account…
    Not personal data; shared by every structure of the programme."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="outreach_places"
    )
    name = models.CharField(_("nom du lieu"), max_length=150)
    kind = models.CharField(_("type de lieu"), max_length=20, choices=PlaceKind.choices)
    commune = models.ForeignKey(
        Commune, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("commune")
    )
    qpv = models.ForeignKey(
        Qpv, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("quartier prioritaire")
    )
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    is_active = models.BooleanField(_("toujours utilisé"), default=True)
    created_by_structure = models.ForeignKey(Structure, on_delete=models.PROTECT, related_name="+")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    idempotency_key = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("lieu")

    def __str__(self) -> str:
        return self.name
