"""`carebridge import careplan-exchange FILE... [--dry-run] [--office N] [--user U] [--accept-unmatched]`
(cli.py routes the two words here): the providers' actuals (UPJSK, DLTJSK; *.CSV files or the
members of *.zip) into the 第6表 actuals. Prints the errors (exit 1, nothing applied) or the preview
of the changes; applies them unless --dry-run (exit 0). Unmatched clients, slips or records block
the import (exit 1) unless --accept-unmatched: then the rest is applied and they are listed."""

from __future__ import annotations

import sys
import zipfile
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from carebridge.core.models import Office, User
from carebridge.core.roles import Role
from carebridge.interop.exchange_import_preview import ImportPreview, preview_import
from carebridge.interop.exchange_import_services import exchange_actuals_import

USAGE_EXIT = 2


def read_files(paths: list[Path], *, progress: bool) -> list[tuple[str, bytes]]:
    """(name, bytes) of every file; a zip gives its members (directories skipped)."""
    out: list[tuple[str, bytes]] = []
    for path in tqdm(paths, desc="読込", unit="ファイル", file=sys.stderr, disable=not progress or len(paths) < 2):
        if path.suffix.lower() == ".zip":
            try:
                with zipfile.ZipFile(path) as archive:
                    out += [
                        (m.rsplit("/", 1)[-1], archive.read(m))
                        for m in sorted(archive.namelist())
                        if not m.endswith("/")
                    ]
            except zipfile.BadZipFile:
                raise CommandError(f"{path.name}: ZIPファイルとして読めません", returncode=1) from None
        else:
            out.append((path.name, path.read_bytes()))
    return out


def render_preview(preview: ImportPreview) -> list[str]:
    lines: list[str] = []
    for row in preview.rows:
        what = "削除（DLTJSK）" if row.clears else "実績（UPJSK）"
        lines.append(
            f"{row.client.name} {row.month:%Y-%m} 事業所 {row.group.provider_number} {row.provider_name} "
            f"種類 {row.group.service_type} {what}"
        )
        for change in row.plan.changes:
            mark = "変更" if change.changed else "同じ"
            before = "未入力" if change.before_count is None else f"{change.before_count}回"
            after = "未入力" if change.after_count is None else f"{change.after_count}回"
            lines.append(f"  {change.service_code} {change.service_name}: {before} → {after}（{mark}）")
        if row.plan.needs_revision:
            lines.append("  締め済みの月のため、利用票の修正版を作って実績を入れます")
    for item in preview.unmatched:
        lines.append(f"取り込めません: {item}")
    lines.append(f"変更する行: {preview.changed_lines}行、取り込めない実績: {len(preview.unmatched)}件")
    return lines


class Command(BaseCommand):
    help = (
        "事業所から届いた実績（UPJSK）・実績の削除（DLTJSK）を第6表の実績に取り込みます。"
        "誤りがあれば一覧を表示して何も取り込みません（終了コード1）。--dry-run は確認だけ。"
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("files", nargs="+", help="UPJSK・DLTJSK のCSVファイル、またはそれを含むZIP")
        parser.add_argument("--office", default=None, help="取り込む事業所の事業所番号（10桁; 事業所が1つなら省略可）")
        parser.add_argument("--dry-run", action="store_true", help="取り込まずに変更内容だけ表示する")
        parser.add_argument("--accept-unmatched", action="store_true", help="照合できない実績を除いて取り込む")
        parser.add_argument(
            "--user", default=None, help="取り込んだ人として記録するユーザー名（省略時は事業所の管理者）"
        )
        parser.add_argument("--no-progress", action="store_true", help="進捗バーを出さない")

    def handle(self, *args: Any, **options: Any) -> None:
        office = self._office(options["office"])
        paths = [Path(p) for p in options["files"]]
        missing = [str(p) for p in paths if not p.is_file()]
        if missing:
            raise CommandError(f"見つかりません: {', '.join(missing)}", returncode=USAGE_EXIT)
        files = read_files(paths, progress=not options["no_progress"])
        preview = preview_import(office=office, files=files)
        if preview.blocked:
            for problem in preview.problems:
                self.stdout.write(problem.render())
            self.stdout.write(f"{len(preview.problems)}件の誤りがあるため、何も取り込んでいません")
            sys.exit(1)
        for line in render_preview(preview):
            self.stdout.write(line)
        if options["dry_run"]:
            self.stdout.write("確認のみ（--dry-run）: 何も取り込んでいません")
            return
        if preview.unmatched and not options["accept_unmatched"]:
            self.stdout.write(
                "取り込めない実績があるため、何も取り込んでいません（除いて取り込むには --accept-unmatched）"
            )
            sys.exit(1)
        actor = self._actor(office, options["user"])
        try:
            result = exchange_actuals_import(
                actor=actor,
                office=office,
                files=files,
                accept_unmatched=options["accept_unmatched"],
                expected_fingerprint=preview.fingerprint,
                via="cli",
            )
        except ValidationError as exc:
            for message in exc.messages:
                self.stdout.write(message)
            sys.exit(1)
        self.stdout.write(f"取り込みました: {result.changed_lines}行を変更、受信記録 {len(result.sends)}件")

    def _office(self, number: object) -> Office:
        if number:
            office = Office.objects.filter(office_number=str(number)).first()
            if office is None:
                raise CommandError(f"--office: 事業所番号「{number}」の事業所がありません", returncode=USAGE_EXIT)
            return office
        offices = list(Office.objects.order_by("pk")[:2])
        if len(offices) != 1:
            raise CommandError("--office: 事業所番号を指定してください", returncode=USAGE_EXIT)
        return offices[0]

    def _actor(self, office: Office, username: object) -> User:
        users = User.objects.filter(office=office, is_active=True)
        actor = (
            users.filter(username=str(username)).first()
            if username
            else users.filter(role=Role.OFFICE_ADMIN).order_by("pk").first()
        )
        if actor is None:
            raise CommandError("--user: この事業所の有効な職員が見つかりません", returncode=USAGE_EXIT)
        return actor
