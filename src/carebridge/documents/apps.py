from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "carebridge.documents"
    label = "documents"
    verbose_name = "帳票"
