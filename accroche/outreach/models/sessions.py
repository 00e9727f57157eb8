import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accroche.organisations.models import Programme, Structure
from accroche.outreach.enums import AgeBand, Channel, CountGender, Modality, Weather
from accroche.outreach.models.places import Place


class OutreachSession(models.Model):
    """A sortie: a team present somewhere for a while (the exposure time), counting the
    young people it meets. The counts are anonymous; named contacts are ``Contact`` rows."""

    programme = models.ForeignKey(
        Programme, on_delete=models.PROTECT, related_name="outreach_sessions"
    )
    structure = models.ForeignKey(
        Structure, on_delete=models.PROTECT, related_name="outreach_sessions"
    )
    partner_structures = models.ManyToManyField(
        Structure, blank=True, related_name="joint_outreach_sessions",
        verbose_name=_("autres structures présentes"),
    )  # fmt: skip
    team = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="+", verbose_name=_("équipe")
    )
    modality = models.CharField(
        _("modalité"), max_length=20, choices=Modality.choices, default=Modality.STREET_WALK
    )
    places = models.ManyToManyField(
        Place, blank=True, related_name="sessions", verbose_name=_("lieux")
    )
    started_at = models.DateTimeField(_("début"))
    ended_at = models.DateTimeField(_("fin"), null=True, blank=True)
    weather = models.CharField(_("météo"), max_length=10, choices=Weather.choices, blank=True)
    note = models.TextField(_("note"), max_length=2000, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    idempotency_key = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    class Meta:
        ordering = ["-started_at", "-pk"]
        verbose_name = _("sortie")
        indexes = [models.Index(fields=["structure", "started_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ended_at__isnull=True)
                | models.Q(ended_at__gte=models.F("started_at")),
                name="outreach_session_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_modality_display()} {self.started_at:%Y-%m-%d %H:%M}"

    @property
    def is_open(self) -> bool:
        return self.ended_at is None

    @property
    def duration(self) -> datetime.timedelta | None:
        return self.ended_at - self.started_at if self.ended_at else None


class SessionCount(models.Model):
    """One cell of the anonymous counter grid: age band × gender × channel."""

    session = models.ForeignKey(OutreachSession, on_delete=models.CASCADE, related_name="counts")
    channel = models.CharField(max_length=10, choices=Channel.choices, default=Channel.DIRECT)
    age_band = models.CharField(max_length=10, choices=AgeBand.choices)
    gender = models.CharField(max_length=10, choices=CountGender.choices)
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["session", "channel", "age_band", "gender"], name="session_count_cell"
            )
        ]

    def __str__(self) -> str:
        return f"{self.channel} {self.age_band} {self.gender}: {self.count}"
