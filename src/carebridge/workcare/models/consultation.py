"""相談 (consultations), the situation assessment against the 判断基準 (reference only), our own
screening, referrals to specialists, and the bridge to the office's care management."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from carebridge.core.japanese import wareki_short
from carebridge.core.limits import TEXT_LIMIT
from carebridge.core.models import OfficeOwned

from .choices import Channel, ConsultationStatus, ReferralStatus, ReferralTarget, Urgency
from .people import CareRecipient, Employee


class Consultation(OfficeOwned):
    employee = models.ForeignKey(Employee, on_delete=models.PROTECT, related_name="consultations")
    care_recipient = models.ForeignKey(
        CareRecipient, on_delete=models.PROTECT, null=True, blank=True, related_name="consultations"
    )
    requested_by_employee = models.BooleanField("本人からの申込み", default=False)
    status = models.CharField(
        "状態", max_length=20, choices=ConsultationStatus.choices, default=ConsultationStatus.REQUESTED
    )
    channel = models.CharField("相談方法", max_length=20, choices=Channel.choices)
    requested_on = models.DateField("申込日")
    held_on = models.DateField("相談日", null=True, blank=True)
    content = models.TextField("相談内容", max_length=TEXT_LIMIT)
    worries = models.TextField("心配ごと", blank=True, max_length=TEXT_LIMIT)
    urgency = models.CharField("緊急度", max_length=10, choices=Urgency.choices, blank=True)
    urgency_factors = models.JSONField("緊急度の要因", default=list, blank=True)
    family_help = models.TextField("家族の協力", blank=True, max_length=TEXT_LIMIT)
    work_constraints = models.TextField("仕事上の制約", blank=True, max_length=TEXT_LIMIT)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="担当"
    )
    closed_on = models.DateField("終了日", null=True, blank=True)

    class Meta:
        verbose_name = "両立支援相談"
        verbose_name_plural = "両立支援相談"
        ordering = ["-requested_on", "-id"]
        indexes = [models.Index(fields=["office", "requested_on"], name="consultation_office_month")]

    def __str__(self) -> str:
        return f"{wareki_short(self.requested_on)} {self.get_channel_display()}"


class SituationAssessment(OfficeOwned):
    """常時介護を必要とする状態に関する判断基準, recorded as a reference (never a refusal)."""

    consultation = models.ForeignKey(Consultation, on_delete=models.PROTECT, related_name="assessments")
    care_recipient = models.ForeignKey(CareRecipient, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    criteria_version = models.DateField("判断基準の版")  # effective date of the criteria text used
    item_levels = models.JSONField("項目①〜⑫の評価", default=dict, blank=True)  # {"1": 1..3, …}; none rated: all 1
    care_level_2_or_above = models.BooleanField("要介護2以上", default=False)
    assessed_on = models.DateField("評価日")
    note = models.TextField("備考", blank=True, max_length=TEXT_LIMIT)

    class Meta:
        verbose_name = "状態の確認（判断基準）"
        verbose_name_plural = "状態の確認（判断基準）"
        ordering = ["-assessed_on", "-id"]

    def __str__(self) -> str:
        return f"判断基準 {wareki_short(self.assessed_on)}"


class Screening(OfficeOwned):
    """Our own screening questions (version named), answered by the employee or with them."""

    consultation = models.ForeignKey(
        Consultation, on_delete=models.PROTECT, null=True, blank=True, related_name="screenings"
    )
    employee = models.ForeignKey(Employee, on_delete=models.PROTECT, related_name="screenings")
    questions_version = models.CharField("質問の版", max_length=20)
    answers = models.JSONField("回答", default=dict)
    urgency = models.CharField("緊急度", max_length=10, choices=Urgency.choices)
    factors = models.JSONField("要因", default=list, blank=True)
    answered_on = models.DateField("回答日")

    class Meta:
        verbose_name = "スクリーニング"
        verbose_name_plural = "スクリーニング"
        ordering = ["-answered_on", "-id"]

    def __str__(self) -> str:
        return f"スクリーニング {wareki_short(self.answered_on)}"


class Referral(OfficeOwned):
    """紹介: to a specialist of the directory, the 地域包括支援センター, or the office's care manager."""

    consultation = models.ForeignKey(Consultation, on_delete=models.PROTECT, related_name="referrals")
    target = models.CharField("紹介先の種別", max_length=20, choices=ReferralTarget.choices)
    specialist = models.ForeignKey(
        "directory.Specialist", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    provider = models.ForeignKey(
        "directory.Provider",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="地域包括支援センター",
    )
    care_manager = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reason = models.TextField("紹介の理由", max_length=TEXT_LIMIT)
    status = models.CharField("状態", max_length=20, choices=ReferralStatus.choices, default=ReferralStatus.PROPOSED)
    referred_on = models.DateField("紹介日", null=True, blank=True)
    outcome = models.TextField("結果", blank=True, max_length=TEXT_LIMIT)

    class Meta:
        verbose_name = "紹介"
        verbose_name_plural = "紹介"
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_target_display()}への紹介"


class CareBridge(OfficeOwned):
    """The bridge: a consented consultation handed to the office's care management as an Intake.

    Both the employee and the care recipient (or their representative) consent; `scope` says
    what the other side may see. Withdrawal ends it at once (`withdrawn_at`)."""

    consultation = models.ForeignKey(Consultation, on_delete=models.PROTECT, related_name="bridges")
    care_recipient = models.ForeignKey(CareRecipient, on_delete=models.PROTECT, related_name="bridges")
    intake = models.OneToOneField(
        "casework.Intake", on_delete=models.PROTECT, null=True, blank=True, related_name="care_bridge"
    )
    employee_consented_on = models.DateField("従業員の同意日")
    recipient_consent_by = models.CharField("対象家族側の同意者", max_length=50)  # the person, or 代理人 and name
    recipient_consented_on = models.DateField("対象家族側の同意日")
    scope = models.TextField("共有に同意した内容", max_length=TEXT_LIMIT)
    withdrawn_at = models.DateTimeField("撤回日時", null=True, blank=True)

    class Meta:
        verbose_name = "ケアマネジメントへの引継ぎ"
        verbose_name_plural = "ケアマネジメントへの引継ぎ"
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"引継ぎ {wareki_short(self.employee_consented_on)}"
