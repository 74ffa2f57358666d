"""`carebridge audit verify` on the demo data: it passes, and it reports the event that was altered
or removed by SQL behind the application's back.

Who can do that: not the application — on PostgreSQL it connects as a role that owns no table and
cannot switch the append-only triggers off (ADR 0004, tests/core/test_db_roles.py) — but the
tables' owner or a superuser can. So this test connects as the owner before its transaction
begins (no module-wide django_db mark: the `owner` fixture must come before `db`)."""

from __future__ import annotations

import io
from collections.abc import Iterator

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, transaction
from django.utils import timezone

from carebridge.core import messages
from carebridge.core.models import AuditEvent
from carebridge.desk.demo import load_demo

from .. import pg_roles


@pytest.fixture
def owner(django_db_setup: None, django_db_blocker: object) -> Iterator[None]:  # type: ignore[no-untyped-def]
    """The default connection as the tables' owner for one test (PostgreSQL; SQLite has no roles)."""
    if not pg_roles.on_postgres():
        yield
        return
    with django_db_blocker.unblock():  # type: ignore[attr-defined]
        pg_roles.as_owner()
    yield
    with django_db_blocker.unblock():  # type: ignore[attr-defined]
        pg_roles.as_app()


# -- `carebridge audit verify` on the demo ------------------------------------------------------


def verify(*args: str) -> tuple[str, int]:
    out = io.StringIO()
    failure: CommandError | None = None
    try:
        call_command("audit", "verify", *args, stdout=out)
    except CommandError as exc:
        failure = exc
    if failure is None:
        return out.getvalue(), 0
    assert str(failure) == messages.AUDIT_CHAIN_FAILED
    return out.getvalue(), failure.returncode


def tamper(sql: str, params: list[object]) -> None:
    """Change the trail behind the application's back, as the table's owner could: the append-only
    triggers are switched off inside the caller's transaction (rolled back afterwards)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # The test's own writes leave deferred foreign-key checks pending, which ALTER TABLE refuses.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("ALTER TABLE core_auditevent DISABLE TRIGGER USER")
        else:
            cursor.execute("DROP TRIGGER core_auditevent_no_update")
            cursor.execute("DROP TRIGGER core_auditevent_no_delete")
        cursor.execute(sql, params)


def test_verify_passes_on_the_demo_and_finds_an_altered_or_a_removed_event(owner, db):  # type: ignore[no-untyped-def]
    load_demo(today=timezone.localdate(), quiet=True)
    offices = sorted(set(AuditEvent.objects.values_list("office_id", flat=True)), key=lambda i: i or 0)
    output, status = verify()
    assert status == 0, output
    lines = output.splitlines()
    assert len(lines) == len(offices)
    for line, office_id in zip(lines, offices, strict=True):
        chain = AuditEvent.objects.filter(office_id=office_id).order_by("id")
        assert line == messages.AUDIT_CHAIN_OK.format(
            chain=messages.AUDIT_CHAIN_OFFICE.format(office=office_id),
            count=chain.count(),
            hash=chain.last().hash,  # type: ignore[union-attr]
        )

    office_id = offices[0]
    ids = list(AuditEvent.objects.filter(office_id=office_id).order_by("id").values_list("id", flat=True))
    middle = ids[len(ids) // 2]
    update = "UPDATE core_auditevent SET changes = %s WHERE id = %s"
    if connection.vendor == "postgresql":
        update = "UPDATE core_auditevent SET changes = %s::jsonb WHERE id = %s"

    with transaction.atomic():
        tamper(update, ['{"name": {"old": "改ざん"}}', middle])
        output, status = verify()
        assert status == 1
        office_line = messages.AUDIT_CHAIN_OFFICE.format(office=office_id)
        (broken,) = [line for line in output.splitlines() if line.startswith(office_line + ":")]
        assert f"記録ID {middle}:" in broken and messages.AUDIT_CHAIN_HASH_MISMATCH in broken
        # The other office's chain is untouched and still says so.
        assert sum(" OK " in line for line in output.splitlines()) == len(offices) - 1
        # One office at a time.
        only, status = verify("--office", str(office_id))
        assert status == 1 and only.splitlines() == [broken]
        transaction.set_rollback(True)

    with transaction.atomic():
        tamper("DELETE FROM core_auditevent WHERE id = %s", [middle])
        output, status = verify("--office", str(office_id))
        assert status == 1
        after = ids[ids.index(middle) + 1]
        assert f"記録ID {after}:" in output and messages.AUDIT_CHAIN_LINK_MISMATCH in output
        transaction.set_rollback(True)

    assert verify()[1] == 0  # rolled back: whole again
