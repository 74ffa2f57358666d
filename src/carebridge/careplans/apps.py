from django.apps import AppConfig


class CareplansConfig(AppConfig):
    name = "carebridge.careplans"
    label = "careplans"
    verbose_name = "居宅サービス計画"
