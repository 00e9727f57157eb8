from datetime import timedelta

from accroche.idempotency.records import prune
from accroche.jobs.registry import job


@job("prune_idempotency_records", every=timedelta(hours=1))
def prune_idempotency_records() -> str:
    return f"{prune()} idempotency records older than a day deleted"
