"""`carebridge master import FILE [--dry-run] [--as USER]`: load the service master from a CSV
(docs/billing-master-csv.md). All or nothing; errors name the line and column; --dry-run lists
what would change (追加 / 変更 / 変更なし per code) and writes nothing."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from carebridge.billing.master_import import MasterImportError, plan_import
from carebridge.billing.master_services import service_master_apply
from carebridge.core.models import User


class Command(BaseCommand):
    help = "サービスマスタ（サービス種類・サービスコード・単位数単価）。import: CSVを取り込みます。"

    def add_arguments(self, parser: Any) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        importer = sub.add_parser("import", help="サービスマスタのCSVを取り込む（1件でも誤りがあれば何も登録しません）")
        importer.add_argument("csv_file", type=Path)
        importer.add_argument("--dry-run", action="store_true", help="登録せず、変わる内容だけを表示します")
        importer.add_argument("--as", dest="username", default="", help="取込を行う職員のユーザー名（監査ログに記録）")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["csv_file"]
        user = None
        if options["username"]:
            user = User.objects.filter(username=options["username"], is_active=True).first()
            if user is None:
                raise CommandError(f"ユーザー「{options['username']}」が見つかりません。")
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise CommandError(f"{path}: ファイルを読めません（{exc.__class__.__name__}）。") from exc
        bar = tqdm(total=0, desc="確認", unit="行", file=sys.stderr, disable=None)

        def progress(done: int, total: int) -> None:
            bar.total = total
            bar.n = done
            bar.refresh()

        try:
            plan = plan_import(data=data, file_name=path.name, progress=progress)
        except MasterImportError as exc:
            bar.close()
            for error in exc.errors:
                self.stderr.write(str(error))
            raise CommandError(f"{len(exc.errors)}件の誤りがあったため、何も登録していません。") from None
        bar.close()
        if options["dry_run"]:
            for change in plan.changes:
                self.stdout.write(change.describe())
            self.stdout.write(f"（試行・未登録）{plan.summary()}")
            return
        try:
            service_master_apply(actor=user, plan=plan)
        except ValidationError as exc:  # a row changed since the check, or refused by the table itself
            for field, errors in exc.message_dict.items():
                self.stderr.write(f"{field}: {'、'.join(errors)}")
            raise CommandError("登録できなかったため、何も登録していません。") from None
        self.stdout.write(f"登録しました。{plan.summary()}")
