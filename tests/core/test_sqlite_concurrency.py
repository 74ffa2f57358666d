"""Concurrent writers on the embedded database: 8 threads, each with its own connection, save 20
progress notes each through the casework service at the same moment on a real SQLite file —
no "database is locked", every note present. (PostgreSQL: tests/test_concurrency.py.)"""

from __future__ import annotations

import pytest
from django.db import connection

from .sqlite_run import run_on_fresh_file

pytestmark = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="SQLite's write lock: the embedded database only (PostgreSQL has row locks)"
)


def test_eight_writers_save_every_note_without_a_lock_error(tmp_path):
    result = run_on_fresh_file(tmp_path, threads=8, notes=20)
    assert result["errors"] == []
    assert result["notes"] == 160
    assert result["distinct"] == 160
