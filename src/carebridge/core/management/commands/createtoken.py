import datetime as dt
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from carebridge.core.models import User
from carebridge.core.services import api_token_create


class Command(BaseCommand):
    help = "USERNAME の API トークンを発行して表示します（表示は一度だけです）。"

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("username")
        parser.add_argument(
            "--days",
            type=int,
            default=settings.CAREBRIDGE_TOKEN_DAYS,
            help=f"有効日数（1〜3650、既定 {settings.CAREBRIDGE_TOKEN_DAYS} 日）",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        days: int = options["days"]
        if not 1 <= days <= 3650:
            raise CommandError("--days は 1〜3650 の整数で指定してください。")
        user = User.objects.filter(username=options["username"], is_active=True).first()
        if user is None:
            raise CommandError(f"ユーザー「{options['username']}」が見つかりません。")
        expires_at = timezone.now() + dt.timedelta(days=days)
        self.stdout.write(api_token_create(actor=None, user=user, expires_at=expires_at))
