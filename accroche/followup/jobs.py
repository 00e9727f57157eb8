"""The follow-up's scheduled work (run by ``manage.py run_jobs``)."""

from datetime import timedelta

from accroche.followup.reminders import create_due_reminders
from accroche.jobs.registry import job


@job("followup_reminders", every=timedelta(hours=6))
def followup_reminders() -> str:
    return f"{create_due_reminders()} follow-up reminders created"
