"""`carebridge backup` and `carebridge restore` round-trip the demo data: every table's rows are
equal after a restore into an empty database (SQLite: the online backup API; PostgreSQL: pg_dump
and pg_restore, with the owner and application roles of ADR 0004). Each suite run covers its own
engine: the SQLite run the SQLite backup, the PostgreSQL run pg_dump.

The commands run as a person runs them, in subprocesses, on databases of their own (not the test
database: pg_dump sees only committed rows)."""

from __future__ import annotations

import os
import sqlite3
import stat
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.db import connection

from .. import pg_roles

CLI = [sys.executable, "-m", "carebridge.cli"]


def carebridge(env: dict[str, str], *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    result = subprocess.run([*CLI, *args], env=env, capture_output=True, text=True, timeout=300, check=False)
    if check and result.returncode != 0:
        raise AssertionError(f"carebridge {' '.join(args)}: {result.returncode}\n{result.stderr[-3000:]}")
    return result


def rows_of(conn: Any, tables: list[str]) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, in one order (sorted, so the pk comes first where it is column 1)."""
    rows = {}
    for table in tables:
        sql = f'SELECT * FROM "{table}"'  # noqa: S608 - table names from the database's own catalog
        rows[table] = sorted(conn.execute(sql).fetchall(), key=repr)
    return rows


# -- the databases ---------------------------------------------------------------------------------


class Databases:
    """A source and an empty target database, the environment of each, and a reader of rows."""

    def __init__(self, base_env: dict[str, str]) -> None:
        self.base_env = base_env
        self.source_env: dict[str, str] = {}
        self.target_env: dict[str, str] = {}

    def tables(self, which: str) -> dict[str, list[tuple[Any, ...]]]:
        raise NotImplementedError


class SqliteDatabases(Databases):
    def __init__(self, base_env: dict[str, str], tmp: Path) -> None:
        super().__init__(base_env)
        self.paths = {"source": tmp / "source.sqlite3", "target": tmp / "target.sqlite3"}
        self.source_env = {**base_env, "DATABASE_URL": f"sqlite:///{self.paths['source']}"}
        self.target_env = {**base_env, "DATABASE_URL": f"sqlite:///{self.paths['target']}"}

    def tables(self, which: str) -> dict[str, list[tuple[Any, ...]]]:
        with sqlite3.connect(self.paths[which]) as conn:
            names = [
                row[0]
                for row in conn.execute(
                    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
                )
            ]
            return rows_of(conn, names)


class PostgresDatabases(Databases):
    def __init__(self, base_env: dict[str, str]) -> None:
        super().__init__(base_env)
        db = connection.settings_dict
        self.host, self.port = db["HOST"] or "127.0.0.1", db["PORT"] or 5432
        self.names = {"source": f"{db['NAME']}_bk_src", "target": f"{db['NAME']}_bk_dst"}
        for which in ("source", "target"):
            name = self.names[which]
            env = {**base_env, **pg_roles.urls(self.host, self.port, name)}
            setattr(self, f"{which}_env", env)

    def _dsn(self, dbname: str) -> str:
        import psycopg

        return psycopg.conninfo.make_conninfo(
            host=self.host,
            port=self.port,
            user=pg_roles.OWNER_USER,
            password=pg_roles.OWNER_PASSWORD or None,
            dbname=dbname,
        )

    def create(self) -> None:
        import psycopg

        with psycopg.connect(self._dsn("postgres"), autocommit=True) as conn:
            pg_roles.ensure_app_role(conn.cursor())
            for name in self.names.values():
                conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
                conn.execute(f"CREATE DATABASE {name}")

    def drop(self) -> None:
        import psycopg

        with psycopg.connect(self._dsn("postgres"), autocommit=True) as conn:
            for name in self.names.values():
                conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")

    def tables(self, which: str) -> dict[str, list[tuple[Any, ...]]]:
        import psycopg

        with psycopg.connect(self._dsn(self.names[which])) as conn:
            names = [
                row[0] for row in conn.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1")
            ]
            return rows_of(conn, names)


@pytest.fixture
def databases(tmp_path: Path) -> Iterator[Databases]:
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DATABASE_OWNER_URL"}}
    env |= {"DJANGO_SETTINGS_MODULE": "carebridge.settings.dev", "CAREBRIDGE_VAR_DIR": str(tmp_path)}
    if connection.vendor == "postgresql":
        pg = PostgresDatabases(env)
        pg.create()
        yield pg
        pg.drop()
    else:
        yield SqliteDatabases(env, tmp_path)


# -- the audit chain ------------------------------------------------------------------------------


def assert_audit_trail_restored(
    env: dict[str, str], before: list[tuple[Any, ...]], after: list[tuple[Any, ...]]
) -> None:
    """The audit trail came back whole: every event, every column (the hashes too), in order of
    id — and its hash chains verify in the restored database (`carebridge audit verify`)."""
    assert len(after) > 1000  # the demo writes through the services, so its trail is long
    assert after == before
    verified = carebridge(env, "audit", "verify")
    assert verified.returncode == 0
    assert verified.stdout.count("OK") >= 2, verified.stdout  # both demo offices' chains


# -- the test --------------------------------------------------------------------------------------


def test_backup_and_restore_round_trip_the_demo(databases: Databases, tmp_path: Path) -> None:
    started = time.monotonic()
    carebridge(databases.source_env, "migrate", "--noinput", "-v", "0")
    carebridge(databases.source_env, "demo", "--quiet")
    out = tmp_path / "carebridge.backup"

    made = carebridge(databases.source_env, "backup", "--out", str(out))
    assert made.stdout.strip() == str(out)
    assert "バックアップしています" in made.stderr  # what it does, on stderr
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert not out.with_name(out.name + ".partial").exists()

    again = carebridge(databases.source_env, "backup", "--out", str(out), check=False)
    assert again.returncode != 0
    assert "既にあります。上書きするには --force を付けてください。" in again.stderr
    carebridge(databases.source_env, "backup", "--out", str(out), "--force", "-v", "0")

    restored = carebridge(databases.target_env, "restore", str(out))
    assert "復元が完了しました。" in restored.stderr

    before, after = databases.tables("source"), databases.tables("target")
    assert sorted(after) == sorted(before)
    assert len(before) > 30
    for table in before:
        assert after[table] == before[table], table
    assert len(after["clients_client"]) == 41  # the demo's 40, and the one handed over by さくら製作所
    assert_audit_trail_restored(databases.target_env, before["core_auditevent"], after["core_auditevent"])

    # The restored database is in use as it is: no migration left, and the app role can read it.
    assert "No migrations to apply." in carebridge(databases.target_env, "migrate", "--noinput").stdout
    shell = carebridge(
        databases.target_env,
        "shell",
        "-c",
        "from carebridge.clients.models import Client; print(Client.objects.count())",
    )
    assert shell.stdout.strip().splitlines()[-1] == "41"

    # A restore never goes into a database that has tables.
    refused = carebridge(databases.target_env, "restore", str(out), check=False)
    assert refused.returncode != 0
    assert "は空ではありません" in refused.stderr
    print(f"backup round trip ({connection.vendor}): {time.monotonic() - started:.1f}s")


def test_restore_refuses_a_file_that_is_no_backup(databases: Databases, tmp_path: Path) -> None:
    junk = tmp_path / "junk.backup"
    junk.write_bytes(b"not a backup\n")
    refused = carebridge(databases.target_env, "restore", str(junk), check=False)
    assert refused.returncode != 0
    assert "のバックアップではありません" in refused.stderr
