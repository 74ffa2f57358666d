from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "carebridge.core"
    label = "core"
    verbose_name = "基盤"

    def ready(self) -> None:
        from . import auth_audit
        from .audit_labels import register

        auth_audit.connect()

        register(
            actions={
                "user.password_reset": "利用者アカウント: パスワードの再設定",
                "user.deactivated": "利用者アカウント: 無効化",
                "user.reactivated": "利用者アカウント: 再有効化",
                "apitoken.issued": "APIトークン: 発行",
                "apitoken.revoked": "APIトークン: 失効",
                "auth.totp_enabled": "二段階認証: 有効化",
                **auth_audit.LABELS,
            },
            # django-otp's device model speaks English.
            subjects={"otp_totp.totpdevice": "二段階認証（認証アプリ）"},
            keys={
                # A read of many records (core/audit.py audit_list): ids only, never names.
                "client_ids": "表示した利用者のID",
                "record_ids": "表示した記録のID",
                "search": "検索あり",
                "page": "ページ",
                "otp_totp.totpdevice.confirmed": "確認済み",
                "otp_totp.totpdevice.name": "名前",
            },
        )
