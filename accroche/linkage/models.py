from typing import Any

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accroche.organisations.models import Structure
from accroche.youth.models import Youth

# Every relation to Youth here is hidden (related_name "+"): merging moves what hangs on
# a file generically through Youth._meta.related_objects, and these must not move.


class LinkageKey(models.Model):
    """One blocking key of a file, as a keyed hash: files sharing a key are compared."""

    youth = models.ForeignKey(Youth, on_delete=models.CASCADE, related_name="+")
    key = models.BigIntegerField()

    class Meta:
        indexes = [models.Index(fields=["key"]), models.Index(fields=["youth"])]

    def __str__(self) -> str:
        return f"{self.youth_id}:{self.key}"


class Encoding(models.Model):
    """A file's identifiers as hardened Bloom filters (see accroche/linkage/bloom.py), and
    the structure that holds it: all that cross-structure matching may read."""

    youth = models.OneToOneField(
        Youth, on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    structure = models.ForeignKey(Structure, on_delete=models.CASCADE, related_name="+")
    filters = models.BinaryField()
    present = models.PositiveIntegerField()  # which fields have a value (bit mask)
    key_fingerprint = models.CharField(max_length=16)  # encodings of another key are ignored
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"encoding {self.youth_id}"


class Merge(models.Model):
    """Two files of the same person made one: what moved, so it can be undone."""

    # Erasing a file erases its merges too: the snapshot holds personal data.
    keep = models.ForeignKey(Youth, on_delete=models.CASCADE, related_name="+")
    absorbed = models.ForeignKey(Youth, on_delete=models.CASCADE, related_name="+")
    # [{"model": "youth.consent", "field": "youth", "pks": [...]}, {"m2m": ..., "pks": [...]}]
    moved = models.JSONField(default=list, encoder=DjangoJSONEncoder)
    # Fields of the kept file that were empty and took the absorbed file's value.
    filled = models.JSONField(default=dict, encoder=DjangoJSONEncoder)
    snapshot = models.JSONField(default=dict, encoder=DjangoJSONEncoder)
    merged_at = models.DateTimeField(_("fusionnées le"))
    merged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    merged_by_structure = models.ForeignKey(Structure, on_delete=models.PROTECT, related_name="+")
    undone_at = models.DateTimeField(_("annulée le"), null=True, blank=True)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("fusion")
        ordering = ["-merged_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["absorbed"],
                condition=Q(undone_at__isnull=True),
                name="linkage_merge_absorbed_once",
            )
        ]

    def __str__(self) -> str:
        return f"{self.absorbed_id} → {self.keep_id}"


def absorbed_youth_ids() -> "models.QuerySet[Merge, Any]":
    """Files absorbed by a merge that is not undone: hidden everywhere."""
    return Merge.objects.filter(undone_at__isnull=True).values("absorbed_id")


class NotDuplicate(models.Model):
    """ "Ce n'est pas la même personne": the pair does not come back in the queue."""

    youth_a = models.ForeignKey(Youth, on_delete=models.CASCADE, related_name="+")
    youth_b = models.ForeignKey(Youth, on_delete=models.CASCADE, related_name="+")
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    decided_by_structure = models.ForeignKey(Structure, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["youth_a", "youth_b"], name="linkage_pair_once"),
            models.CheckConstraint(
                condition=Q(youth_a__lt=models.F("youth_b")), name="linkage_pair_ordered"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.youth_a_id} ≠ {self.youth_b_id}"
