from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEvent(models.Model):
    """Append-only: who read or changed which record, when. No personal data in the row:
    only identifiers and field names. Database triggers refuse updates, and deletes of
    rows younger than the 12-month retention (see migration 0002)."""

    class Action(models.TextChoices):
        READ = "read", _("Consultation")
        LIST = "list", _("Liste")
        CREATE = "create", _("Création")
        UPDATE = "update", _("Modification")
        DELETE = "delete", _("Suppression")
        EXPORT = "export", _("Export")

    class Via(models.TextChoices):
        WEB = "web", _("Application")
        API = "api", _("API")
        SYSTEM = "system", _("Tâche automatique")

    at = models.DateTimeField(_("date"), auto_now_add=True, db_index=True)
    user_id = models.BigIntegerField(_("utilisateur"), null=True)
    structure_id = models.BigIntegerField(_("structure"), null=True)
    role = models.CharField(_("rôle"), max_length=20, blank=True)
    via = models.CharField(max_length=10, choices=Via.choices)
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    object_type = models.CharField(_("type d'objet"), max_length=50)
    object_id = models.BigIntegerField(_("objet"), null=True)
    # For list reads: the identifiers shown, so "who saw this file" includes lists.
    object_ids = models.JSONField(default=list, blank=True)
    fields = models.JSONField(_("champs"), default=list, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [
            models.Index(fields=["object_type", "object_id"]),
            models.Index(fields=["user_id", "at"]),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.object_type} {self.object_id}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise RuntimeError("AuditEvent is append-only")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise RuntimeError("AuditEvent is append-only")
