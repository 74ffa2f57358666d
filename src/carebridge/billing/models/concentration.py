"""特定事業所集中減算: the 正当な理由 recorded for a flagged period and service group."""

from __future__ import annotations

from django.db import models

from carebridge.core.limits import TEXT_LIMIT
from carebridge.core.models import OfficeOwned


class ServiceGroup(models.TextChoices):
    HOME_HELP = "11", "訪問介護"
    DAY_SERVICE = "15", "通所介護（地域密着型を含む）"
    EQUIPMENT = "17", "福祉用具貸与"


class ConcentrationReason(OfficeOwned):
    period = models.CharField("判定期間", max_length=6)  # "2026H1" / "2026H2"
    service_group = models.CharField("サービス種類", max_length=2, choices=ServiceGroup.choices)
    reason = models.TextField("正当な理由", max_length=TEXT_LIMIT)

    class Meta:
        verbose_name = "特定事業所集中減算の正当な理由"
        verbose_name_plural = "特定事業所集中減算の正当な理由"
        constraints = [
            models.UniqueConstraint(fields=["office", "period", "service_group"], name="concentration_reason_once")
        ]

    def __str__(self) -> str:
        return f"{self.period} {self.get_service_group_display()}"
