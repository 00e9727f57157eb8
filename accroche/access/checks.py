from typing import Any

from django.core.checks import CheckMessage, Tags, Warning, register
from django.db import DatabaseError, connection

from accroche.access.db_roles import audit_log_risks


@register(Tags.security, deploy=True)
def application_role_cannot_empty_the_audit_log(**kwargs: Any) -> list[CheckMessage]:
    """``check --deploy``: the application should not connect as the owner of the audit
    log (nor as a superuser), who can disable its triggers or truncate it."""
    if connection.vendor != "postgresql":
        return []
    try:
        with connection.cursor() as cursor:
            risks = audit_log_risks(cursor)
    except DatabaseError as exc:
        return [
            Warning(
                f"Could not check the database role against the audit log: {exc}",
                id="access.W002",
            )
        ]
    if not risks:
        return []
    return [
        Warning(
            "The application could empty the audit log: " + "; ".join(risks) + ".",
            hint="Run migrations as an owner role and connect the application as a role that "
            "owns no table: `manage.py grant_app_role <role>` (README, « Deux rôles "
            "PostgreSQL »).",
            id="access.W001",
        )
    ]
