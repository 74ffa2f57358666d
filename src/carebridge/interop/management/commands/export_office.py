"""`carebridge export office --office OFFICE_NUMBER --out FILE` (cli.py routes the two words here):
the whole office as one archive (docs/office-archive.md), with a progress bar on stderr."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError

from carebridge.core.models import Office, User
from carebridge.interop.office_services import office_export
from carebridge.interop.progress_bar import ProgressBar

USAGE_EXIT = 2


class Command(BaseCommand):
    help = (
        "事業所のすべての記録を1つのZIP（manifest.json、記録ごとのJSON、連携CSV・国保連CSV、第1〜7表のPDF）に"
        "出力します（docs/office-archive.md）。出力は監査ログに残ります。"
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--office", required=True, help="事業所番号（10桁）")
        parser.add_argument("--out", required=True, help="書き出すZIPファイル")
        parser.add_argument("--user", default=None, help="出力者として記録するユーザー名（省略時はコマンド実行）")
        parser.add_argument("--no-documents", action="store_true", help="CSVとPDFを含めない（記録のJSONだけ）")
        parser.add_argument("--quiet", action="store_true", help="進み具合を表示しない")

    def handle(self, *args: Any, **options: Any) -> None:
        office = Office.objects.filter(office_number=str(options["office"])).first()
        if office is None:
            raise CommandError(
                f"--office: 事業所番号「{options['office']}」の事業所がありません", returncode=USAGE_EXIT
            )
        actor = None
        if options["user"]:
            actor = User.objects.filter(username=str(options["user"])).first()
            if actor is None:
                raise CommandError(f"--user: ユーザー「{options['user']}」がいません", returncode=USAGE_EXIT)
        with ProgressBar(quiet=bool(options["quiet"])) as bar:
            try:
                archive = office_export(
                    actor=actor, office=office, documents=not options["no_documents"], progress=bar.update
                )
            except PermissionDenied as exc:
                raise CommandError(f"--user: {exc}", returncode=USAGE_EXIT) from exc
            except ValidationError as exc:
                raise CommandError("; ".join(exc.messages)) from exc
        out = Path(str(options["out"]))
        out.write_bytes(archive.data)
        total = sum(archive.counts.values())
        self.stdout.write(f"{out}  {total}件の記録  SHA-256 {archive.sha256}")
        for note in archive.notes:
            self.stdout.write(f"  {note}")
