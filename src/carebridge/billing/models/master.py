"""The service master (サービスコード表 and 単位数単価表) as dated data.

The service types themselves (サービス種類コード, 2 characters) live in directory.ServiceType, the
lowest app that reads them (ADR 0007); this module holds what billing alone needs: the service
codes with their units and the price of a unit per 地域区分 and 人件費割合 class. Every row has
valid_from / valid_to (inclusive; null = open) so a revision is a new row, never an edit of the
figures a closed month was computed with. Global tables: the master is the same for every office.
"""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q

from carebridge.core.models import RegionGrade
from carebridge.directory.models import LabourClass


class UnitBasis(models.TextChoices):
    VISIT = "visit", "1回につき"
    DAY = "day", "1日につき"
    MONTH = "month", "1月につき"


class ServiceCode(models.Model):
    """A サービスコード (6 characters: type 2 + item 4) with its units on a validity period.

    `units` is null when the provider sets them per product (福祉用具貸与: price ÷ 10) or for a
    rate-based addition (`rate_permille`, ‰: 24.5% = 245), computed on the month's units.
    """

    code = models.CharField("サービスコード", max_length=6)
    service_type = models.CharField("サービス種類コード", max_length=2)
    name = models.CharField("サービス名称", max_length=100)
    units = models.PositiveIntegerField("単位数", null=True, blank=True)
    unit_basis = models.CharField("算定単位", max_length=5, choices=UnitBasis.choices, default=UnitBasis.VISIT)
    limit_managed = models.BooleanField("支給限度額管理の対象", default=True)
    rate_permille = models.PositiveIntegerField("加算率（千分率）", null=True, blank=True)
    product_code_required = models.BooleanField("商品コード必須", default=False)
    valid_from = models.DateField("適用開始日")
    valid_to = models.DateField("適用終了日", null=True, blank=True)
    source = models.CharField("出典", max_length=200, blank=True)
    verify = models.BooleanField("要確認", default=False)

    class Meta:
        verbose_name = "サービスコード"
        verbose_name_plural = "サービスコード"
        ordering = ["code", "valid_from"]
        constraints = [
            models.UniqueConstraint(fields=["code", "valid_from"], name="servicecode_unique_code_from"),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=F("valid_from")),
                name="servicecode_valid_period",
            ),
            models.CheckConstraint(
                condition=Q(rate_permille__isnull=True) | Q(units__isnull=True), name="servicecode_units_or_rate"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class UnitPrice(models.Model):
    """1単位の単価 × 100 (yen; 10.42円 = 1042) per 地域区分 and 人件費割合 class (告示第93号)."""

    region_grade = models.CharField("地域区分", max_length=5, choices=RegionGrade.choices)
    labor_ratio_class = models.CharField("人件費割合", max_length=4, choices=LabourClass.choices)
    price_x100 = models.PositiveIntegerField("単価（×100）")
    valid_from = models.DateField("適用開始日")
    valid_to = models.DateField("適用終了日", null=True, blank=True)
    source = models.CharField("出典", max_length=200, blank=True)

    class Meta:
        verbose_name = "単位数単価"
        verbose_name_plural = "単位数単価"
        ordering = ["labor_ratio_class", "region_grade", "valid_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["region_grade", "labor_ratio_class", "valid_from"], name="unitprice_unique_grade_class_from"
            ),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=F("valid_from")),
                name="unitprice_valid_period",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_region_grade_display()} {self.labor_ratio_class}% {self.price_x100 / 100:.2f}"
