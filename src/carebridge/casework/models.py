"""相談受付 (Intake), 居宅介護支援契約, 第5表 支援経過 (ProgressNote), モニタリング, tasks."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse

from carebridge.core.japanese import wareki_or_western
from carebridge.core.limits import NOTE_LIMIT, TEXT_LIMIT
from carebridge.core.models import OfficeOwned


class IntakeRoute(models.TextChoices):
    PHONE = "phone", "電話"
    VISIT = "visit", "来所"
    HOME_VISIT = "home_visit", "訪問"
    COMMUNITY_CENTER = "community_center", "地域包括支援センターから"
    HOSPITAL = "hospital", "医療機関から"
    COMPANY = "company", "企業相談"
    OTHER = "other", "その他"


class Urgency(models.TextChoices):
    LOW = "low", "低"
    NORMAL = "normal", "通常"
    HIGH = "high", "高（早急な対応が必要）"


class IntakeOutcome(models.TextChoices):
    PENDING = "pending", "検討中"
    CONTRACTED = "contracted", "契約"
    REFERRED = "referred", "他機関へ紹介"
    DECLINED = "declined", "利用に至らず"


class Intake(OfficeOwned):
    received_on = models.DateField("受付日")
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="受付者",
    )
    requester_name = models.CharField("相談者氏名", max_length=50)
    requester_relation = models.CharField("相談者と本人の関係", max_length=30)
    requester_phone = models.CharField("相談者の連絡先", max_length=20, blank=True)
    route = models.CharField("相談経路", max_length=20, choices=IntakeRoute.choices)
    subject_name = models.CharField("本人氏名", max_length=50)
    main_complaint = models.TextField("主訴（相談内容）", max_length=TEXT_LIMIT)
    urgency = models.CharField("緊急度", max_length=8, choices=Urgency.choices, default=Urgency.NORMAL)
    outcome = models.CharField("結果", max_length=12, choices=IntakeOutcome.choices, default=IntakeOutcome.PENDING)
    client = models.ForeignKey(
        "clients.Client",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="intakes",
        verbose_name="利用者",
    )

    class Meta:
        verbose_name = "相談受付"
        verbose_name_plural = "相談受付"
        ordering = ["-received_on", "-id"]

    def __str__(self) -> str:
        return f"{wareki_or_western(self.received_on)} {self.subject_name}"

    def get_absolute_url(self) -> str:
        return reverse("casework:intakes")


class CareManagementContract(OfficeOwned):
    """居宅介護支援契約. The explanation about choosing several providers is an obligation
    (指定居宅介護支援等の事業の人員及び運営に関する基準 第4条第2項)."""

    client = models.ForeignKey(
        "clients.Client", on_delete=models.PROTECT, related_name="contracts", verbose_name="利用者"
    )
    contracted_on = models.DateField("契約日")
    multiple_providers_explained = models.BooleanField("複数事業所の紹介を求められること等を説明した")
    explanation_note = models.TextField("説明の記録", blank=True, max_length=TEXT_LIMIT)
    ended_on = models.DateField("契約終了日", null=True, blank=True)

    class Meta:
        verbose_name = "居宅介護支援契約"
        verbose_name_plural = "居宅介護支援契約"
        ordering = ["-contracted_on", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(multiple_providers_explained=True), name="contract_explained"),
        ]

    def __str__(self) -> str:
        return f"契約 {wareki_or_western(self.contracted_on)}"

    def get_absolute_url(self) -> str:
        return reverse("client_page", args=[self.client_id])


class NoteCategory(models.TextChoices):
    """第5表 項目."""

    PHONE = "phone", "電話"
    VISIT = "visit", "訪問"
    MEETING = "meeting", "会議"
    COORDINATION = "coordination", "連絡調整"
    RECORD = "record", "記録"
    VISITOR = "visitor", "来所"
    DOCUMENT = "document", "書類"
    OTHER = "other", "その他"


class ProgressNote(OfficeOwned):
    client = models.ForeignKey(
        "clients.Client", on_delete=models.PROTECT, related_name="progress_notes", verbose_name="利用者"
    )
    noted_on = models.DateField("年月日")
    category = models.CharField("項目", max_length=14, choices=NoteCategory.choices)
    content = models.TextField("内容", max_length=NOTE_LIMIT)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="記録者",
    )
    # Written by itself from a recorded fact (core.record_hooks, ADR 0006): the fact's row, e.g.
    # "careplans.planconsent:12"; empty for an entry the care manager typed. Editable like any other.
    source = models.CharField("自動記録の元", max_length=60, blank=True, editable=False)

    class Meta:
        verbose_name = "居宅介護支援経過"
        verbose_name_plural = "居宅介護支援経過"
        ordering = ["-noted_on", "-id"]
        indexes = [models.Index(fields=["office", "client", "-noted_on"], name="note_office_client_date")]

    def __str__(self) -> str:
        return f"{wareki_or_western(self.noted_on)} {self.get_category_display()}"

    def get_absolute_url(self) -> str:
        return reverse("client_page", args=[self.client_id])


class VisitMethod(models.TextChoices):
    HOME = "home", "居宅訪問"
    VIDEO = "video", "テレビ電話装置等"


class MonitoringVisit(OfficeOwned):
    """One monitoring record per client and month (基準第13条第14号)."""

    client = models.ForeignKey(
        "clients.Client", on_delete=models.PROTECT, related_name="monitoring_visits", verbose_name="利用者"
    )
    plan = models.ForeignKey(
        "careplans.CarePlan",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="monitoring_visits",
        verbose_name="計画",
    )
    month = models.DateField("対象月")  # always the 1st of the month
    visited_on = models.DateField("実施日")
    method = models.CharField("方法", max_length=6, choices=VisitMethod.choices, default=VisitMethod.HOME)
    video_consent_on = models.DateField("テレビ電話等の文書による同意日", null=True, blank=True)
    team_agreed_on = models.DateField("サービス担当者会議等での合意日", null=True, blank=True)
    service_status = models.TextField("サービスの実施状況", blank=True, max_length=TEXT_LIMIT)
    condition_changes = models.TextField("心身の状況・環境の変化", blank=True, max_length=TEXT_LIMIT)
    client_view = models.TextField("本人の意見", blank=True, max_length=TEXT_LIMIT)
    family_view = models.TextField("家族の意見", blank=True, max_length=TEXT_LIMIT)
    reassessment_needed = models.BooleanField("再アセスメントが必要", default=False)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="記録者",
    )

    class Meta:
        verbose_name = "モニタリング"
        verbose_name_plural = "モニタリング"
        ordering = ["-month"]
        constraints = [
            models.UniqueConstraint(fields=["client", "month"], name="monitoring_once_per_month"),
        ]
        indexes = [models.Index(fields=["office", "month"], name="monitoring_office_month")]

    def __str__(self) -> str:
        return f"モニタリング {wareki_or_western(self.month, month_only=True)}"

    def get_absolute_url(self) -> str:
        return reverse("client_page", args=[self.client_id])


class SpecialCircumstanceReason(models.TextChoices):
    """特段の事情: only the client's own circumstances (老企第22号 第二の3(8)⑭). The care manager's
    circumstances and a failed video connection are not 特段の事情, so they are not offered."""

    HOSPITAL = "hospital", "入院"
    FACILITY = "facility", "入所"
    REFUSAL = "refusal", "本人の拒否"
    OTHER_CLIENT = "other_client", "その他利用者側の事情"


class SpecialCircumstance(OfficeOwned):
    """A month without the monitoring visit because of the client's own circumstances (特段の事情,
    運営基準第13条第14号), with its reason and evidence; the compliance report shows the month as
    「特段の事情あり」 instead of a 減算 risk, and the 第5表 PDF lists it."""

    client = models.ForeignKey(
        "clients.Client", on_delete=models.PROTECT, related_name="special_circumstances", verbose_name="利用者"
    )
    month = models.DateField("対象月")  # always the 1st of the month
    reason = models.CharField("理由", max_length=14, choices=SpecialCircumstanceReason.choices)
    evidence = models.TextField("経緯・根拠（記録）", max_length=TEXT_LIMIT)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="記録者",
    )

    class Meta:
        verbose_name = "特段の事情"
        verbose_name_plural = "特段の事情"
        ordering = ["-month"]
        constraints = [
            models.UniqueConstraint(fields=["client", "month"], name="special_circumstance_once_per_month"),
            models.CheckConstraint(
                condition=Q(reason__in=["hospital", "facility", "refusal", "other_client"]),
                name="special_circumstance_client_side_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"特段の事情 {wareki_or_western(self.month, month_only=True)}（{self.get_reason_display()}）"

    def get_absolute_url(self) -> str:
        return reverse("client_page", args=[self.client_id])


class GoalResult(models.TextChoices):
    ACHIEVED = "achieved", "達成"
    PARTLY = "partly", "一部達成"
    NOT_YET = "not_yet", "未達成"


class GoalEvaluation(models.Model):
    office = models.ForeignKey("core.Office", on_delete=models.PROTECT, related_name="+", verbose_name="事業所")
    visit = models.ForeignKey(
        MonitoringVisit, on_delete=models.CASCADE, related_name="evaluations", verbose_name="モニタリング"
    )
    goal = models.ForeignKey("careplans.Goal", on_delete=models.PROTECT, related_name="+", verbose_name="短期目標")
    result = models.CharField("評価", max_length=10, choices=GoalResult.choices)
    comment = models.TextField("コメント", blank=True, max_length=TEXT_LIMIT)

    class Meta:
        verbose_name = "目標の評価"
        verbose_name_plural = "目標の評価"
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["visit", "goal"], name="evaluation_once_per_goal")]

    def __str__(self) -> str:
        return self.get_result_display()

    def get_absolute_url(self) -> str:
        return reverse("client_page", args=[self.visit.client_id])


class Task(OfficeOwned):
    client = models.ForeignKey(
        "clients.Client", on_delete=models.PROTECT, null=True, blank=True, related_name="tasks", verbose_name="利用者"
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="tasks",
        verbose_name="担当者",
    )
    title = models.CharField("内容", max_length=200)
    due_on = models.DateField("期限", null=True, blank=True)
    done_on = models.DateField("完了日", null=True, blank=True)

    class Meta:
        verbose_name = "タスク"
        verbose_name_plural = "タスク"
        ordering = ["done_on", "due_on", "id"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("client_page", args=[self.client_id]) if self.client_id else reverse("today")
