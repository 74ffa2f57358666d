"""従業員 (the company's roster), their family members who need care, invitations to log in, and
what each employee lets HR or their manager see (item by item, withdrawable at once)."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from carebridge.core.models import Company, OfficeOwned

from .choices import Relation, ShareAudience, ShareItem


class Employee(OfficeOwned):
    company = models.ForeignKey(Company, on_delete=models.PROTECT, related_name="employees", verbose_name="企業")
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="employee",
        verbose_name="ログイン",
    )
    employee_number = models.CharField("社員番号", max_length=20)
    name = models.CharField("氏名", max_length=50)
    department = models.CharField("所属", max_length=100, blank=True)
    birth_date = models.DateField("生年月日")
    weekly_days = models.PositiveSmallIntegerField(
        "週の所定労働日数", default=5, validators=[MinValueValidator(1), MaxValueValidator(7)]
    )
    daily_hours = models.DecimalField(
        "1日の所定労働時間",
        max_digits=4,
        decimal_places=2,
        default=8,
        validators=[MinValueValidator(1), MaxValueValidator(24)],
    )
    hired_on = models.DateField("入社日")
    fixed_term_end = models.DateField("有期契約の終了日", null=True, blank=True)
    email = models.EmailField("メール", blank=True)
    is_active = models.BooleanField("在籍", default=True)

    class Meta:
        verbose_name = "従業員"
        verbose_name_plural = "従業員"
        ordering = ["company", "employee_number"]
        constraints = [
            models.UniqueConstraint(fields=["company", "employee_number"], name="employee_unique_number_per_company")
        ]
        indexes = [
            models.Index(fields=["company", "birth_date"], name="employee_company_birth"),
            models.Index(fields=["company", "department"], name="employee_company_department"),
        ]

    def __str__(self) -> str:
        return f"{self.employee_number} {self.name}"


class EmployeeInvitation(OfficeOwned):
    """An invitation to log in: only the hash of the link's token is kept."""

    employee = models.ForeignKey(Employee, on_delete=models.CASCADE, related_name="invitations")
    token_hash = models.CharField(max_length=64, unique=True)
    expires_at = models.DateTimeField("有効期限")
    accepted_at = models.DateTimeField("受諾日時", null=True, blank=True)
    # The login the invitation makes: an employee's (False) or a manager's (role company_manager).
    as_manager = models.BooleanField("上司（管理職）として招待", default=False)
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")

    class Meta:
        verbose_name = "招待"
        verbose_name_plural = "招待"
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.employee} への招待"


class CareRecipient(OfficeOwned):
    """対象家族 — a family member the employee cares for (several per employee)."""

    employee = models.ForeignKey(Employee, on_delete=models.PROTECT, related_name="care_recipients")
    label = models.CharField("呼び名", max_length=50, help_text="例: 母、義父")
    relation = models.CharField("続柄", max_length=20, choices=Relation.choices)
    age = models.PositiveSmallIntegerField("年齢", null=True, blank=True, validators=[MaxValueValidator(130)])
    lives_together = models.BooleanField("同居", default=False)
    care_level = models.CharField("要介護度", max_length=20, blank=True)  # clients.CareLevel values, or ""
    prefecture = models.CharField("都道府県", max_length=10, blank=True)
    municipality = models.CharField("市区町村", max_length=50, blank=True)
    # Set when the office also manages this person's care (the bridge, with consent).
    client = models.ForeignKey(
        "clients.Client", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="利用者"
    )
    is_active = models.BooleanField("介護中", default=True)

    class Meta:
        verbose_name = "対象家族"
        verbose_name_plural = "対象家族"
        ordering = ["employee", "id"]

    def __str__(self) -> str:
        return self.label


class SharingConsent(OfficeOwned):
    """One item an employee lets one audience see, from `granted_at` until `withdrawn_at`.

    Withdrawal ends what the audience sees at once; rows are never deleted (the history is the
    evidence of what was shared when)."""

    employee = models.ForeignKey(Employee, on_delete=models.PROTECT, related_name="sharing_consents")
    audience = models.CharField("共有先", max_length=20, choices=ShareAudience.choices)
    item = models.CharField("共有する情報", max_length=30, choices=ShareItem.choices)
    granted_at = models.DateTimeField("同意日時")
    withdrawn_at = models.DateTimeField("撤回日時", null=True, blank=True)

    class Meta:
        verbose_name = "人事・上司への共有の同意"
        verbose_name_plural = "人事・上司への共有の同意"
        ordering = ["-granted_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["employee", "audience", "item"],
                condition=Q(withdrawn_at__isnull=True),
                name="sharing_one_live_grant",
            )
        ]
        indexes = [models.Index(fields=["audience", "item", "withdrawn_at"], name="sharing_audience_item")]

    def __str__(self) -> str:
        return f"{self.get_audience_display()}: {self.get_item_display()}"
