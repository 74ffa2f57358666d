from typing import Any

from django.core.management.base import BaseCommand, CommandError

from carebridge.core.models import User
from carebridge.core.services import api_token_create


class Command(BaseCommand):
    help = "USERNAME の API トークンを発行して表示します（表示は一度だけです）。"

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("username")

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(username=options["username"], is_active=True).first()
        if user is None:
            raise CommandError(f"ユーザー「{options['username']}」が見つかりません。")
        self.stdout.write(api_token_create(actor=None, user=user))
