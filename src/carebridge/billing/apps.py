from django.apps import AppConfig


class BillingConfig(AppConfig):
    name = "carebridge.billing"
    label = "billing"
    verbose_name = "給付管理"

    def ready(self) -> None:
        # The 利用票's findings in the 運営基準 report and on 今日 (compliance/finding_sources.py, ADR 0008).
        from carebridge.compliance.finding_sources import register

        from .slip_findings import SOURCE, billing_findings

        register(SOURCE, billing_findings)
