"""`carebridge workcare entitlements --input FILE|-`: the entitlement calculator of 育児・介護休業法
(workcare/entitlement_json.py) on a JSON file or standard input; prints the answer as JSON.
Bad input: exit status 2 and a message naming the field on standard error."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from carebridge.workcare import messages
from carebridge.workcare.entitlement_json import EntitlementInputError, evaluate

USAGE_EXIT = 2


class Command(BaseCommand):
    help = "両立支援の計算。entitlements: 介護休業・介護休暇等の残日数と申出の可否をJSONで出力します。"

    def add_arguments(self, parser: Any) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        entitlements = sub.add_parser("entitlements", help="介護休業・介護休暇の残りと申出の可否（入力・出力ともJSON）")
        entitlements.add_argument("--input", required=True, help="入力JSONのファイル（- は標準入力）")

    def handle(self, *args: Any, **options: Any) -> None:
        source = str(options["input"])
        try:
            text = sys.stdin.read() if source == "-" else Path(source).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise CommandError(f"--input: {exc.__class__.__name__}", returncode=USAGE_EXIT) from exc
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            message = messages.ENTITLEMENT_NOT_JSON.format(field="--input", error=f"{exc.lineno}行{exc.colno}列")
            raise CommandError(str(message), returncode=USAGE_EXIT) from exc
        try:
            result = evaluate(data)
        except EntitlementInputError as exc:
            raise CommandError(f"{exc.field}: {exc.message}", returncode=USAGE_EXIT) from exc
        self.stdout.write(json.dumps(result, ensure_ascii=False, indent=2))
