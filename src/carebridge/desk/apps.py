from django.apps import AppConfig


class DeskConfig(AppConfig):
    name = "carebridge.desk"
    label = "desk"
    verbose_name = "デスク"
