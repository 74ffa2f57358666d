"""`carebridge export federation --office OFFICE_NUMBER --month YYYY-MM --out DIR`: the 国保連
file of an office's month (給付管理票), written to DIR and recorded as a send (FederationSend,
audited) exactly as the page's export button does.

--close first closes the month (pre-send check, lock the confirmed slips, make the statements);
--user names who does it (default: the office's first active 管理者). Exit status 2 for wrong
arguments or a refusal (the pre-send errors are printed, one a line).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from carebridge.billing import close_services
from carebridge.core.dates import parse_month
from carebridge.core.models import Office, User
from carebridge.core.roles import Role

USAGE_EXIT = 2


class Command(BaseCommand):
    help = "国保連へ送る給付管理票のファイルを作成します（export federation --office 事業所番号 --month YYYY-MM --out DIR）。"  # noqa: E501

    def add_arguments(self, parser: Any) -> None:
        sub = parser.add_subparsers(dest="kind", required=True)
        federation = sub.add_parser("federation", help="給付管理票（国保連）")
        federation.add_argument("--office", required=True, help="事業所番号（10桁）")
        federation.add_argument("--month", required=True, help="対象年月 YYYY-MM")
        federation.add_argument("--out", required=True, help="出力先のディレクトリ")
        federation.add_argument("--close", action="store_true", help="先に月締めをする")
        federation.add_argument("--user", default="", help="実行する職員のユーザー名（既定: 事業所の管理者）")
        federation.add_argument("--no-progress", action="store_true", help="進捗バーを出さない")

    def handle(self, *args: Any, **options: Any) -> None:
        office = Office.objects.filter(office_number=options["office"]).first()
        if office is None:
            raise CommandError(
                f"--office: 事業所番号 {options['office']} の事業所がありません。", returncode=USAGE_EXIT
            )
        month = parse_month(options["month"])
        if month is None:
            raise CommandError("--month: 対象年月はYYYY-MMの形式で指定してください。", returncode=USAGE_EXIT)
        out = Path(options["out"])
        if not out.is_dir():
            raise CommandError(f"--out: ディレクトリ {out} がありません。", returncode=USAGE_EXIT)
        users = User.objects.filter(office=office, is_active=True)
        actor = (
            users.filter(username=options["user"]).first()
            if options["user"]
            else users.filter(role=Role.OFFICE_ADMIN).order_by("pk").first()
        )
        if actor is None:
            raise CommandError("--user: この事業所の有効な職員が見つかりません。", returncode=USAGE_EXIT)
        steps = 6 if options["close"] else 3
        with tqdm(total=steps, disable=options["no_progress"], desc="国保連ファイル", unit="段階", leave=False) as bar:

            def progress(step: str, done: int, total: int) -> None:
                bar.set_postfix_str(step)
                if done:
                    bar.update(1)

            try:
                if options["close"]:
                    close_services.month_close(actor=actor, month=month, progress=progress)
                send = close_services.federation_export(actor=actor, month=month, progress=progress)
            except ValidationError as exc:
                raise CommandError("\n".join(exc.messages), returncode=USAGE_EXIT) from exc
        path = out / send.file_name
        path.write_bytes(bytes(send.content))
        self.stdout.write(
            f"{path}: 給付管理票 {send.statement_count}件、利用者 {send.client_count}名、"
            f"{send.size}バイト、SHA-256 {send.sha256}"
        )
