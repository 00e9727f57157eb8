"""Scheduled work: one entry point (``manage.py run_jobs``) that cron or a systemd timer
calls every few minutes. Each job declares how often it must run; the database decides
whether it is due, so calling the entry point too often is harmless."""

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from accroche.jobs.models import JobState

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Job:
    name: str
    every: timedelta
    func: Callable[[], str]


JOBS: dict[str, Job] = {}


def job(name: str, every: timedelta) -> Callable[[Callable[[], str]], Callable[[], str]]:
    def register(func: Callable[[], str]) -> Callable[[], str]:
        JOBS[name] = Job(name=name, every=every, func=func)
        return func

    return register


def _claim(job: Job, now: datetime, force: bool) -> bool:
    """Mark the job started if it is due; the row lock makes the claim exclusive."""
    with transaction.atomic():
        state, _created = JobState.objects.select_for_update().get_or_create(name=job.name)
        due = state.last_started_at is None or now - state.last_started_at >= job.every
        if not (due or force):
            return False
        state.last_started_at = now
        state.last_status = "running"
        state.save(update_fields=["last_started_at", "last_status"])
        return True


def run_due_jobs(*, force: bool = False, only: str | None = None) -> dict[str, str]:
    """Run every due job once; returns {job name: result or 'skipped'}."""
    results: dict[str, str] = {}
    for job in JOBS.values():
        if only and job.name != only:
            continue
        if not _claim(job, timezone.now(), force):
            results[job.name] = "skipped"
            continue
        try:
            message, status = job.func(), "ok"
        except Exception as exc:  # one failing job must not stop the others
            logger.exception("Job %s failed", job.name)
            message, status = repr(exc), "error"
        JobState.objects.filter(name=job.name).update(
            last_finished_at=timezone.now(), last_status=status, last_message=message[:2000]
        )
        results[job.name] = f"{status}: {message}"
    return results
