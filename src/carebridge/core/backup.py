"""Backup and restore of the whole database: `carebridge backup --out FILE`, `carebridge restore FILE`.

- SQLite: the online backup API (`sqlite3.Connection.backup`), page by page, consistent while the
  application keeps writing. The backup is itself a SQLite file.
- PostgreSQL: `pg_dump --format=custom` and `pg_restore`, run as the owner role when
  DATABASE_OWNER_URL is set (ADR 0004). The restore takes no ownership from the file
  (`--no-owner --no-acl`): the restoring role owns what it creates and then grants the application
  role, as after `carebridge migrate`.

A backup file is created 0600 (it holds every client's personal data), written beside its final
name and renamed into place only when complete, and never replaces an existing file unless asked.
A restore goes only into an *empty* database: one without any table (SQLite: no table outside
`sqlite_*`; PostgreSQL: no table in the `public` schema). Anything else is refused — a restore never
merges into or overwrites live data.
"""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import subprocess
from collections.abc import Callable
from contextlib import closing
from pathlib import Path
from typing import Any

from django.db import connections

from carebridge.core import messages
from carebridge.core.db_roles import grant_if_two_roles, owner_alias

Say = Callable[[str], None]

SQLITE_MAGIC = b"SQLite format 3\x00"
PG_CUSTOM_MAGIC = b"PGDMP"
SQLITE_PAGES_PER_STEP = 1024


class BackupError(Exception):
    """A refusal with a Japanese message the command prints as it is."""


def _engine(settings_dict: dict[str, Any]) -> str:
    engine = str(settings_dict["ENGINE"])
    if engine.endswith(("sqlite3", ".sqlite")):  # Django's backend or ours (carebridge.core.sqlite)
        return "sqlite"
    if engine.endswith("postgresql"):
        return "postgresql"
    raise BackupError(messages.BACKUP_ENGINE_UNSUPPORTED.format(engine=engine))


def _settings_dict() -> dict[str, Any]:
    """The database as the role that owns it (the owner alias when there are two roles)."""
    return dict(connections[owner_alias()].settings_dict)


# -- the file --------------------------------------------------------------------------------------


def _partial(out: Path) -> Path:
    return out.with_name(out.name + ".partial")


def _open_private(path: Path) -> None:
    """Create an empty file readable by its owner only (0600), replacing a stale partial file."""
    path.unlink(missing_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    os.close(fd)


def _publish(partial: Path, out: Path) -> None:
    partial.chmod(0o600)
    os.replace(partial, out)


def _magic(path: Path, size: int) -> bytes:
    with path.open("rb") as f:
        return f.read(size)


# -- SQLite ----------------------------------------------------------------------------------------


def sqlite_table_count(path: Path) -> int:
    """Tables in a SQLite file (0 for a missing or zero-length file)."""
    if not path.exists() or path.stat().st_size == 0:
        return 0
    with _sqlite_ro(path) as conn:
        row = conn.execute(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        ).fetchone()
    return int(row[0])


def _sqlite_ro(path: Path) -> closing[sqlite3.Connection]:
    return closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True))


def _sqlite_copy(source: sqlite3.Connection, target: sqlite3.Connection, say: Say) -> None:
    def progress(_status: int, remaining: int, total: int) -> None:
        say(f"  {total - remaining}/{total} ページ")

    source.backup(target, pages=SQLITE_PAGES_PER_STEP, progress=progress)


def sqlite_backup(database: Path, out: Path, say: Say) -> None:
    if not database.is_file():
        raise BackupError(messages.BACKUP_SOURCE_MISSING.format(path=database))
    partial = _partial(out)
    _open_private(partial)
    try:
        with _sqlite_ro(database) as source:
            target = sqlite3.connect(partial)
            try:
                _sqlite_copy(source, target, say)
                # One self-contained file: no -wal/-shm beside it when it is read later.
                target.execute("PRAGMA journal_mode=DELETE")
            finally:
                target.close()
        _publish(partial, out)
    finally:
        partial.unlink(missing_ok=True)


def sqlite_restore(source: Path, database: Path, say: Say) -> None:
    if _magic(source, len(SQLITE_MAGIC)) != SQLITE_MAGIC:
        raise BackupError(messages.BACKUP_UNREADABLE.format(path=source, engine="SQLite"))
    with _sqlite_ro(source) as conn:
        has_migrations = conn.execute(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'django_migrations'"
        ).fetchone()[0]
    if not has_migrations:
        raise BackupError(messages.BACKUP_UNREADABLE.format(path=source, engine="SQLite"))
    count = sqlite_table_count(database)
    if count:
        raise BackupError(messages.RESTORE_NOT_EMPTY.format(name=database, count=count))
    if not database.exists():
        database.parent.mkdir(parents=True, exist_ok=True)
        _open_private(database)
    with _sqlite_ro(source) as conn:
        target = sqlite3.connect(database)
        try:
            _sqlite_copy(conn, target, say)
        finally:
            target.close()


# -- PostgreSQL ------------------------------------------------------------------------------------


def pg_env(settings_dict: dict[str, Any]) -> dict[str, str]:
    """libpq's environment for the database: no password on a command line."""
    env = dict(os.environ)
    values = {
        "PGHOST": settings_dict.get("HOST"),
        "PGPORT": settings_dict.get("PORT"),
        "PGUSER": settings_dict.get("USER"),
        "PGPASSWORD": settings_dict.get("PASSWORD"),
        "PGDATABASE": settings_dict.get("NAME"),
    }
    for key, value in values.items():
        if value:
            env[key] = str(value)
        else:
            env.pop(key, None)
    return env


def _server_major(alias: str) -> int:
    connection = connections[alias]
    connection.ensure_connection()
    return int(getattr(connection, "pg_version", 0)) // 10000


def pg_tool(binary: str, alias: str) -> str:
    """The path of pg_dump / pg_restore, refused when missing or older than the server."""
    server = _server_major(alias)
    path = shutil.which(binary)
    if path is None:
        raise BackupError(messages.PG_CLIENT_MISSING.format(binary=binary, server=server))
    version = subprocess.run([path, "--version"], capture_output=True, text=True, check=True).stdout  # noqa: S603
    found = re.search(r"(\d+)(?:\.\d+)?", version)
    client = int(found.group(1)) if found else 0
    if client < server:
        raise BackupError(messages.PG_CLIENT_TOO_OLD.format(binary=binary, client=client, server=server))
    return path


def pg_table_count(alias: str) -> int:
    with connections[alias].cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")
        row = cursor.fetchone()
    return int(row[0]) if row else 0


def _run(argv: list[str], env: dict[str, str], say: Say, *, verbose: bool) -> None:
    say("  " + " ".join(argv))
    result = subprocess.run(argv, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if verbose and result.stderr:
        say(result.stderr.rstrip())
    if result.returncode != 0:
        detail = result.stderr.strip().splitlines()[-1] if result.stderr.strip() else ""
        raise BackupError(
            messages.PG_TOOL_FAILED.format(binary=Path(argv[0]).name, code=result.returncode, detail=detail)
        )


def pg_backup(alias: str, out: Path, say: Say, *, verbose: bool = False) -> None:
    tool = pg_tool("pg_dump", alias)
    partial = _partial(out)
    _open_private(partial)
    try:
        _run(
            [tool, "--format=custom", f"--file={partial}", *(["--verbose"] if verbose else [])],
            pg_env(dict(connections[alias].settings_dict)),
            say,
            verbose=verbose,
        )
        _publish(partial, out)
    finally:
        partial.unlink(missing_ok=True)


def pg_restore(alias: str, source: Path, say: Say, *, verbose: bool = False) -> list[str]:
    if _magic(source, len(PG_CUSTOM_MAGIC)) != PG_CUSTOM_MAGIC:
        raise BackupError(messages.BACKUP_UNREADABLE.format(path=source, engine="PostgreSQL"))
    settings_dict = dict(connections[alias].settings_dict)
    count = pg_table_count(alias)
    if count:
        raise BackupError(messages.RESTORE_NOT_EMPTY.format(name=settings_dict["NAME"], count=count))
    tool = pg_tool("pg_restore", alias)
    connections[alias].close()  # pg_restore works alone on the database
    argv = [
        tool,
        "--no-owner",
        "--no-acl",
        "--exit-on-error",
        "--single-transaction",
        *(["--verbose"] if verbose else []),
        f"--dbname={settings_dict['NAME']}",
        str(source),
    ]
    _run(argv, pg_env(settings_dict), say, verbose=verbose)
    return grant_if_two_roles()


# -- the two operations ----------------------------------------------------------------------------


def backup(out: Path, *, force: bool, say: Say, verbose: bool = False) -> Path:
    """Write a backup of the configured database to `out` (0600). Returns the file."""
    out = out.resolve()
    if out.exists() and not force:
        raise BackupError(messages.BACKUP_EXISTS.format(path=out))
    settings_dict = _settings_dict()
    engine = _engine(settings_dict)
    if engine == "sqlite":
        database = Path(str(settings_dict["NAME"]))
        say(f"SQLite {database} を {out} にバックアップしています（オンラインバックアップ）…")
        sqlite_backup(database, out, say)
    else:
        say(f"PostgreSQL {settings_dict['NAME']} を pg_dump で {out} にバックアップしています…")
        pg_backup(owner_alias(), out, say, verbose=verbose)
    say(f"完了: {out}（{out.stat().st_size:,} バイト、権限 0600）")
    return out


def restore(source: Path, *, say: Say, verbose: bool = False) -> None:
    """Restore a backup into the configured database, which must be empty."""
    source = source.resolve()
    settings_dict = _settings_dict()
    engine = _engine(settings_dict)
    if engine == "sqlite":
        database = Path(str(settings_dict["NAME"]))
        say(f"{source} を SQLite {database} に復元しています…")
        sqlite_restore(source, database, say)
    else:
        say(f"{source} を PostgreSQL {settings_dict['NAME']} に pg_restore で復元しています…")
        for statement in pg_restore(owner_alias(), source, say, verbose=verbose):
            say(f"  {statement}")
    say("復元が完了しました。")
