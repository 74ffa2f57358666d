from django.apps import AppConfig


class BillingConfig(AppConfig):
    name = "carebridge.billing"
    label = "billing"
    verbose_name = "給付管理"
