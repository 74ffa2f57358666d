"""The employer's 2025 duties (育児・介護休業法, in force 2025-04-01): 個別周知・意向確認 (第21条第2項),
早期の情報提供 (第21条第3項), 雇用環境の整備 (第22条第2項)."""

from __future__ import annotations

from django.db import models

from carebridge.core.japanese import wareki_short
from carebridge.core.limits import TEXT_LIMIT
from carebridge.core.models import Company, OfficeOwned

from .choices import EarlyInfoMethod, EnvironmentKind, Intention, NoticeMethod
from .company import NoticeText
from .people import Employee


class IndividualNotice(OfficeOwned):
    """個別周知・意向確認: created when the employee reports facing caregiving."""

    employee = models.ForeignKey(Employee, on_delete=models.PROTECT, related_name="notices")
    reported_on = models.DateField("申出日")
    due_on = models.DateField("実施期限")
    notice_text = models.ForeignKey(NoticeText, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    item_systems = models.BooleanField("介護休業・両立支援制度", default=False)
    item_contact = models.BooleanField("申出先", default=False)
    item_benefit = models.BooleanField("介護休業給付金", default=False)
    method = models.CharField("方法", max_length=20, choices=NoticeMethod.choices, blank=True)
    employee_wished_method = models.BooleanField("本人が希望した方法", default=False)
    given_on = models.DateField("実施日", null=True, blank=True)
    intention = models.CharField("意向", max_length=20, choices=Intention.choices, default=Intention.UNANSWERED)
    note = models.TextField("備考", blank=True, max_length=TEXT_LIMIT)

    class Meta:
        verbose_name = "個別周知・意向確認"
        verbose_name_plural = "個別周知・意向確認"
        ordering = ["-reported_on", "-id"]

    def __str__(self) -> str:
        return f"個別周知 {wareki_short(self.reported_on)}"

    @property
    def is_done(self) -> bool:
        return bool(self.given_on and self.item_systems and self.item_contact and self.item_benefit and self.method)


class EarlyInformation(OfficeOwned):
    """40歳時等の早期の情報提供: one row per employee and fiscal year (the register)."""

    employee = models.ForeignKey(Employee, on_delete=models.PROTECT, related_name="early_information")
    fiscal_year = models.PositiveSmallIntegerField("年度")  # the calendar year the fiscal year starts in
    notice_text = models.ForeignKey(NoticeText, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    method = models.CharField("方法", max_length=20, choices=EarlyInfoMethod.choices)
    provided_on = models.DateField("提供日")
    includes_ltc_insurance = models.BooleanField("介護保険制度の説明", default=True)

    class Meta:
        verbose_name = "40歳情報提供"
        verbose_name_plural = "40歳情報提供"
        ordering = ["-provided_on", "-id"]
        constraints = [models.UniqueConstraint(fields=["employee", "fiscal_year"], name="early_info_once_per_year")]

    def __str__(self) -> str:
        return f"40歳情報提供 {self.fiscal_year}年度"


class EnvironmentMeasure(OfficeOwned):
    """雇用環境の整備: what the company did, with its date and evidence."""

    company = models.ForeignKey(Company, on_delete=models.PROTECT, related_name="environment_measures")
    kind = models.CharField("措置", max_length=20, choices=EnvironmentKind.choices)
    carried_out_on = models.DateField("実施日")
    evidence = models.TextField("内容・根拠資料", blank=True, max_length=TEXT_LIMIT)

    class Meta:
        verbose_name = "雇用環境の整備"
        verbose_name_plural = "雇用環境の整備"
        ordering = ["-carried_out_on", "-id"]

    def __str__(self) -> str:
        return self.get_kind_display()
