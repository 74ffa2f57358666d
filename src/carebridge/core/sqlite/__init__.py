"""The embedded database (SQLite) taking concurrent writers: see `base.py` for the backend and
docs/architecture.md ("Concurrent writers on SQLite") for why it is built this way."""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import unquote, urlsplit

# Seconds a connection waits for the write lock (SQLite's busy timeout) before BEGIN IMMEDIATE
# fails, and how many times that BEGIN is tried in all (nothing has been done yet: safe to retry).
BUSY_TIMEOUT_SECONDS = 5
BEGIN_ATTEMPTS = 3
_BUSY_TEXTS = ("database is locked", "database is busy", "database table is locked")


def is_database_busy(error: BaseException | None) -> bool:
    """SQLite's "database is locked" (SQLITE_BUSY / SQLITE_LOCKED), raw or wrapped by Django."""
    while error is not None:
        if type(error).__name__ == "OperationalError" and any(t in str(error) for t in _BUSY_TEXTS):
            return True
        error = error.__cause__
    return False


def database_file(name: object) -> Path | None:
    """The file behind a SQLite NAME (a path or a `file:` URI); None for an in-memory database."""
    if isinstance(name, Path):
        return name
    text = str(name)
    if text == ":memory:" or "mode=memory" in text or not text:
        return None
    if text.startswith("file:"):
        path = unquote(urlsplit(text).path)
        return Path(path) if path else None
    return Path(text)


def create_private(path: Path) -> bool:
    """Create the database file readable by its owner only (0600) if it does not exist yet; SQLite
    gives its -wal and -shm companions the mode of the database file. True if it was created."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return False
    except FileNotFoundError:  # no such directory: SQLite says "unable to open database file"
        return False
    os.close(fd)
    return True
