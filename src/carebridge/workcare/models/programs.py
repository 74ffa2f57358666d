"""Seminars and surveys the office runs for a company (survey answers are anonymous)."""

from __future__ import annotations

from django.db import models

from carebridge.core.limits import TEXT_LIMIT
from carebridge.core.models import Company, OfficeOwned

from .people import Employee


class Seminar(OfficeOwned):
    company = models.ForeignKey(Company, on_delete=models.PROTECT, related_name="seminars")
    topic = models.CharField("テーマ", max_length=200)
    held_on = models.DateField("開催日")
    audience = models.CharField("対象", max_length=100, blank=True)
    attendance = models.PositiveIntegerField("参加者数", default=0)
    materials = models.TextField("資料", blank=True, max_length=TEXT_LIMIT)

    class Meta:
        verbose_name = "セミナー"
        verbose_name_plural = "セミナー"
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return self.topic


class Survey(OfficeOwned):
    """An employee survey with our own questions (a list of {id, text, choices})."""

    company = models.ForeignKey(Company, on_delete=models.PROTECT, related_name="surveys")
    title = models.CharField("調査名", max_length=200)
    questions = models.JSONField("質問", default=list)
    opens_on = models.DateField("開始日")
    closes_on = models.DateField("締切日")

    class Meta:
        verbose_name = "従業員調査"
        verbose_name_plural = "従業員調査"
        ordering = ["-opens_on", "-id"]

    def __str__(self) -> str:
        return self.title


class SurveyResponse(OfficeOwned):
    """One anonymous answer sheet: it names no employee (the receipt below does, without answers)."""

    survey = models.ForeignKey(Survey, on_delete=models.PROTECT, related_name="responses")
    answers = models.JSONField("回答", default=dict)

    class Meta:
        verbose_name = "調査の回答"
        verbose_name_plural = "調査の回答"
        ordering = ["id"]

    def __str__(self) -> str:
        return f"回答 {self.pk}"


class SurveyReceipt(OfficeOwned):
    """That an employee answered (once), kept apart from what they answered."""

    survey = models.ForeignKey(Survey, on_delete=models.PROTECT, related_name="receipts")
    employee = models.ForeignKey(Employee, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = "調査の回答済み記録"
        verbose_name_plural = "調査の回答済み記録"
        constraints = [models.UniqueConstraint(fields=["survey", "employee"], name="survey_answered_once")]

    def __str__(self) -> str:
        return f"回答済み {self.employee_id}"
