from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accroche.encrypted_fields import EncryptedTextField
from accroche.organisations.models import Programme, Structure
from accroche.outreach.enums import AgeBand, Channel, ContactMode, ContactResult, CountGender
from accroche.outreach.models.sessions import OutreachSession
from accroche.youth.models import Youth


class Contact(models.Model):
    """One exchange with a young person, known or not, inside a sortie or on its own.
    Linked to a young person, it is personal data: read it through the access layer."""

    session = models.ForeignKey(
        OutreachSession, on_delete=models.CASCADE, null=True, blank=True,
        related_name="contacts", verbose_name=_("sortie"),
    )  # fmt: skip
    programme = models.ForeignKey(
        Programme, on_delete=models.PROTECT, related_name="outreach_contacts"
    )
    structure = models.ForeignKey(
        Structure, on_delete=models.PROTECT, related_name="outreach_contacts"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    youth = models.ForeignKey(
        Youth, on_delete=models.CASCADE, null=True, blank=True,
        related_name="outreach_contacts", verbose_name=_("jeune"),
    )  # fmt: skip
    happened_at = models.DateTimeField(_("date et heure"), default=timezone.now)
    mode = models.CharField(
        _("comment"), max_length=20, choices=ContactMode.choices, default=ContactMode.FACE_TO_FACE
    )
    channel = models.CharField(
        _("par qui"), max_length=10, choices=Channel.choices, default=Channel.DIRECT
    )
    result = models.CharField(
        _("résultat"), max_length=20, choices=ContactResult.choices,
        default=ContactResult.INFORMAL_TALK,
    )  # fmt: skip
    age_band = models.CharField(_("âge"), max_length=10, choices=AgeBand.choices, blank=True)
    gender = models.CharField(_("genre"), max_length=10, choices=CountGender.choices, blank=True)
    note = EncryptedTextField(_("note"), max_length=1000, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    idempotency_key = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    class Meta:
        ordering = ["-happened_at", "-pk"]
        verbose_name = _("rencontre")
        indexes = [
            models.Index(fields=["structure", "happened_at"]),
            models.Index(fields=["youth", "happened_at"]),
            # Each young person's first contact in a programme (the dashboard's funnel and
            # durations), from the index alone.
            models.Index(
                fields=["programme", "youth", "happened_at"], name="contact_programme_first"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_mode_display()} {self.happened_at:%Y-%m-%d %H:%M}"
