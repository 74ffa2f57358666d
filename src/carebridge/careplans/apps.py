from django.apps import AppConfig


class CareplansConfig(AppConfig):
    name = "carebridge.careplans"
    label = "careplans"
    verbose_name = "居宅サービス計画"

    def ready(self) -> None:
        from carebridge.core.audit_labels import register

        register(
            actions={
                "careplan.presented": "居宅サービス計画: 担当者会議で提示",
                "careplan.consented": "居宅サービス計画: 同意",
                "careplan.delivered": "居宅サービス計画: 交付",
                "careplan.activated": "居宅サービス計画: 実施開始",
                "careplan.superseded": "居宅サービス計画: 変更により終了",
                "careplan.revised": "居宅サービス計画: 変更（新しい版）",
                "need.moved": "課題（ニーズ）: 並べ替え",
                "goal.moved": "目標: 並べ替え",
                "plannedservice.moved": "援助内容: 並べ替え",
                "conferenceinquiry.answered": "照会: 回答の記録",
            },
            keys={"with": "あわせて削除した内容"},
            # What str() and get_absolute_url() of these rows read.
            related={
                "careplans.goal": ["need"],
                "careplans.plannedservice": ["goal__need"],
                "careplans.plandelivery": ["provider"],
                "careplans.conferenceattendee": ["conference"],
                "careplans.conferenceinquiry": ["conference"],
            },
        )
        # 介護予防サービス・支援計画書 (careplans/prevention_services.py)
        register(
            actions={
                "preventionplan.consented": "介護予防サービス・支援計画: 同意",
                "preventionplan.delivered": "介護予防サービス・支援計画: 交付・開始",
                "preventionplan.superseded": "介護予防サービス・支援計画: 変更により終了",
                "preventionplan.revised": "介護予防サービス・支援計画: 変更（新しい版）",
            },
            related={"careplans.preventionsupportrow": ["plan"]},
        )
