from django.apps import AppConfig


class InteropConfig(AppConfig):
    name = "carebridge.interop"
    label = "interop"
    verbose_name = "データ連携"
