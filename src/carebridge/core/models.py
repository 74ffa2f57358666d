"""Tenancy (Office, Company), people (User), audit trail (AuditEvent) and API tokens."""

from __future__ import annotations

import hashlib
import secrets

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone

from . import japanese, messages
from .roles import COMPANY_ROLES, OFFICE_ROLES, Role
from .validators import validate_office_number, validate_phone, validate_postal_code


class RegionGrade(models.TextChoices):
    """地域区分 (平成27年厚生労働省告示第93号)."""

    GRADE_1 = "1", "1級地"
    GRADE_2 = "2", "2級地"
    GRADE_3 = "3", "3級地"
    GRADE_4 = "4", "4級地"
    GRADE_5 = "5", "5級地"
    GRADE_6 = "6", "6級地"
    GRADE_7 = "7", "7級地"
    OTHER = "other", "その他"


class Office(models.Model):
    """事業所 — the tenant. Every office-owned row carries office_id."""

    office_number = models.CharField("事業所番号", max_length=10, unique=True, validators=[validate_office_number])
    name = models.CharField("事業所名", max_length=100)
    region_grade = models.CharField("地域区分", max_length=5, choices=RegionGrade.choices)
    prefecture = models.CharField("都道府県", max_length=10)
    postal_code = models.CharField("郵便番号", max_length=8, blank=True, validators=[validate_postal_code])
    address = models.CharField("所在地", max_length=200, blank=True)
    phone = models.CharField("電話番号", max_length=20, blank=True, validators=[validate_phone])
    # 介護予防支援: designated as 指定介護予防支援事業所 (possible since 2024-04-01), else it makes
    # 介護予防 plans only on a 地域包括支援センター's commission (named on each plan).
    prevention_designated = models.BooleanField("指定介護予防支援事業所の指定を受けている", default=False)
    prevention_designated_on = models.DateField("介護予防支援の指定年月日", null=True, blank=True)
    is_active = models.BooleanField("有効", default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "事業所"
        verbose_name_plural = "事業所"

    def __str__(self) -> str:
        return self.name


class OfficeOwned(models.Model):
    """Base of every tenant table: the owning office and timestamps."""

    office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="+", verbose_name="事業所")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class Company(models.Model):
    """契約企業 — an employer served by an office under a contract (workcare.CompanyContract)."""

    office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="companies", verbose_name="契約事業所")
    name = models.CharField("企業名", max_length=100)
    industry = models.CharField("業種", max_length=50, blank=True)
    employee_count = models.PositiveIntegerField("従業員数", null=True, blank=True)
    # The fiscal year decides the 介護休暇 year and the 40歳情報提供 window (育児・介護休業法 第16条の5).
    fiscal_year_start_month = models.PositiveSmallIntegerField(
        "年度開始月", default=4, validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    fiscal_year_start_day = models.PositiveSmallIntegerField(
        "年度開始日", default=1, validators=[MinValueValidator(1), MaxValueValidator(28)]
    )
    postal_code = models.CharField("郵便番号", max_length=8, blank=True, validators=[validate_postal_code])
    address = models.CharField("所在地", max_length=200, blank=True)
    is_active = models.BooleanField("有効", default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "企業"
        verbose_name_plural = "企業"
        constraints = [models.UniqueConstraint(fields=["office", "name"], name="company_unique_name_per_office")]

    def __str__(self) -> str:
        return self.name


class User(AbstractUser):
    """A person who logs in. Office staff belong to one office; HR and employees to one company."""

    role = models.CharField("役割", max_length=32, choices=Role.choices)
    office = models.ForeignKey(
        Office, on_delete=models.PROTECT, null=True, blank=True, related_name="users", verbose_name="事業所"
    )
    company = models.ForeignKey(
        Company, on_delete=models.PROTECT, null=True, blank=True, related_name="users", verbose_name="企業"
    )
    display_name = models.CharField("氏名", max_length=50, blank=True)
    care_manager_number = models.CharField("介護支援専門員番号", max_length=8, blank=True)

    class Meta:
        verbose_name = "利用者アカウント"
        verbose_name_plural = "利用者アカウント"
        constraints = [
            models.CheckConstraint(
                name="user_belongs_to_office_or_company_by_role",
                condition=(
                    Q(role__in=sorted(COMPANY_ROLES), office__isnull=True, company__isnull=False)
                    | Q(role__in=sorted(OFFICE_ROLES), company__isnull=True, office__isnull=False)
                    | Q(is_superuser=True, office__isnull=True, company__isnull=True)
                ),
            )
        ]

    def __str__(self) -> str:
        return self.display_name or self.username

    def clean(self) -> None:
        super().clean()
        if self.care_manager_number and (error := japanese.care_manager_number_error(self.care_manager_number)):
            raise ValidationError({"care_manager_number": error})
        if self.role in COMPANY_ROLES and (self.office_id or not self.company_id):
            raise ValidationError({"company": messages.USER_COMPANY_REQUIRED})
        if self.role in OFFICE_ROLES and (self.company_id or not self.office_id):
            raise ValidationError({"office": messages.USER_OFFICE_REQUIRED})

    @property
    def is_office_staff(self) -> bool:
        return self.office_id is not None and self.role in OFFICE_ROLES


class AuditEvent(models.Model):
    """Append-only trail of writes and of views of personal records.

    Rows are only ever inserted (core.audit.audit_record). A database trigger refuses UPDATE and
    DELETE on both PostgreSQL and SQLite (migration 0002), so not even the admin can rewrite it.
    """

    class EventType(models.TextChoices):
        CREATE = "create", "作成"
        UPDATE = "update", "更新"
        DELETE = "delete", "削除"
        VIEW = "view", "閲覧"
        TOKEN = "token", "APIトークン発行"
        AUTH = "auth", "認証"

    # Set by core.audit before the row is hashed (an auto_now_add would be set after).
    created_at = models.DateTimeField("日時", default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="操作者",
    )
    office = models.ForeignKey(Office, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    subject_type = models.CharField("対象種別", max_length=50)
    subject_id = models.CharField("対象ID", max_length=50)
    client_id = models.BigIntegerField("利用者ID", null=True, blank=True, db_index=True)
    event_type = models.CharField("操作", max_length=20, choices=EventType.choices)
    # What happened, as `<entity>.<verb>`: "client.created", "careplan.consented", "auth.totp_enabled".
    action = models.CharField("操作の内容", max_length=60, blank=True, default="")
    changes = models.JSONField("変更内容", default=dict, blank=True)
    # The server's id of the request (core.middleware); the caller's own X-Request-ID, if any, apart.
    request_id = models.CharField("リクエストID", max_length=64, blank=True)
    client_request_id = models.CharField("クライアントのリクエストID", max_length=64, blank=True, default="")
    ip_address = models.GenericIPAddressField("IPアドレス", null=True, blank=True)
    # The hash chain of the office's events (core/audit_chain.py): the previous event's hash and this one's.
    prev_hash = models.CharField("前の記録のハッシュ", max_length=64, blank=True, default="")
    hash = models.CharField("ハッシュ", max_length=64, blank=True, default="")

    class Meta:
        verbose_name = "監査ログ"
        verbose_name_plural = "監査ログ"
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["office", "-created_at"], name="audit_office_time"),
            models.Index(fields=["office", "action"], name="audit_office_action"),
            models.Index(fields=["office", "id"], name="audit_office_chain"),
        ]

    def __str__(self) -> str:
        return f"{self.event_type} {self.subject_type}#{self.subject_id}"

    def save(self, *args: object, **kwargs: object) -> None:
        if self.pk is not None:
            raise ValidationError(messages.AUDIT_APPEND_ONLY)
        super().save(*args, **kwargs)


class ApiToken(models.Model):
    """Bearer token for the API. Only a SHA-256 of the token is stored; it is shown once."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens", verbose_name="利用者"
    )
    prefix = models.CharField("トークンの先頭", max_length=8)
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField("発行日時", auto_now_add=True)
    last_used_at = models.DateTimeField("最終利用日時", null=True, blank=True)
    expires_at = models.DateTimeField("有効期限", null=True, blank=True)
    revoked_at = models.DateTimeField("失効日時", null=True, blank=True)

    class Meta:
        verbose_name = "APIトークン"
        verbose_name_plural = "APIトークン"

    def __str__(self) -> str:
        return f"{self.prefix}…"

    @staticmethod
    def hash_key(raw: str) -> str:
        return hashlib.sha256(raw.encode()).hexdigest()

    @staticmethod
    def generate_key() -> str:
        return "cb_" + secrets.token_urlsafe(32)
