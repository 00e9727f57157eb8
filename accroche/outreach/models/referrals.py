from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accroche.encrypted_fields import EncryptedTextField
from accroche.organisations.models import Programme, Structure
from accroche.outreach.enums import AgeBand, CloseReason, ReferralSource, ReferralState
from accroche.territory.models import Commune, Qpv
from accroche.youth.models import Youth


class Referral(models.Model):
    """A signalement: someone asks that a young person be contacted. Routed to every
    structure whose zone covers the commune or QPV; the first to take it owns it."""

    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="referrals")
    source = models.CharField(_("qui signale"), max_length=10, choices=ReferralSource.choices)
    sender_structure = models.ForeignKey(
        Structure, on_delete=models.PROTECT, null=True, blank=True,
        related_name="sent_referrals", verbose_name=_("structure qui signale"),
    )  # fmt: skip
    sender_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    sender_name = models.CharField(_("nom de la personne qui signale"), max_length=150, blank=True)
    sender_contact = models.CharField(_("comment la joindre"), max_length=150, blank=True)
    name = models.CharField(_("prénom ou surnom du jeune"), max_length=100)
    age_band = models.CharField(_("âge"), max_length=10, choices=AgeBand.choices, blank=True)
    phone = models.CharField(_("téléphone"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    social_handle = models.CharField(_("réseau social"), max_length=100, blank=True)
    reach_when = models.CharField(_("quand le joindre"), max_length=150, blank=True)
    commune = models.ForeignKey(Commune, on_delete=models.PROTECT, verbose_name=_("commune"))
    qpv = models.ForeignKey(
        Qpv, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("quartier prioritaire")
    )
    need = EncryptedTextField(_("besoin exprimé"), max_length=1000, blank=True)
    routed_to = models.ManyToManyField(
        Structure, related_name="routed_referrals", verbose_name=_("structures destinataires")
    )
    state = models.CharField(
        _("état"), max_length=15, choices=ReferralState.choices, default=ReferralState.NEW
    )
    due_at = models.DateTimeField(_("réponse attendue avant"))
    taken_by_structure = models.ForeignKey(
        Structure, on_delete=models.PROTECT, null=True, blank=True,
        related_name="taken_referrals", verbose_name=_("pris en charge par"),
    )  # fmt: skip
    taken_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    taken_at = models.DateTimeField(null=True, blank=True)
    contact_made_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    close_reason = models.CharField(
        _("motif de clôture"), max_length=20, choices=CloseReason.choices, blank=True
    )
    close_note = models.CharField(_("précision"), max_length=300, blank=True)
    youth = models.ForeignKey(
        Youth, on_delete=models.SET_NULL, null=True, blank=True, related_name="referrals"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    idempotency_key = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("signalement")
        indexes = [
            models.Index(fields=["state", "due_at"]),
            models.Index(fields=["taken_by_structure", "state"]),
        ]

    def __str__(self) -> str:
        return _("Signalement n° %(pk)s") % {"pk": self.pk}

    @property
    def is_late(self) -> bool:
        """Nobody has reached the young person yet and the answer deadline has passed."""
        return self.state in LATE_STATES and self.due_at < timezone.now()


LATE_STATES = (ReferralState.NEW, ReferralState.TAKEN)
