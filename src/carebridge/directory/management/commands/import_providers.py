import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from carebridge.core.models import User
from carebridge.directory.provider_import import ProviderImportError, import_providers


class Command(BaseCommand):
    help = "事業所名簿をCSVから取り込みます。1件でも誤りがあれば何も登録しません。"

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("csv_file", type=Path)
        parser.add_argument("--as", dest="username", required=True, help="取込を行う職員のユーザー名（監査ログに記録）")

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(username=options["username"], is_active=True).first()
        if user is None:
            raise CommandError(f"ユーザー「{options['username']}」が見つかりません。")
        path: Path = options["csv_file"]
        bar = tqdm(total=0, desc="取込", unit="行", file=sys.stderr)

        def progress(done: int, total: int) -> None:
            bar.total = total
            bar.n = done
            bar.refresh()

        try:
            result = import_providers(actor=user, data=path.read_bytes(), file_name=path.name, progress=progress)
        except ProviderImportError as exc:
            bar.close()
            for error in exc.errors:
                self.stderr.write(str(error))
            raise CommandError(f"{len(exc.errors)}件の誤りがあったため、何も登録していません。") from None
        bar.close()
        self.stdout.write(f"新規 {result.created}件、更新 {result.updated}件、変更なし {result.unchanged}件")
