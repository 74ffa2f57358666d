"""The suite on PostgreSQL runs as the application role, not as the owner (ADR 0004).

`DATABASE_URL` names a role that may create databases and roles (the owner; `postgres` in
`make test`). pytest-django creates and migrates the test database as that owner; then
`carebridge_app` (created when missing, LOGIN with a test-only password, so trust and password
authentication both work) gets the owner's grants (`core.db_roles`, the same code `carebridge
migrate` runs), and the default connection switches to it for every test. Tests that need the
owner (a flush of the append-only audit table) switch with `as_owner()` / `as_app()`.
"""

from __future__ import annotations

import os
from typing import Any

from django.conf import settings
from django.db import connection

APP_ROLE = os.environ.get("CAREBRIDGE_TEST_APP_ROLE", "carebridge_app")
APP_PASSWORD = "carebridge-app-test-only"  # a test role on a test server
OWNER_USER: str = str(settings.DATABASES["default"].get("USER") or "")
OWNER_PASSWORD: str = str(settings.DATABASES["default"].get("PASSWORD") or "")


def on_postgres() -> bool:
    return connection.vendor == "postgresql"


def ensure_app_role(cursor: Any) -> None:
    """Create the application role when missing (roles belong to the server, not a database).

    Parallel test workers (pytest-xdist) may race here: a role another worker just created is
    fine, and the role is never altered afterwards (two ALTER ROLE at once fail with "tuple
    concurrently updated")."""
    import psycopg

    cursor.execute(f"SELECT 1 FROM pg_roles WHERE rolname = '{APP_ROLE}'")  # noqa: S608 - a constant
    if cursor.fetchone() is not None:
        return
    try:
        cursor.execute(
            f"CREATE ROLE \"{APP_ROLE}\" LOGIN PASSWORD '{APP_PASSWORD}' NOSUPERUSER NOCREATEDB NOCREATEROLE"
        )
    except Exception as error:  # Django wraps psycopg's errors; the cause says what it was
        cause = error.__cause__ or error
        if not isinstance(cause, psycopg.errors.DuplicateObject | psycopg.errors.UniqueViolation):
            raise


def _switch(user: str, password: str) -> None:
    connection.close()
    for settings_dict in (connection.settings_dict, settings.DATABASES["default"]):
        settings_dict["USER"] = user
        settings_dict["PASSWORD"] = password


def as_app() -> None:
    """The default connection (re)connects as the application role."""
    _switch(APP_ROLE, APP_PASSWORD)


def as_owner() -> None:
    """The default connection (re)connects as the owner."""
    _switch(OWNER_USER, OWNER_PASSWORD)


def current_user() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_user")
        return str(cursor.fetchone()[0])


def urls(host: str, port: object, name: str) -> dict[str, str]:
    """DATABASE_URL (the application role) and DATABASE_OWNER_URL for a database on this server."""
    owner = f"{OWNER_USER}:{OWNER_PASSWORD}" if OWNER_PASSWORD else OWNER_USER
    return {
        "DATABASE_URL": f"postgres://{APP_ROLE}:{APP_PASSWORD}@{host}:{port}/{name}",
        "DATABASE_OWNER_URL": f"postgres://{owner}@{host}:{port}/{name}",
    }
