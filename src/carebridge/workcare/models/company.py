"""The office's contract with a company, the company's own systems (versioned by effective date),
the texts it approves for its notices, and the workplace care manager's credential."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q

from carebridge.core.japanese import wareki_short
from carebridge.core.limits import TEXT_LIMIT
from carebridge.core.models import Company, OfficeOwned

from .choices import EarlyInfoTiming, FeeUnit, NoticeTextKind


class CompanyContract(OfficeOwned):
    """契約 (事業所と企業): what the office provides to the company, for which period."""

    company = models.ForeignKey(Company, on_delete=models.PROTECT, related_name="contracts", verbose_name="企業")
    menu = models.JSONField("提供メニュー", default=list, blank=True)  # ContractMenu values
    starts_on = models.DateField("契約開始日")
    ends_on = models.DateField("契約終了日", null=True, blank=True)
    workplace_care_manager = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="担当の産業ケアマネ",
    )
    note = models.TextField("備考", blank=True, max_length=TEXT_LIMIT)

    class Meta:
        verbose_name = "企業との契約"
        verbose_name_plural = "企業との契約"
        ordering = ["-starts_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")), name="contract_period_order"
            )
        ]

    def __str__(self) -> str:
        return f"{self.company} {wareki_short(self.starts_on)}〜"


class ContractFeeItem(OfficeOwned):
    """A fee item of a contract (data, not code): a monthly base or a price per activity."""

    contract = models.ForeignKey(CompanyContract, on_delete=models.CASCADE, related_name="fee_items")
    label = models.CharField("項目", max_length=100)
    unit = models.CharField("単位", max_length=20, choices=FeeUnit.choices)
    unit_price = models.PositiveIntegerField("単価（円）")
    included_count = models.PositiveIntegerField("月額に含む件数", default=0)

    class Meta:
        verbose_name = "契約の料金項目"
        verbose_name_plural = "契約の料金項目"
        ordering = ["id"]

    def __str__(self) -> str:
        return self.label


class CompanyPolicy(OfficeOwned):
    """両立支援制度 (会社の規程) in force from `effective_from` until the next version.

    Numbers at the legal minimum by default; a company may give more (more generous wins)."""

    company = models.ForeignKey(Company, on_delete=models.PROTECT, related_name="policies", verbose_name="企業")
    effective_from = models.DateField("適用開始日")
    care_leave_days = models.PositiveSmallIntegerField("介護休業の日数", default=93)
    care_leave_periods = models.PositiveSmallIntegerField("介護休業の分割回数", default=3)
    care_leave_paid = models.BooleanField("介護休業の有給", default=False)
    care_days_off_one = models.PositiveSmallIntegerField("介護休暇の日数（対象家族1人）", default=5)
    care_days_off_two = models.PositiveSmallIntegerField("介護休暇の日数（対象家族2人以上）", default=10)
    care_days_off_hourly = models.BooleanField("介護休暇の時間単位取得", default=True)
    care_days_off_paid = models.BooleanField("介護休暇の有給", default=False)
    reduced_measures = models.JSONField("所定労働時間の短縮等の措置", default=list, blank=True)  # ReducedMeasure
    reduced_measure_uses = models.PositiveSmallIntegerField("短縮等の措置の利用回数", default=2)
    reduced_measure_years = models.PositiveSmallIntegerField("短縮等の措置の利用期間（年）", default=3)
    telework = models.BooleanField("テレワーク", default=False)
    overtime_exemption = models.BooleanField("所定外労働の制限", default=True)
    overtime_limit = models.BooleanField("時間外労働の制限", default=True)
    night_work_limit = models.BooleanField("深夜業の制限", default=True)
    labor_agreement_excludes = models.JSONField("労使協定による除外", default=list, blank=True)  # AgreementExclusion
    consultation_window = models.CharField("相談窓口", max_length=200, blank=True)
    # 個別周知・意向確認 is due 速やかに (第21条第2項): the company's own number of days after the report.
    notice_due_days = models.PositiveSmallIntegerField(
        "個別周知の期限（申出からの日数）", default=14, validators=[MinValueValidator(1), MaxValueValidator(60)]
    )
    early_info_timing = models.CharField(
        "40歳情報提供の時期", max_length=20, choices=EarlyInfoTiming.choices, default=EarlyInfoTiming.FISCAL_YEAR_OF_40
    )
    note = models.TextField("備考", blank=True, max_length=TEXT_LIMIT)

    class Meta:
        verbose_name = "両立支援制度"
        verbose_name_plural = "両立支援制度"
        ordering = ["-effective_from", "-id"]
        constraints = [models.UniqueConstraint(fields=["company", "effective_from"], name="policy_one_version_per_day")]

    def __str__(self) -> str:
        return f"{self.company} {wareki_short(self.effective_from)}〜"


class NoticeText(OfficeOwned):
    """The text an employee is shown for 個別周知 or 40歳情報提供, as the company approved it
    (versioned: a register names the version each employee received)."""

    company = models.ForeignKey(Company, on_delete=models.PROTECT, related_name="notice_texts", verbose_name="企業")
    kind = models.CharField("種類", max_length=20, choices=NoticeTextKind.choices)
    version = models.PositiveIntegerField("版")
    body = models.TextField("本文", max_length=TEXT_LIMIT)
    includes_ltc_insurance = models.BooleanField("介護保険制度の説明を含む", default=False)
    approved_on = models.DateField("承認日", null=True, blank=True)
    approved_by = models.CharField("承認者", max_length=50, blank=True)

    class Meta:
        verbose_name = "周知文"
        verbose_name_plural = "周知文"
        ordering = ["company", "kind", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["company", "kind", "version"], name="notice_text_unique_version")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} 第{self.version}版"


class WorkplaceCredential(OfficeOwned):
    """A workplace care manager's credential, as data (the names and levels vary by issuer)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    credential_name = models.CharField("資格名", max_length=100)
    issuer = models.CharField("認定団体", max_length=100)
    level = models.CharField("級・段階", max_length=30, blank=True)
    certified_on = models.DateField("取得日", null=True, blank=True)

    class Meta:
        verbose_name = "産業ケアマネの資格"
        verbose_name_plural = "産業ケアマネの資格"
        ordering = ["id"]

    def __str__(self) -> str:
        return self.credential_name


__all__ = [
    "CompanyContract",
    "CompanyPolicy",
    "ContractFeeItem",
    "NoticeText",
    "WorkplaceCredential",
]
