"""介護予防サービス・支援計画書 (PreventionPlan, one row per version) and its 支援計画 rows.

The plan of a 要支援1・2 or 事業対象者 client (careplans/prevention_rules.py): its own form, not
第1〜3表. Like a CarePlan it is drafted, consented to and delivered; once consented it is never
edited, and 変更 makes a new version that points to the one it replaces.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse

from carebridge.core.limits import TEXT_LIMIT
from carebridge.core.models import Office, OfficeOwned


def _office_key() -> models.ForeignKey[Office]:
    return models.ForeignKey(Office, on_delete=models.PROTECT, related_name="+", verbose_name="事業所")


class PreventionStatus(models.TextChoices):
    DRAFT = "draft", "原案"
    CONSENTED = "consented", "同意済"
    DELIVERED = "delivered", "交付済"
    SUPERSEDED = "superseded", "変更により終了"


PREVENTION_LOCKED = frozenset({PreventionStatus.CONSENTED, PreventionStatus.DELIVERED, PreventionStatus.SUPERSEDED})


class PreventionOrigin(models.TextChoices):
    INITIAL = "initial", "初回"
    REFERRAL = "referral", "紹介"
    CONTINUING = "continuing", "継続"


# The four assessment areas of the form: (field prefix, heading).
AREAS: tuple[tuple[str, str], ...] = (
    ("mobility", "運動・移動について"),
    ("daily_life", "日常生活（家庭生活）について"),
    ("social", "社会参加、対人関係・コミュニケーションについて"),
    ("health", "健康管理について"),
)


def _text(label: str) -> models.TextField[str, str]:
    return models.TextField(label, blank=True, max_length=TEXT_LIMIT)


class PreventionPlan(OfficeOwned):
    client = models.ForeignKey(
        "clients.Client", on_delete=models.PROTECT, related_name="prevention_plans", verbose_name="利用者"
    )
    version = models.PositiveIntegerField("版")
    status = models.CharField("状態", max_length=12, choices=PreventionStatus.choices, default=PreventionStatus.DRAFT)
    replaces = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="replaced_by", verbose_name="変更前の版"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name="計画作成者",
    )  # fmt: skip
    certification = models.ForeignKey(
        "clients.Certification", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name="認定",
    )  # fmt: skip
    drafted_on = models.DateField("計画作成（変更）日")
    first_created_on = models.DateField("初回作成日", null=True, blank=True)
    plan_origin = models.CharField(
        "初回・紹介・継続", max_length=12, choices=PreventionOrigin.choices, default=PreventionOrigin.INITIAL
    )
    commissioning_center = models.CharField(
        "委託元の地域包括支援センター",
        max_length=100,
        blank=True,
        help_text="指定介護予防支援事業所でない事業所が委託を受けて作成するときに記入",
    )
    # アセスメント領域と現在の状況 / 本人・家族の意欲・意向 / 領域における課題（背景・原因）
    mobility_status = _text("運動・移動: 現在の状況")
    mobility_intention = _text("運動・移動: 本人・家族の意欲・意向")
    mobility_issue = _text("運動・移動: 領域における課題")
    daily_life_status = _text("日常生活（家庭生活）: 現在の状況")
    daily_life_intention = _text("日常生活（家庭生活）: 本人・家族の意欲・意向")
    daily_life_issue = _text("日常生活（家庭生活）: 領域における課題")
    social_status = _text("社会参加・対人関係・コミュニケーション: 現在の状況")
    social_intention = _text("社会参加・対人関係・コミュニケーション: 本人・家族の意欲・意向")
    social_issue = _text("社会参加・対人関係・コミュニケーション: 領域における課題")
    health_status = _text("健康管理: 現在の状況")
    health_intention = _text("健康管理: 本人・家族の意欲・意向")
    health_issue = _text("健康管理: 領域における課題")
    overall_issues = _text("総合的課題")
    proposal = _text("課題に対する目標と具体策の提案")
    proposal_intention = _text("具体策についての意向（本人・家族）")
    # 目標とする生活
    goal_day = _text("目標とする生活（1日）")
    goal_year = _text("目標とする生活（1年）")
    policy = _text("総合的な方針（生活不活発病の改善・予防のポイント）")
    # 同意・交付・開始 (set by the lifecycle services only)
    consented_on = models.DateField("同意日", null=True, blank=True)
    consent_signer = models.CharField("同意者氏名", max_length=50, blank=True)
    delivered_on = models.DateField("交付日", null=True, blank=True)
    service_start_on = models.DateField("サービス開始日", null=True, blank=True)

    class Meta:
        verbose_name = "介護予防サービス・支援計画"
        verbose_name_plural = "介護予防サービス・支援計画"
        ordering = ["-version"]
        constraints = [
            models.UniqueConstraint(fields=["client", "version"], name="preventionplan_unique_version"),
        ]
        indexes = [models.Index(fields=["office", "client", "status"], name="prevplan_office_client_status")]

    def __str__(self) -> str:
        return f"介護予防サービス・支援計画 第{self.version}版"

    def get_absolute_url(self) -> str:
        return reverse("careplans:prevention_detail", args=[self.pk])

    @property
    def is_locked(self) -> bool:
        return self.status in PREVENTION_LOCKED


class PreventionSupportRow(models.Model):
    """支援計画: one goal with its support (self-care and informal, insured or 地域支援事業)."""

    office = _office_key()
    plan = models.ForeignKey(PreventionPlan, on_delete=models.CASCADE, related_name="support_rows", verbose_name="計画")
    order = models.PositiveSmallIntegerField("順", default=0)
    goal = models.TextField("目標", max_length=TEXT_LIMIT)
    support_point = models.TextField("目標についての支援のポイント", blank=True, max_length=TEXT_LIMIT)
    self_care = models.TextField(
        "本人等のセルフケアや家族の支援、インフォーマルサービス", blank=True, max_length=TEXT_LIMIT
    )
    insured_service = models.TextField("介護保険サービス又は地域支援事業", blank=True, max_length=TEXT_LIMIT)
    service_kind = models.CharField("サービス種別", max_length=50, blank=True)
    provider = models.ForeignKey(
        "directory.Provider", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name="事業所",
    )  # fmt: skip
    provider_name = models.CharField("事業所名（名簿にない場合）", max_length=100, blank=True)
    period_start = models.DateField("期間（開始）")
    period_end = models.DateField("期間（終了）")

    class Meta:
        verbose_name = "支援計画"
        verbose_name_plural = "支援計画"
        ordering = ["order", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(period_end__gte=F("period_start")), name="prevention_row_period"),
        ]

    def __str__(self) -> str:
        return self.goal[:30]

    def get_absolute_url(self) -> str:
        return reverse("careplans:prevention_detail", args=[self.plan_id])

    @property
    def provider_label(self) -> str:
        return self.provider.name if self.provider is not None else self.provider_name
