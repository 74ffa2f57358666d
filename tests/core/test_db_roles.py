"""PostgreSQL with two roles (ADR 0004): the suite runs as the application role, which owns no
table — so it cannot switch the audit table's triggers off, nor change or delete audit rows."""

from __future__ import annotations

import psycopg
import pytest
from django.db import DatabaseError, connection, transaction

from carebridge.clients import services
from carebridge.core.db_roles import grant_statements
from carebridge.core.models import AuditEvent

from .. import pg_roles

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="roles: PostgreSQL only")


def refused(sql: str, match: str, params: list[object] | None = None) -> None:
    with pytest.raises(DatabaseError, match=match), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params)


def test_the_suite_connects_as_the_application_role_which_owns_nothing(db):
    assert pg_roles.current_user() == pg_roles.APP_ROLE
    with connection.cursor() as cursor:
        cursor.execute("SELECT rolsuper, rolcreatedb, rolcreaterole FROM pg_roles WHERE rolname = current_user")
        assert cursor.fetchone() == (False, False, False)
        cursor.execute(
            "SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND tableowner = current_user",
        )
        assert cursor.fetchone() == (0,)


def test_the_application_role_cannot_disable_the_audit_triggers(db):
    refused("ALTER TABLE core_auditevent DISABLE TRIGGER ALL", "must be owner of table core_auditevent")
    refused("ALTER TABLE core_auditevent DISABLE TRIGGER core_auditevent_no_update", "must be owner")
    refused("DROP TRIGGER core_auditevent_no_delete ON core_auditevent", "must be owner")
    refused("SET session_replication_role = replica", 'permission denied to set parameter "session_replication_role"')


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE core_auditevent SET action = 'forged' WHERE id = %s",
        "DELETE FROM core_auditevent WHERE id = %s",
        "TRUNCATE core_auditevent",
    ],
    ids=["update", "delete", "truncate"],
)
def test_the_application_role_cannot_change_or_delete_audit_rows(world, client_a, sql):
    services.client_viewed(actor=world.cm_a, client=client_a)
    event = AuditEvent.objects.latest("id")
    refused(sql, "permission denied for table core_auditevent", [event.pk] if "%s" in sql else None)
    assert AuditEvent.objects.get(pk=event.pk).action == event.action


def test_the_application_role_writes_rows_elsewhere_and_appends_audit_events(world, client_a):
    before = AuditEvent.objects.count()
    services.client_viewed(actor=world.cm_a, client=client_a)
    assert AuditEvent.objects.count() == before + 1


def test_the_owner_meets_the_trigger(db):
    """Behind the privileges, the owner itself is refused by the append-only trigger."""
    settings_dict = connection.settings_dict
    dsn = psycopg.conninfo.make_conninfo(
        host=settings_dict["HOST"] or "127.0.0.1",
        port=settings_dict["PORT"] or 5432,
        dbname=settings_dict["NAME"],
        user=pg_roles.OWNER_USER,
        password=pg_roles.OWNER_PASSWORD or None,
    )
    with psycopg.connect(dsn) as owner, pytest.raises(psycopg.errors.RaiseException, match="append-only"):
        owner.execute("TRUNCATE core_auditevent")


def test_the_grants_leave_the_audit_table_select_and_insert_only(db):
    with connection.cursor() as cursor:
        kinds = ["SELECT", "INSERT", "UPDATE", "DELETE", "TRUNCATE", "REFERENCES", "TRIGGER"]
        held = []
        for kind in kinds:
            cursor.execute("SELECT has_table_privilege(current_user, 'core_auditevent', %s)", [kind])
            if cursor.fetchone()[0]:
                held.append(kind)
        assert held == ["SELECT", "INSERT"]
        cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1")
        tables = [row[0] for row in cursor.fetchall()]
        lacking = []
        for table in tables:
            for kind in ["SELECT", "INSERT", "UPDATE", "DELETE"]:
                cursor.execute("SELECT has_table_privilege(current_user, %s, %s)", [f"public.{table}", kind])
                if not cursor.fetchone()[0]:
                    lacking.append(f"{table} {kind}")
    assert len(tables) > 30
    assert lacking == ["core_auditevent UPDATE", "core_auditevent DELETE"]
    assert any("REVOKE UPDATE, DELETE" in statement for statement in grant_statements(connection, "x"))
