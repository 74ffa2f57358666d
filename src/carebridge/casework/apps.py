from django.apps import AppConfig


class CaseworkConfig(AppConfig):
    name = "carebridge.casework"
    label = "casework"
    verbose_name = "支援経過・モニタリング"

    def ready(self) -> None:
        from carebridge.core.audit_labels import register

        register(
            actions={"intake.contracted": "相談受付: 契約", "task.completed": "タスク: 完了"},
            related={"casework.goalevaluation": ["visit"]},
        )
