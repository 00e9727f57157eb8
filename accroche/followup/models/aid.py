import uuid
from decimal import Decimal
from pathlib import PurePath

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accroche.encrypted_fields import EncryptedTextField
from accroche.organisations.models import Programme, Structure
from accroche.youth.models import Enrolment, Youth


class AidKind(models.TextChoices):
    MOPED_LICENCE = "moped_licence", _("Permis AM (scooter)")
    WORK_CLOTHES = "work_clothes", _("Tenue de travail")
    TRANSPORT = "transport", _("Transport")
    SERVICE_VOUCHER = "service_voucher", _("Chèque service")
    CHILDCARE = "childcare", _("Garde d'enfant")
    FOOD = "food", _("Alimentation")
    EMERGENCY_NIGHT = "emergency_night", _("Nuit d'hébergement d'urgence")
    OTHER = "other", _("Autre")


class BudgetLine(models.Model):
    """A programme's envelope for one kind of material aid in one year, in euros, with an
    optional quota in units (15 moped licences a year)."""

    programme = models.ForeignKey(
        Programme,
        on_delete=models.PROTECT,
        related_name="budget_lines",
        verbose_name=_("dispositif"),
    )
    year = models.PositiveSmallIntegerField(_("année"))
    label = models.CharField(_("libellé"), max_length=200)
    kind = models.CharField(
        _("type d'aide"),
        max_length=20,
        choices=AidKind.choices,
        help_text=_("« Autre » accepte tous les types d'aide."),
    )
    envelope = models.DecimalField(
        _("enveloppe (€)"), max_digits=10, decimal_places=2, validators=[MinValueValidator(0)]
    )
    unit_quota = models.PositiveIntegerField(
        _("nombre maximum d'aides dans l'année"), null=True, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("ligne budgétaire")
        ordering = ["-year", "label", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "year", "label"],
                name="budget_line_label_once",
                violation_error_message=_("Ce libellé existe déjà pour cette année."),
            ),
            models.CheckConstraint(
                condition=models.Q(envelope__gte=0), name="budget_line_envelope"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.label} ({self.year})"


class AidStatus(models.TextChoices):
    REQUESTED = "requested", _("Demandée")
    APPROVED = "approved", _("Accordée")
    REFUSED = "refused", _("Refusée")
    PAID = "paid", _("Payée")
    CANCELLED = "cancelled", _("Annulée")


# What is charged to a budget line: the money is committed once the aid is approved.
COMMITTED = (AidStatus.APPROVED, AidStatus.PAID)


def receipt_path(instance: "Aid", filename: str) -> str:
    # Never the young person's name in a path: a random name, the original extension.
    return f"receipts/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{PurePath(filename).suffix.lower()}"


class Aid(models.Model):
    """Small material aid: requested by a referent, approved by a coordinator of the
    programme, paid, then its receipt attached."""

    youth = models.ForeignKey(Youth, on_delete=models.CASCADE, related_name="aids")
    enrolment = models.ForeignKey(
        Enrolment, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    budget_line = models.ForeignKey(
        BudgetLine,
        on_delete=models.PROTECT,
        related_name="aids",
        verbose_name=_("ligne budgétaire"),
    )
    kind = models.CharField(_("type d'aide"), max_length=20, choices=AidKind.choices)
    amount = models.DecimalField(
        _("montant (€)"),
        max_digits=8,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    reason = EncryptedTextField(_("pour quoi faire"))
    status = models.CharField(
        _("état"), max_length=10, choices=AidStatus.choices, default=AidStatus.REQUESTED
    )
    requested_on = models.DateField(_("demandée le"))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    requested_by_structure = models.ForeignKey(
        Structure, on_delete=models.PROTECT, related_name="+"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    refusal_reason = models.CharField(_("motif du refus"), max_length=300, blank=True)
    paid_on = models.DateField(_("payée le"), null=True, blank=True)
    receipt = models.FileField(_("justificatif"), upload_to=receipt_path, blank=True)
    receipt_added_at = models.DateTimeField(null=True, blank=True)
    # A member of a structure that sees the file attests the receipt was checked: the
    # programme's coordinator sees this attestation when the file is not shared with it.
    receipt_checked_at = models.DateTimeField(_("justificatif vérifié le"), null=True, blank=True)
    receipt_checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    receipt_checked_by_structure = models.ForeignKey(
        Structure,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("justificatif vérifié par la structure"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("aide")
        ordering = ["-requested_on", "-pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="aid_amount_positive")
        ]
        indexes = [models.Index(fields=["budget_line", "status"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.amount} €"
