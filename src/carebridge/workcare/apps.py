from django.apps import AppConfig


class WorkcareConfig(AppConfig):
    name = "carebridge.workcare"
    label = "workcare"
    verbose_name = "仕事と介護の両立支援"
