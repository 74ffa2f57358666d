"""`carebridge check careplan-exchange DIR...` (cli.py routes the two words here): validates every
exchange file in the directories (*.CSV in any case, and the members of *.zip) against the v4.1
layout; prints the findings per file and line. Exit status 0 when clean, 1 with findings."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from carebridge.interop.exchange_check import check_paths


class Command(BaseCommand):
    help = (
        "ケアプランデータ連携ファイル（自事業所・他社のどちらも）を様式どおりか検査し、"
        "ファイル・行ごとに指摘を表示します。指摘があれば終了コード1。"
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("paths", nargs="+", help="ディレクトリ、CSVファイルまたはZIPファイル")

    def handle(self, *args: Any, **options: Any) -> None:
        paths = [Path(p) for p in options["paths"]]
        missing = [str(p) for p in paths if not p.exists()]
        if missing:
            raise CommandError(f"見つかりません: {', '.join(missing)}", returncode=2)
        results = check_paths(paths)
        total = 0
        for name, findings in results.items():
            if not findings:
                self.stdout.write(f"OK  {name}")
                continue
            for finding in findings:
                self.stdout.write(finding.render())
            total += len(findings)
        self.stdout.write(f"{len(results)}ファイルを検査し、指摘は{total}件です")
        if total:
            sys.exit(1)
