from datetime import timedelta

from accroche.access.audit_log import purge_expired
from accroche.jobs.registry import job


@job("purge_audit_log", every=timedelta(days=1))
def purge_audit_log() -> str:
    return f"{purge_expired()} audit events older than the retention deleted"
