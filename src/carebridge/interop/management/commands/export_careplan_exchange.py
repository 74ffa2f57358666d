"""`carebridge export careplan-exchange --office OFFICE_NUMBER --month YYYY-MM [--client ID] --out DIR`
(cli.py routes the two words here); with `--withdraw-plan PLAN_ID` instead of --month: the DLT1KYO
withdrawal of that plan version, one zip per destination."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError

from carebridge.careplans.models import CarePlan
from carebridge.core.models import Office, User
from carebridge.interop import exchange_plan
from carebridge.interop.exchange_services import ExportResult, exchange_plan_export, exchange_plan_withdraw

USAGE_EXIT = 2


class Command(BaseCommand):
    help = (
        "ケアプランデータ連携（標準仕様 v4.1）の出力。いまは計画書の送信単位（UPHOSOKU・UP1KYO・UP2KYO・UP3KYO）"
        "だけを、その月に有効な計画（各利用者の最新の版）から、送信先の事業所・サービス種類ごとに1つのZIPで"
        "出力します（利用票 UPPLAN・UPSIKYU は給付管理の完成後に追加）。送信記録が残ります。"
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--office", required=True, help="事業所番号（10桁）")
        parser.add_argument("--month", default=None, help="対象月 YYYY-MM（その月に有効な計画を出力）")
        parser.add_argument(
            "--withdraw-plan", type=int, default=None, help="取消（DLT1KYO）を出力する計画のID（--month の代わりに）"
        )
        parser.add_argument("--client", type=int, default=None, help="利用者ID（省略時は事業所の全利用者）")
        parser.add_argument("--out", required=True, help="ZIPを書き出すディレクトリ")
        parser.add_argument("--user", default=None, help="送信者として記録するユーザー名（省略時はコマンド実行）")

    def handle(self, *args: Any, **options: Any) -> None:
        office = Office.objects.filter(office_number=str(options["office"])).first()
        if office is None:
            raise CommandError(
                f"--office: 事業所番号「{options['office']}」の事業所がありません", returncode=USAGE_EXIT
            )
        out = Path(str(options["out"]))
        actor = self._actor(options["user"])
        if options["withdraw_plan"] is not None:
            self._withdraw(office, int(options["withdraw_plan"]), actor, out)
            return
        if not options["month"]:
            raise CommandError("--month: 対象月（YYYY-MM）を指定してください", returncode=USAGE_EXIT)
        text = str(options["month"])
        if not re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", text):
            raise CommandError("--month: 年月は YYYY-MM で指定してください", returncode=USAGE_EXIT)
        month = dt.date(int(text[:4]), int(text[5:7]), 1)
        out.mkdir(parents=True, exist_ok=True)
        client_ids = [int(options["client"])] if options["client"] is not None else None
        plans = exchange_plan.plans_in_effect(office, month, client_ids=client_ids)
        if client_ids is not None and not plans:
            raise CommandError(
                f"--client: 利用者ID {client_ids[0]} に {month:%Y-%m} に有効な計画がありません", returncode=USAGE_EXIT
            )
        try:
            result = exchange_plan_export(actor=actor, office=office, plans=plans, via="cli")
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages), returncode=USAGE_EXIT) from exc
        except PermissionDenied as exc:
            raise CommandError(f"--user: {exc}", returncode=USAGE_EXIT) from exc
        self._write(result, out)
        self.stdout.write(f"{len(plans)}件の計画、{len(result.archives)}件の送信先に出力しました（{out}）")

    def _actor(self, username: object) -> User | None:
        if not username:
            return None
        actor = User.objects.filter(username=str(username)).first()
        if actor is None:
            raise CommandError(f"--user: ユーザー「{username}」がいません", returncode=USAGE_EXIT)
        return actor

    def _withdraw(self, office: Office, plan_id: int, actor: User | None, out: Path) -> None:
        plan = CarePlan.objects.filter(pk=plan_id, office=office).select_related("office", "client").first()
        if plan is None:
            raise CommandError(f"--withdraw-plan: この事業所に計画ID {plan_id} はありません", returncode=USAGE_EXIT)
        try:
            result = exchange_plan_withdraw(actor=actor, plan=plan, via="cli")
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages), returncode=USAGE_EXIT) from exc
        except PermissionDenied as exc:
            raise CommandError(f"--user: {exc}", returncode=USAGE_EXIT) from exc
        out.mkdir(parents=True, exist_ok=True)
        self._write(result, out)
        self.stdout.write(f"計画（第{plan.version}版）の取消を{len(result.archives)}件の送信先に出力しました（{out}）")

    def _write(self, result: ExportResult, out: Path) -> None:
        for archive in result.archives:
            (out / archive.name).write_bytes(archive.data)
            self.stdout.write(f"{archive.name}  {len(archive.files)}ファイル  SHA-256 {archive.sha256}")
            for note in archive.replacements:
                self.stdout.write(f"  置換: {note}")
        for note in result.skipped:
            self.stdout.write(f"送らなかったもの: {note}")
