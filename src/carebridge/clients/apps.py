from django.apps import AppConfig


class ClientsConfig(AppConfig):
    name = "carebridge.clients"
    label = "clients"
    verbose_name = "利用者"

    def ready(self) -> None:
        from carebridge.core.audit_labels import register

        from .models import ApplicationStatus

        register(
            actions={
                "client.status_changed": "利用者: 状態の変更",
                "certification.certified": "要介護認定: 認定結果の記録",
                "consent.withdrawn": "情報共有の同意: 撤回",
                **{
                    f"certificationapplication.{value}": f"認定申請: {label}"
                    for value, label in ApplicationStatus.choices
                },
            },
            client_model="clients.Client",
        )
