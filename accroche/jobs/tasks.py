"""The jobs themselves. Later capabilities add theirs here or in their own ``jobs.py``."""

from datetime import timedelta

from django.contrib.sessions.models import Session
from django.utils import timezone

from accroche.jobs.registry import job


@job("clear_expired_sessions", every=timedelta(hours=1))
def clear_expired_sessions() -> str:
    deleted, _ = Session.objects.filter(expire_date__lt=timezone.now()).delete()
    return f"{deleted} expired sessions deleted"
