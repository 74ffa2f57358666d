"""`carebridge restore FILE`: a backup into the configured, empty database (carebridge.core.backup)."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from carebridge.core.backup import BackupError, restore


class Command(BaseCommand):
    help = "carebridge backup の FILE を、設定されたデータベース（空であること）に復元します。"

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("file", type=Path, help="carebridge backup で作ったファイル")

    def handle(self, *args: Any, **options: Any) -> None:
        verbosity = int(options["verbosity"])

        def say(text: str) -> None:
            if verbosity >= 1:
                self.stderr.write(text)

        source: Path = options["file"]
        if not source.is_file():
            raise CommandError(f"{source} が見つかりません。")
        try:
            restore(source, say=say, verbose=verbosity >= 2)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
