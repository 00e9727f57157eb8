"""The privacy's scheduled work (run by ``manage.py run_jobs``)."""

from datetime import timedelta

from accroche.jobs.registry import job
from accroche.privacy.retention import apply_retention


@job("privacy_retention", every=timedelta(days=1))
def privacy_retention() -> str:
    return str(apply_retention())
