"""The embedded database's file is private: created 0600 (its -wal and -shm companions too, as
SQLite copies the database file's mode) and var/ 0700 when the app creates it — with the usual
umask 022, on a real file the app creates itself."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from django.db import OperationalError

from carebridge.core.sqlite import create_private, database_file, is_database_busy

from .sqlite_run import run_on_fresh_file


def test_a_fresh_database_file_is_0600_and_var_0700(tmp_path):
    result = run_on_fresh_file(tmp_path, threads=1, notes=1)
    assert result["files"] == {"db": "0o600", "-wal": "0o600", "-shm": "0o600"}
    assert result["var_dir"] == "0o700"
    assert stat.S_IMODE((tmp_path / "carebridge.sqlite3").stat().st_mode) == 0o600
    assert result["journal_mode"] == "wal"
    assert result["transaction_mode"] == "IMMEDIATE"


def test_an_existing_file_is_left_as_it_is(tmp_path):
    existing = tmp_path / "db.sqlite3"
    existing.write_bytes(b"")
    existing.chmod(0o640)
    assert create_private(existing) is False
    assert stat.S_IMODE(existing.stat().st_mode) == 0o640
    assert create_private(tmp_path / "missing-directory" / "db.sqlite3") is False  # SQLite reports it


@pytest.mark.parametrize(
    ("name", "path"),
    [
        ("/srv/cb/db.sqlite3", Path("/srv/cb/db.sqlite3")),
        (Path("/srv/cb/db.sqlite3"), Path("/srv/cb/db.sqlite3")),
        ("file:/srv/cb/db%20a.sqlite3?mode=rwc", Path("/srv/cb/db a.sqlite3")),
        (":memory:", None),
        ("file:memorydb_default?mode=memory&cache=shared", None),
    ],
)
def test_the_file_behind_a_database_name(name, path):
    assert database_file(name) == path


def test_only_a_lock_counts_as_busy():
    assert is_database_busy(OperationalError("database is locked"))
    wrapped = OperationalError("outer")
    wrapped.__cause__ = OperationalError("database is busy")
    assert is_database_busy(wrapped)
    assert not is_database_busy(OperationalError("no such table: x"))
    assert not is_database_busy(RuntimeError("database is locked"))
    assert not is_database_busy(None)
