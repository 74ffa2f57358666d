"""Run by tests/core/test_sqlite_file.py in a process of its own, against a fresh SQLite file
(DATABASE_URL and CAREBRIDGE_VAR_DIR set by the test): migrate, note the modes of the files while
a connection is open, then let THREADS threads (each with its own connection) write NOTES progress
notes each through the casework service at the same moment. Prints one JSON object."""

from __future__ import annotations

import datetime as dt
import json
import os
import stat
import sys
import threading
import time
from pathlib import Path


def mode(path: Path) -> str | None:
    return oct(stat.S_IMODE(path.stat().st_mode)) if path.exists() else None


def main() -> None:
    threads, notes = int(sys.argv[1]), int(sys.argv[2])
    os.umask(0o022)  # the usual umask: the 0600 must come from the app, not from a strict umask
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "carebridge.settings.test")
    import django

    django.setup()
    from django.apps import apps
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection, connections

    database = Path(settings.DATABASES["default"]["NAME"])
    started = time.perf_counter()
    # The tables straight from the models (no migration history): seconds faster, same file.
    settings.MIGRATION_MODULES = {app.label: None for app in apps.get_app_configs()}
    call_command("migrate", run_syncdb=True, verbosity=0)
    migrated = time.perf_counter() - started
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        journal = cursor.fetchone()[0]
        # While a connection is open the -wal and -shm files exist: note their modes too.
        files = {suffix or "db": mode(Path(f"{database}{suffix}")) for suffix in ("", "-wal", "-shm")}

    from carebridge.casework.inputs import NoteInput
    from carebridge.casework.models import ProgressNote
    from carebridge.casework.services import progress_note_create
    from carebridge.core.roles import Role
    from tests.factories import ClientFactory, OfficeFactory, UserFactory

    office = OfficeFactory()
    writers = [UserFactory(username=f"cm{i}", role=Role.CARE_MANAGER, office=office) for i in range(threads)]
    clients = [ClientFactory(office=office, care_manager=cm) for cm in writers]
    connection.close()

    errors: list[str] = []
    barrier = threading.Barrier(max(threads, 1))

    def write(index: int) -> None:
        barrier.wait()
        try:
            for n in range(notes):
                data = NoteInput(noted_on=dt.date(2026, 12, 1), category="visit", content=f"記録 {index}-{n}")
                try:
                    progress_note_create(actor=writers[index], client=clients[index], data=data)
                except Exception as error:
                    errors.append(f"{type(error).__name__}: {error}")
        finally:
            connections.close_all()

    started = time.perf_counter()
    workers = [threading.Thread(target=write, args=(i,)) for i in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    wrote = time.perf_counter() - started
    result = {
        "var_dir": mode(Path(settings.VAR_DIR)),
        "files": files,
        "journal_mode": journal,
        "transaction_mode": connection.transaction_mode,
        "errors": errors,
        "notes": ProgressNote.objects.count(),
        "distinct": ProgressNote.objects.values("content").distinct().count(),
        "migrate_seconds": round(migrated, 2),
        "write_seconds": round(wrote, 2),
    }
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
