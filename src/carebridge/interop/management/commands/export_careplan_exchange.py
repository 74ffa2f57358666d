"""`carebridge export careplan-exchange --office OFFICE_NUMBER --month YYYY-MM [--client ID] --out DIR`
(cli.py routes the two words here): the plan set of the plans in effect in the month and the month
set of the month's 利用票, two send units, one zip per destination each. With `--withdraw-plan
PLAN_ID` instead of --month: the DLT1KYO withdrawal of that plan version; with `--withdraw-month
CLIENT_ID` and --month: the DLTPLAN withdrawal of that client's month."""

from __future__ import annotations

import datetime as dt
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from carebridge.careplans.models import CarePlan
from carebridge.clients.models import Client
from carebridge.core.models import Office, User
from carebridge.interop import exchange_plan
from carebridge.interop.exchange_month_services import exchange_month_export, exchange_month_withdraw
from carebridge.interop.exchange_services import ExportResult, exchange_plan_export, exchange_plan_withdraw

USAGE_EXIT = 2


class Command(BaseCommand):
    help = (
        "ケアプランデータ連携（標準仕様 v4.1）の出力。計画書の送信単位（UPHOSOKU・UP1KYO・UP2KYO・UP3KYO）を"
        "その月に有効な計画から、利用票の送信単位（UPHOSOKU・UPPLAN・UPSIKYU）をその月の利用票から、"
        "送信先の事業所・サービス種類ごとに1つのZIPで出力します。送信記録が残ります。"
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--office", required=True, help="事業所番号（10桁）")
        parser.add_argument("--month", default=None, help="対象月 YYYY-MM（その月に有効な計画を出力）")
        parser.add_argument(
            "--withdraw-plan", type=int, default=None, help="取消（DLT1KYO）を出力する計画のID（--month の代わりに）"
        )
        parser.add_argument(
            "--withdraw-month",
            type=int,
            default=None,
            metavar="CLIENT_ID",
            help="利用票の取消（DLTPLAN）を出力する利用者のID（--month の月）",
        )
        parser.add_argument("--client", type=int, default=None, help="利用者ID（省略時は事業所の全利用者）")
        parser.add_argument("--out", required=True, help="ZIPを書き出すディレクトリ")
        parser.add_argument("--user", default=None, help="送信者として記録するユーザー名（省略時はコマンド実行）")
        parser.add_argument("--no-progress", action="store_true", help="進捗バーを出さない")

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
        if options["withdraw_month"] is not None:
            self._withdraw_month(office, int(options["withdraw_month"]), month, actor, out)
            return
        out.mkdir(parents=True, exist_ok=True)
        client_ids = [int(options["client"])] if options["client"] is not None else None
        with tqdm(total=2, disable=options["no_progress"], desc="連携データ", unit="段階", file=sys.stderr) as bar:
            bar.set_postfix_str("計画書")
            plans = exchange_plan.plans_in_effect(office, month, client_ids=client_ids)
            plan_result = self._run(lambda: exchange_plan_export(actor=actor, office=office, plans=plans, via="cli"))
            bar.update(1)
            bar.set_postfix_str("利用票")
            month_result = self._run(
                lambda: exchange_month_export(actor=actor, office=office, month=month, client_ids=client_ids, via="cli")
            )
            bar.update(1)
        if client_ids is not None and not plans and not month_result.archives:
            raise CommandError(
                f"--client: 利用者ID {client_ids[0]} に {month:%Y-%m} に有効な計画も利用票もありません",
                returncode=USAGE_EXIT,
            )
        self._write(plan_result, out)
        self._write(month_result, out)
        self.stdout.write(
            f"計画書: {len(plans)}件の計画、{len(plan_result.archives)}件の送信先。"
            f"利用票: {len(month_result.archives)}件の送信先に出力しました（{out}）"
        )

    def _run(self, call: Callable[[], ExportResult]) -> ExportResult:
        try:
            return call()
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages), returncode=USAGE_EXIT) from exc
        except PermissionDenied as exc:
            raise CommandError(f"--user: {exc}", returncode=USAGE_EXIT) from exc

    def _withdraw_month(self, office: Office, client_id: int, month: dt.date, actor: User | None, out: Path) -> None:
        client = Client.objects.filter(pk=client_id, office=office).select_related("office").first()
        if client is None:
            raise CommandError(f"--withdraw-month: この事業所に利用者ID {client_id} はいません", returncode=USAGE_EXIT)
        result = self._run(lambda: exchange_month_withdraw(actor=actor, client=client, month=month, via="cli"))
        out.mkdir(parents=True, exist_ok=True)
        self._write(result, out)
        self.stdout.write(f"{month:%Y-%m} の利用票の取消を{len(result.archives)}件の送信先に出力しました（{out}）")

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
