"""The office's own fee (居宅介護支援費): its dated settings and the events that earn 加算
(calculation in billing/fee_rules.py)."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from carebridge.core.limits import TEXT_LIMIT
from carebridge.core.models import OfficeOwned


class FeeTier(models.TextChoices):
    I = "1", "居宅介護支援費（Ⅰ）"  # noqa: E741
    II = "2", "居宅介護支援費（Ⅱ）（ケアプランデータ連携システム・事務職員）"


class SpecialClass(models.TextChoices):
    NONE = "", "なし"
    I = "1", "特定事業所加算（Ⅰ）"  # noqa: E741
    II = "2", "特定事業所加算（Ⅱ）"
    III = "3", "特定事業所加算（Ⅲ）"
    A = "A", "特定事業所加算（A）"


class FeeSetting(OfficeOwned):
    """The office's fee setting from a day (the newest one on or before a month's last day holds)."""

    valid_from = models.DateField("適用開始日")
    tier = models.CharField("居宅介護支援費の区分", max_length=1, choices=FeeTier.choices, default=FeeTier.I)
    special = models.CharField("特定事業所加算", max_length=1, choices=SpecialClass.choices, default="", blank=True)
    bcp_missing = models.BooleanField("業務継続計画未策定減算", default=False)
    abuse_prevention_missing = models.BooleanField("高齢者虐待防止措置未実施減算", default=False)
    same_building = models.BooleanField("同一建物減算", default=False)

    class Meta:
        verbose_name = "居宅介護支援費の設定"
        verbose_name_plural = "居宅介護支援費の設定"
        constraints = [models.UniqueConstraint(fields=["office", "valid_from"], name="fee_setting_once_per_day")]
        ordering = ["-valid_from"]

    def __str__(self) -> str:
        return f"{self.get_tier_display()} {self.valid_from:%Y-%m-%d}〜"


class FeeEventKind(models.TextChoices):
    INITIAL = "initial", "初回加算"
    ADMISSION = "admission", "入院時情報連携加算"
    DISCHARGE = "discharge", "退院・退所加算"
    OUTPATIENT = "outpatient", "通院時情報連携加算"
    TERMINAL = "terminal", "ターミナルケアマネジメント加算"
    EMERGENCY_CONFERENCE = "emergency_conference", "緊急時等居宅カンファレンス加算"


class FeeEvent(OfficeOwned):
    """A dated event of a client that earns a 加算 when its conditions hold."""

    client = models.ForeignKey("clients.Client", on_delete=models.PROTECT, related_name="+", verbose_name="利用者")
    care_manager = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="介護支援専門員"
    )
    kind = models.CharField("種類", max_length=24, choices=FeeEventKind.choices)
    day = models.DateField("日付（入院日・退院日・受診日・開催日など）")
    info_on = models.DateField("情報提供日（入院時）", null=True, blank=True)
    after_hours = models.BooleanField("営業時間外の入院", default=False)
    contacts = models.PositiveSmallIntegerField("連携の回数（退院・退所）", default=1)
    conference = models.BooleanField("カンファレンスに参加", default=False)
    confirmed = models.BooleanField("算定要件を満たしている", default=True)
    notes = models.TextField("要件・備考", blank=True, max_length=TEXT_LIMIT)

    class Meta:
        verbose_name = "加算の記録"
        verbose_name_plural = "加算の記録"
        ordering = ["-day", "-id"]
        indexes = [models.Index(fields=["office", "day"], name="fee_event_office_day")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.day:%Y-%m-%d}"
