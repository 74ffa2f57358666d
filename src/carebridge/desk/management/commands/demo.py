from typing import Any

from django.core.management.base import BaseCommand

from carebridge.desk.demo import load_demo


class Command(BaseCommand):
    help = "デモ用の事業所・職員・利用者・事業所名簿を登録します（何度実行しても同じ結果です）。"

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--quiet", action="store_true", help="進捗バーを表示しない")

    def handle(self, *args: Any, **options: Any) -> None:
        counts = load_demo(quiet=options["quiet"])
        self.stdout.write(
            self.style.SUCCESS(
                f"デモデータ: 利用者 {counts['clients']}名、事業所 {counts['providers']}件、"
                f"従業員 {counts['employees']}名を新たに登録しました。"
            )
        )
