"""`carebridge import office FILE` (cli.py routes the two words here): rebuild an office from an
archive of `carebridge export office` on a database without it (docs/office-archive.md)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError

from carebridge.core.models import User
from carebridge.interop.office_messages import describe
from carebridge.interop.office_services import ArchiveRefused, office_import
from carebridge.interop.progress_bar import ProgressBar

USAGE_EXIT = 2


class Command(BaseCommand):
    help = (
        "事業所データのアーカイブ（carebridge export office）から事業所を作り直します。すべて取り込むか、"
        "何も取り込まないかのどちらかです。パスワードは移りません（各ユーザーが設定し直します）。"
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("file", help="アーカイブ（ZIP）")
        parser.add_argument(
            "--user", default=None, help="取り込んだ人として記録するスーパーユーザー（省略時はコマンド実行）"
        )
        parser.add_argument("--quiet", action="store_true", help="進み具合を表示しない")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(str(options["file"]))
        if not path.is_file():
            raise CommandError(f"ファイル「{path}」がありません", returncode=USAGE_EXIT)
        actor = None
        if options["user"]:
            actor = User.objects.filter(username=str(options["user"])).first()
            if actor is None:
                raise CommandError(f"--user: ユーザー「{options['user']}」がいません", returncode=USAGE_EXIT)
        with ProgressBar(quiet=bool(options["quiet"])) as bar:
            try:
                imported = office_import(actor=actor, data=path.read_bytes(), progress=bar.update)
            except PermissionDenied as exc:
                raise CommandError(f"--user: {exc}", returncode=USAGE_EXIT) from exc
            except ArchiveRefused as exc:
                for error in exc.rows:
                    self.stderr.write(describe(error))
                raise CommandError(f"取り込みませんでした（{len(exc.rows)}件のエラー）") from exc
        office = imported.office
        total = sum(imported.counts.values())
        self.stdout.write(f"事業所 {office.office_number} {office.name} を取り込みました（{total}件の記録）")
        self.stdout.write("ユーザーのパスワードは移していません。各ユーザーにパスワードを設定してください。")
