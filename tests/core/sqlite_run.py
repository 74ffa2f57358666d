"""Start tests/core/sqlite_file_run.py in a process of its own against a fresh SQLite file."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]


def run_on_fresh_file(tmp_path: Path, *, threads: int, notes: int) -> dict[str, Any]:
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE"}}
    env["DJANGO_SETTINGS_MODULE"] = "carebridge.settings.test"
    env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'carebridge.sqlite3'}"
    env["CAREBRIDGE_VAR_DIR"] = str(tmp_path / "var")
    done = subprocess.run(
        [sys.executable, "-m", "tests.core.sqlite_file_run", str(threads), str(notes)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])
