"""PostgreSQL in production: two roles, so that the application cannot empty the audit
log. The *owner* role runs the migrations and owns the tables; the *application* role,
which the web servers and jobs connect as, reads and writes rows but owns nothing, so it
cannot disable or drop the audit log's triggers, nor truncate it (README, "Deux rôles
PostgreSQL"). ``grant_statements`` is what ``manage.py grant_app_role`` runs as the owner;
``audit_log_risks`` is what ``check --deploy`` asks of the role the application uses."""

from collections.abc import Callable
from typing import Any

AUDIT_TABLE = "access_auditevent"


def grant_statements(role: str, database: str, quote: Callable[[str], str]) -> list[str]:
    """The grants of the application role (``quote`` quotes an identifier), run by the
    owner: rows of every table, present and future, and nothing else."""
    app = quote(role)
    return [
        f"GRANT CONNECT ON DATABASE {quote(database)} TO {app}",
        f"GRANT USAGE ON SCHEMA public TO {app}",
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {app}",
        f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {app}",
        # The audit log is append-only (the purge of year-old rows deletes).
        f"REVOKE UPDATE ON {AUDIT_TABLE} FROM {app}",
        # Tables the owner's later migrations create.
        "ALTER DEFAULT PRIVILEGES IN SCHEMA public "
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {app}",
        f"ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO {app}",
    ]


def audit_log_risks(cursor: Any) -> list[str]:
    """Why the connected role could empty the audit log (empty: it cannot), on PostgreSQL."""
    cursor.execute(
        "SELECT r.rolsuper, t.tableowner, pg_has_role(current_user, t.tableowner, 'MEMBER'),"
        " current_user FROM pg_roles r, pg_tables t"
        " WHERE r.rolname = current_user AND t.tablename = %s AND t.schemaname = 'public'",
        [AUDIT_TABLE],
    )
    row = cursor.fetchone()
    if row is None:
        return []  # not migrated yet: nothing to protect
    superuser, owner, acts_as_owner, user = row
    risks = []
    if superuser:
        risks.append(f"the database role {user!r} is a superuser")
    if acts_as_owner:
        risks.append(f"the database role {user!r} owns {AUDIT_TABLE} (owner {owner!r})")
    return risks
