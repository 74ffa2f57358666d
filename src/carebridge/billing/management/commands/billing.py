"""`carebridge billing simulate --input FILE|-`: the benefit simulation (billing/simulate.py) on a
JSON file or standard input; prints the answer as JSON. Bad input: exit status 2 and a Japanese
message naming the field on standard error."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from carebridge.billing import master_messages as msg
from carebridge.billing.simulate import SimulationInputError, simulate

USAGE_EXIT = 2


class Command(BaseCommand):
    help = "給付管理。simulate: 1か月のサービス利用から限度額管理と利用者負担を計算してJSONで出力します。"

    def add_arguments(self, parser: Any) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        simulation = sub.add_parser("simulate", help="区分支給限度管理・利用者負担の試算（入力・出力ともJSON）")
        simulation.add_argument("--input", required=True, help="入力JSONのファイル（- は標準入力）")

    def handle(self, *args: Any, **options: Any) -> None:
        source = str(options["input"])
        try:
            text = sys.stdin.read() if source == "-" else Path(source).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise CommandError(f"--input: 読めません（{exc.__class__.__name__}）。", returncode=USAGE_EXIT) from exc
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            message = msg.SIM_NOT_JSON.format(field="--input", error=f"{exc.lineno}行{exc.colno}列")
            raise CommandError(str(message), returncode=USAGE_EXIT) from exc
        try:
            result = simulate(data)
        except SimulationInputError as exc:
            raise CommandError(str(exc.message), returncode=USAGE_EXIT) from exc
        self.stdout.write(json.dumps(result, ensure_ascii=False, indent=2))
