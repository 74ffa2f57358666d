from django.apps import AppConfig


class ComplianceConfig(AppConfig):
    name = "carebridge.compliance"
    label = "compliance"
    verbose_name = "運営基準"
