"""The bounded retry of BEGIN IMMEDIATE (core/sqlite/base.py): while another connection holds the
write lock beyond the busy timeout, BEGIN is tried BEGIN_ATTEMPTS times in all and then fails
with "database is locked" (the 503), leaving the connection in autocommit; a lock released
between attempts lets the transaction begin."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator

import pytest
from django.db import OperationalError
from django.db.utils import ConnectionHandler

from carebridge.core.sqlite import BEGIN_ATTEMPTS, base, is_database_busy


@pytest.fixture
def holder(tmp_path) -> Iterator[sqlite3.Connection]:
    """A second connection to a real file, holding the write lock."""
    raw = sqlite3.connect(tmp_path / "db.sqlite3", isolation_level=None)
    raw.execute("PRAGMA journal_mode=WAL")
    raw.execute("CREATE TABLE t (x INTEGER)")
    raw.execute("BEGIN IMMEDIATE")
    yield raw
    raw.close()


@pytest.fixture
def waiter(tmp_path, django_db_blocker):  # type: ignore[no-untyped-def]
    settings = {
        "ENGINE": "carebridge.core.sqlite",
        "NAME": str(tmp_path / "db.sqlite3"),
        "OPTIONS": {"transaction_mode": "IMMEDIATE", "timeout": 0.05},
    }
    with django_db_blocker.unblock():
        connection = ConnectionHandler({"default": settings})["default"]
        yield connection
        connection.close()


def test_begin_is_tried_a_bounded_number_of_times_then_the_lock_error_escapes(holder, waiter, monkeypatch):
    sleeps: list[float] = []
    monkeypatch.setattr(base.time, "sleep", sleeps.append)
    with pytest.raises(OperationalError) as raised:
        waiter.set_autocommit(False, force_begin_transaction_with_broken_autocommit=True)
    assert is_database_busy(raised.value)
    assert len(sleeps) == BEGIN_ATTEMPTS - 1
    assert all(0.05 <= pause <= 0.25 * BEGIN_ATTEMPTS for pause in sleeps)
    assert waiter.get_autocommit()  # nothing begun: the connection is as it was


def test_a_lock_released_between_attempts_lets_the_transaction_begin(holder, waiter, monkeypatch):
    monkeypatch.setattr(base.time, "sleep", lambda pause: holder.execute("COMMIT"))
    waiter.set_autocommit(False, force_begin_transaction_with_broken_autocommit=True)
    with waiter.cursor() as cursor:
        cursor.execute("INSERT INTO t (x) VALUES (1)")
    waiter.commit()
    waiter.set_autocommit(True)
    assert holder.execute("SELECT count(*) FROM t").fetchone() == (1,)
