from django.conf import settings
from django.db import models
from django.db.models.functions import Now


class IdempotencyRecord(models.Model):
    """The first answer to a request sent with a key, kept a day so that a repeat of the
    request (double click, retry after a lost answer) gets it again instead of acting twice.
    Inserted before the request runs (``status`` empty): the unique (user, key) lets only
    one of two identical requests in at a time, whatever application server receives it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", db_index=False
    )
    key = models.CharField(max_length=200)
    fingerprint = models.CharField(max_length=64)  # what was asked: path, structure, body
    created_at = models.DateTimeField(db_default=Now(), db_index=True)
    status = models.PositiveSmallIntegerField(null=True, blank=True)  # empty while running
    location = models.TextField(db_default="", blank=True)
    hx_redirect = models.TextField(db_default="", blank=True)
    content_type = models.CharField(max_length=100, db_default="", blank=True)
    body = models.TextField(db_default="", blank=True)  # JSON answers of the API only

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "key"], name="idempotency_one_per_user_key")
        ]

    def __str__(self) -> str:
        return f"{self.user_id}:{self.key}"
