from django.apps import AppConfig


class CaseworkConfig(AppConfig):
    name = "carebridge.casework"
    label = "casework"
    verbose_name = "支援経過・モニタリング"

    def ready(self) -> None:
        from carebridge.careplans import hooks as careplan_hooks
        from carebridge.clients import hooks as client_hooks
        from carebridge.core.audit_labels import register
        from carebridge.core.record_hooks import subscribe

        from .services import progress_note_from_event

        register(
            actions={
                "intake.contracted": "相談受付: 契約",
                "task.completed": "タスク: 完了",
                "progressnote.auto": "支援経過: 自動記録",
                "monitoring.corrected": "モニタリング: 訂正",
            },
            keys={"reason": "訂正の理由"},
            related={"casework.goalevaluation": ["visit"]},
        )
        # 支援経過 writes itself (ADR 0006): every fact the lower apps publish gets its 第5表 entry,
        # written by casework in the publishing service's transaction.
        for kind in (*careplan_hooks.KINDS, *client_hooks.KINDS):
            subscribe(kind, progress_note_from_event)
