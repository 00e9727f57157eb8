from datetime import timedelta

from accroche.jobs.registry import job
from accroche.linkage.index import refresh_stale


@job("refresh_linkage", every=timedelta(hours=24))
def refresh_linkage() -> str:
    return f"{refresh_stale()} files re-encoded"
