"""両立プラン (WorkCarePlan, versioned like care plans), its timeline, the three-party meetings of
the MHLW 面談シート兼介護支援プラン, and the leave ledger."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from carebridge.core.japanese import wareki_short
from carebridge.core.limits import TEXT_LIMIT
from carebridge.core.models import OfficeOwned

from .choices import AttendeeRole, LeaveKind, MeetingKind, PlanItemKind, PlanStatus
from .consultation import Consultation
from .people import CareRecipient, Employee


class WorkCarePlan(OfficeOwned):
    """One version of an employee's 両立プラン. Immutable once agreed; 変更 makes a new version."""

    employee = models.ForeignKey(Employee, on_delete=models.PROTECT, related_name="plans")
    care_recipient = models.ForeignKey(CareRecipient, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    consultation = models.ForeignKey(Consultation, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    version = models.PositiveIntegerField("版")
    previous = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="next_version", verbose_name="前の版"
    )
    status = models.CharField("状態", max_length=20, choices=PlanStatus.choices, default=PlanStatus.DRAFT)
    goals = models.TextField("目標", max_length=TEXT_LIMIT)
    work_wishes = models.TextField("働き方の希望", blank=True, max_length=TEXT_LIMIT)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    agreed_on = models.DateField("本人の同意日", null=True, blank=True)

    class Meta:
        verbose_name = "両立プラン"
        verbose_name_plural = "両立プラン"
        ordering = ["employee", "-version"]
        constraints = [models.UniqueConstraint(fields=["employee", "version"], name="workcareplan_unique_version")]

    def __str__(self) -> str:
        return f"両立プラン 第{self.version}版"

    @property
    def is_locked(self) -> bool:
        return self.status != PlanStatus.DRAFT


class WorkCarePlanItem(OfficeOwned):
    """A step of the plan's timeline: a company measure or a care step."""

    plan = models.ForeignKey(WorkCarePlan, on_delete=models.CASCADE, related_name="items")
    kind = models.CharField("種類", max_length=30, choices=PlanItemKind.choices)
    starts_on = models.DateField("開始日")
    ends_on = models.DateField("終了日", null=True, blank=True)
    hours = models.PositiveSmallIntegerField("時間数", null=True, blank=True)  # 介護休暇 by the hour
    detail = models.CharField("内容", max_length=200, blank=True)
    order = models.PositiveSmallIntegerField("順", default=0)

    class Meta:
        verbose_name = "両立プランの項目"
        verbose_name_plural = "両立プランの項目"
        ordering = ["plan", "starts_on", "order", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")), name="workcareplanitem_order"
            )
        ]

    def __str__(self) -> str:
        return self.get_kind_display()


class ThreePartyMeeting(OfficeOwned):
    """三者面談 (本人・上司・人事, with the workplace care manager): the fields of the MHLW sheet."""

    employee = models.ForeignKey(Employee, on_delete=models.PROTECT, related_name="meetings")
    plan = models.ForeignKey(WorkCarePlan, on_delete=models.PROTECT, null=True, blank=True, related_name="meetings")
    kind = models.CharField("面談の種類", max_length=20, choices=MeetingKind.choices)
    held_on = models.DateField("実施日")
    # 介護の状況
    care_recipient_summary = models.CharField("介護が必要な方", max_length=200, blank=True)
    relation = models.CharField("続柄", max_length=50, blank=True)
    lives_together = models.BooleanField("同居", null=True, blank=True)
    family_help = models.TextField("家族の協力", blank=True, max_length=TEXT_LIMIT)
    # 困りごと・希望
    difficulty_hours = models.TextField("勤務時間についての困りごと・希望", blank=True, max_length=TEXT_LIMIT)
    difficulty_days_off = models.TextField("休みについての困りごと・希望", blank=True, max_length=TEXT_LIMIT)
    difficulty_trips = models.TextField("出張・転勤についての困りごと・希望", blank=True, max_length=TEXT_LIMIT)
    systems_wanted = models.TextField("利用したい制度・働き方", blank=True, max_length=TEXT_LIMIT)
    # 業務の引継ぎ
    handover_to = models.CharField("引継ぎ先", max_length=100, blank=True)
    handover_when = models.CharField("引継ぎの時期", max_length=100, blank=True)
    handover_how = models.TextField("引継ぎの方法", blank=True, max_length=TEXT_LIMIT)
    agreements = models.TextField("合意事項", blank=True, max_length=TEXT_LIMIT)
    next_meeting_on = models.DateField("次回面談予定日", null=True, blank=True)

    class Meta:
        verbose_name = "三者面談"
        verbose_name_plural = "三者面談"
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {wareki_short(self.held_on)}"


class MeetingAttendee(OfficeOwned):
    meeting = models.ForeignKey(ThreePartyMeeting, on_delete=models.CASCADE, related_name="attendees")
    role = models.CharField("立場", max_length=30, choices=AttendeeRole.choices)
    name = models.CharField("氏名", max_length=50)

    class Meta:
        verbose_name = "面談の出席者"
        verbose_name_plural = "面談の出席者"
        ordering = ["meeting", "id"]

    def __str__(self) -> str:
        return f"{self.get_role_display()} {self.name}"


class LeaveRecord(OfficeOwned):
    """The leave ledger: one use of a system (a leave period, hours of 介護休暇, a limit request)."""

    employee = models.ForeignKey(Employee, on_delete=models.PROTECT, related_name="leave_records")
    care_recipient = models.ForeignKey(CareRecipient, on_delete=models.PROTECT, related_name="leave_records")
    kind = models.CharField("制度", max_length=30, choices=LeaveKind.choices)
    starts_on = models.DateField("開始日")
    ends_on = models.DateField("終了日")
    hours = models.PositiveSmallIntegerField("時間数", null=True, blank=True)  # 介護休暇 in hours; null: whole days
    requested_on = models.DateField("申出日", null=True, blank=True)
    note = models.CharField("備考", max_length=200, blank=True)

    class Meta:
        verbose_name = "休業・休暇の記録"
        verbose_name_plural = "休業・休暇の記録"
        ordering = ["employee", "starts_on", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gte=F("starts_on")), name="leaverecord_period_order")
        ]
        indexes = [models.Index(fields=["employee", "kind", "starts_on"], name="leave_employee_kind")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {wareki_short(self.starts_on)}"
