"""Concurrent writers on PostgreSQL (the embedded SQLite serialises writers with BEGIN IMMEDIATE:
tests/core/test_sqlite_concurrency.py): version numbers are handed out under a row lock, and two
edits of one record from the same starting version give one success and one conflict."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable

import pytest
from django.db import connection

from carebridge.careplans import services as plan_services
from carebridge.careplans.inputs import PlanInput
from carebridge.careplans.models import CarePlan
from carebridge.clients import services as client_services
from carebridge.clients.inputs import ClientInput
from carebridge.clients.models import Client
from carebridge.core.inputs import input_from

from . import pg_roles

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks: PostgreSQL only")


@pytest.fixture
def committed_db(django_db_blocker):  # type: ignore[no-untyped-def]
    """A transactional database whose flush afterwards may empty the append-only audit table:
    the flush runs as the owner with triggers off (session_replication_role — the application
    role may do neither, ADR 0004); after it the connection is the application role's again."""
    yield
    with django_db_blocker.unblock():
        pg_roles.as_app()


@pytest.fixture
def audit_purge_for_flush(transactional_db):  # type: ignore[no-untyped-def]
    yield
    pg_roles.as_owner()
    with connection.cursor() as cursor:
        cursor.execute("SET session_replication_role = replica")


@pytest.fixture
def world(committed_db, transactional_db, audit_purge_for_flush):  # type: ignore[no-untyped-def]
    from .conftest import make_world

    return make_world()


@pytest.fixture
def client_a(world):  # type: ignore[no-untyped-def]
    from .factories import ClientFactory

    return ClientFactory(office=world.office_a, care_manager=world.cm_a, name="同時 太郎")


def run_together(*calls: Callable[[], object]) -> list[object]:
    """Start the calls at the same moment, each on its own connection; return result or error."""
    barrier = threading.Barrier(len(calls))
    results: list[object] = [None] * len(calls)

    def worker(index: int, call: Callable[[], object]) -> None:
        try:
            barrier.wait()
            results[index] = call()
        except Exception as exc:
            results[index] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results


def test_two_plans_created_at_once_get_two_versions(world, client_a):
    def create() -> CarePlan:
        client = Client.objects.get(pk=client_a.pk)
        return plan_services.careplan_create(
            actor=world.cm_a, client=client, data=PlanInput(drafted_on=dt.date(2026, 4, 5))
        )

    for _ in range(3):
        results = run_together(create, create)
        assert all(isinstance(r, CarePlan) for r in results), results
    assert sorted(CarePlan.objects.filter(client=client_a).values_list("version", flat=True)) == [1, 2, 3, 4, 5, 6]


def test_two_edits_from_the_same_version_give_one_success_and_one_conflict(world, client_a):
    start = Client.objects.get(pk=client_a.pk).updated_at

    def edit(field: str, value: str) -> Callable[[], object]:
        def call() -> object:
            client = Client.objects.get(pk=client_a.pk)
            data = input_from(ClientInput, {field: value}, base=client)
            return client_services.client_update(actor=world.cm_a, client=client, data=data, expected_updated_at=start)

        return call

    results = run_together(edit("phone", "03-1111-2222"), edit("address", "別の住所"))
    assert sorted(type(r).__name__ for r in results) == ["Client", "StaleWriteError"], results
    client_a.refresh_from_db()
    assert (client_a.phone == "03-1111-2222") != (client_a.address == "別の住所")


def test_writers_appending_to_one_office_chain_at_once_do_not_fork_it(world, client_a):
    from carebridge.core.audit import chained_fields
    from carebridge.core.audit_chain import StoredEvent, verify_chain
    from carebridge.core.models import AuditEvent

    def view() -> None:
        client_services.client_viewed(actor=world.cm_a, client=Client.objects.get(pk=client_a.pk))

    for _ in range(5):
        results = run_together(view, view, view, view)
        assert results == [None] * 4, results
    events = AuditEvent.objects.filter(office=world.office_a).order_by("id")
    prev_hashes = list(events.values_list("prev_hash", flat=True))
    assert len(prev_hashes) == len(set(prev_hashes)) == 20  # no two events link to the same one
    stored = (StoredEvent(e.pk, chained_fields(e), e.prev_hash, e.hash) for e in events.iterator())
    report = verify_chain(world.office_a.pk, stored)
    assert (report.broken, report.count) == (None, 20)
