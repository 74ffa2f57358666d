"""PostgreSQL with two roles (docs/adr/0004-postgres-two-roles.md).

The application connects as a role that does not own the tables (`DATABASE_URL`); the owner
(`DATABASE_OWNER_URL`, the database alias "owner") runs the migrations and restores, and then
grants the application what it needs: rows in and out of every table, but only SELECT and INSERT
on the append-only audit table. Not owning the audit table, the application cannot drop or
disable its triggers; not being a superuser, it cannot `SET session_replication_role`.
"""

from __future__ import annotations

from django.conf import settings
from django.db import connections
from django.db.backends.base.base import BaseDatabaseWrapper

OWNER_ALIAS = "owner"
AUDIT_TABLE = "core_auditevent"


def owner_alias() -> str:
    """The alias that owns the schema: "owner" when DATABASE_OWNER_URL is set, else "default"."""
    return OWNER_ALIAS if OWNER_ALIAS in settings.DATABASES else "default"


def app_role() -> str | None:
    """The application's role when it differs from the owner (PostgreSQL only), else None."""
    if OWNER_ALIAS not in settings.DATABASES:
        return None
    app = settings.DATABASES["default"]
    owner = settings.DATABASES[OWNER_ALIAS]
    if not str(app["ENGINE"]).endswith("postgresql") or app.get("USER") == owner.get("USER"):
        return None
    return str(app["USER"])


def grant_statements(connection: BaseDatabaseWrapper, role: str) -> list[str]:
    """What the owner grants the application role on the schema it owns."""
    quoted = connection.ops.quote_name(role)
    audit = connection.ops.quote_name(AUDIT_TABLE)
    return [
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {quoted}",
        f"REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON {audit} FROM {quoted}",
        f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {quoted}",
    ]


def grant_app_privileges(connection: BaseDatabaseWrapper, role: str) -> list[str]:
    """Run the grants on a connection of the owner; return the statements run."""
    statements = grant_statements(connection, role)
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)
    return statements


def grant_if_two_roles() -> list[str]:
    """After a migrate or a restore: grant the application role, when there are two roles."""
    role = app_role()
    if role is None:
        return []
    return grant_app_privileges(connections[OWNER_ALIAS], role)
