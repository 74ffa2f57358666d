from django.apps import AppConfig


class ClientsConfig(AppConfig):
    name = "carebridge.clients"
    label = "clients"
    verbose_name = "利用者"
