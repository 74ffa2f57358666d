"""`carebridge backup --out FILE`: the whole database into one file (carebridge.core.backup)."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from carebridge.core.backup import BackupError, backup


class Command(BaseCommand):
    help = (
        "データベース全体を FILE にバックアップします（SQLite: オンラインバックアップ、"
        "PostgreSQL: pg_dump のカスタム形式）。ファイルの権限は 0600 です。"
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--out", required=True, type=Path, help="書き出すファイル")
        parser.add_argument("--force", action="store_true", help="既にあるファイルを置き換える")

    def handle(self, *args: Any, **options: Any) -> None:
        verbosity = int(options["verbosity"])

        def say(text: str) -> None:
            if verbosity >= 1:
                self.stderr.write(text)

        try:
            out = backup(options["out"], force=options["force"], say=say, verbose=verbosity >= 2)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(str(out))
