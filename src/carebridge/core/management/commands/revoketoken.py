from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from carebridge.core.models import ApiToken, User
from carebridge.core.services import api_token_revoke, api_tokens_revoke_all


class Command(BaseCommand):
    help = "API トークンを失効させます: 先頭8文字（PREFIX）で1つ、または --user USERNAME の全トークン。"

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("prefix", nargs="?", help="トークンの先頭8文字（事業所の管理画面に表示されます）")
        parser.add_argument("--user", help="このユーザーの有効なトークンをすべて失効させる")

    @transaction.atomic
    def handle(self, *args: Any, **options: Any) -> None:
        prefix: str | None = options["prefix"]
        username: str | None = options["user"]
        if bool(prefix) == bool(username):
            raise CommandError("PREFIX か --user USERNAME のどちらか一方を指定してください。")
        if username:
            user = User.objects.filter(username=username).first()
            if user is None:
                raise CommandError(f"ユーザー「{username}」が見つかりません。")
            count = api_tokens_revoke_all(actor=None, user=user)
            self.stdout.write(f"{count} 件のトークンを失効させました。")
            return
        tokens = list(ApiToken.objects.filter(prefix=prefix, revoked_at__isnull=True).select_related("user"))
        if not tokens:
            raise CommandError(f"先頭が「{prefix}」の有効なトークンはありません。")
        if len(tokens) > 1:  # 8 random characters: a clash is all but impossible, never guess
            raise CommandError(f"先頭が「{prefix}」のトークンが複数あります。--user で指定してください。")
        api_token_revoke(actor=None, token=tokens[0])
        self.stdout.write(f"トークン {prefix}… を失効させました。")
