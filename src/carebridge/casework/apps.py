from django.apps import AppConfig


class CaseworkConfig(AppConfig):
    name = "carebridge.casework"
    label = "casework"
    verbose_name = "支援経過・モニタリング"
