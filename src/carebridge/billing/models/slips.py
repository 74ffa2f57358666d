"""第6表 サービス利用票（兼居宅サービス計画） per client and month, and its lines.

A slip is a version: once its month is closed it is never edited — a correction makes a new
version that points to the one it replaces (the same rule as the plan's, house rule 4). Day
cells are kept as a 31-character string of digits (the count on each day, "0" for none), the
way the form itself shows them; actuals are blank until entered.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import F, Q

from carebridge.core.models import Office, OfficeOwned

DAYS_PATTERN = r"^[0-9]{31}$"
days_validator = RegexValidator(DAYS_PATTERN, "日ごとの回数は31桁の数字で入力してください。")
NO_DAYS = "0" * 31


class SlipStatus(models.TextChoices):
    DRAFT = "draft", "作成中"
    CONFIRMED = "confirmed", "確定"
    CLOSED = "closed", "締め済み"
    SUPERSEDED = "superseded", "修正済み（旧版）"


class UsageSlip(OfficeOwned):
    client = models.ForeignKey(
        "clients.Client", on_delete=models.PROTECT, related_name="usage_slips", verbose_name="利用者"
    )
    month = models.DateField("対象年月")  # the first day of the month
    version = models.PositiveSmallIntegerField("版", default=1)
    replaces = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="replaced_by", verbose_name="修正元"
    )
    status = models.CharField("状態", max_length=12, choices=SlipStatus.choices, default=SlipStatus.DRAFT)
    plan = models.ForeignKey(
        "careplans.CarePlan",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="作成元の計画",
    )
    care_manager = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="担当ケアマネジャー",
    )
    short_stay_days_before = models.PositiveSmallIntegerField(
        "前月までの短期入所利用日数", default=0, validators=[MaxValueValidator(999)]
    )
    confirmed_at = models.DateTimeField("確定日時", null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    correction_reason = models.CharField("修正理由", max_length=200, blank=True)

    class Meta:
        verbose_name = "サービス利用票"
        verbose_name_plural = "サービス利用票"
        ordering = ["-month", "client_id", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["office", "client", "month", "version"], name="slip_unique_version"),
            models.CheckConstraint(condition=Q(month__day=1), name="slip_month_first_day"),
            models.CheckConstraint(condition=Q(version__gte=1), name="slip_version_positive"),
        ]
        indexes = [models.Index(fields=["office", "month", "status"], name="slip_office_month")]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} 第{self.version}版"


class UsageLine(models.Model):
    """One row of 第6表: a provider's service in a time band, planned and actual counts per day."""

    office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="+", verbose_name="事業所")
    slip = models.ForeignKey(UsageSlip, on_delete=models.CASCADE, related_name="lines", verbose_name="利用票")
    position = models.PositiveSmallIntegerField("順序", default=0)
    provider = models.ForeignKey(
        "directory.Provider", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="事業所"
    )
    provider_name = models.CharField("事業所名", max_length=100, blank=True)
    service_type = models.CharField(
        "サービス種類コード",
        max_length=2,
        blank=True,
        validators=[RegexValidator(r"^[0-9A-Z]{2}$", "2桁のコードです。")],
    )
    service_code = models.CharField(
        "サービスコード", max_length=6, blank=True, validators=[RegexValidator(r"^[0-9A-Z]{6}$", "6桁のコードです。")]
    )
    # service_type / service_code blank=True (b10_slips): a generated line whose schedule entry maps
    # to no planned service, or whose code the master does not give, is kept blank for the care
    # manager to fill; confirming the slip refuses blank lines.
    service_name = models.CharField("サービス内容", max_length=100)
    start_time = models.TimeField("開始", null=True, blank=True)
    end_time = models.TimeField("終了", null=True, blank=True)
    units = models.PositiveIntegerField("単位数", validators=[MaxValueValidator(99999)])
    limit_managed = models.BooleanField("区分支給限度管理の対象", default=True)
    rate_permille = models.PositiveSmallIntegerField(
        "加算率（‰）", null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(1000)]
    )
    over_limit_units = models.PositiveIntegerField(
        "区分支給限度基準を超える単位数（指定）", null=True, blank=True, validators=[MaxValueValidator(9999999)]
    )
    product_code = models.CharField("商品コード（TAIS・届出コード）", max_length=20, blank=True)
    planned_days = models.CharField("予定", max_length=31, default=NO_DAYS, validators=[days_validator])
    actual_days = models.CharField("実績", max_length=31, blank=True, validators=[days_validator])
    updated_at = models.DateTimeField(auto_now=True)  # b10_slips: stale edits of a line are refused

    class Meta:
        verbose_name = "サービス利用票の行"
        verbose_name_plural = "サービス利用票の行"
        ordering = ["position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_time__isnull=True) | Q(start_time__isnull=True) | Q(end_time__gt=F("start_time")),
                name="slip_line_time_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.service_code} {self.service_name}"

    @property
    def planned_count(self) -> int:
        return sum(map(int, self.planned_days))

    @property
    def actual_count(self) -> int | None:
        return sum(map(int, self.actual_days)) if self.actual_days else None
