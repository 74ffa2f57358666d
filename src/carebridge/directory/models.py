"""サービス事業所 (Provider), 社会資源 (Resource) and 専門家 (Specialist) of an office's directory."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.urls import reverse

from carebridge.core.limits import TEXT_LIMIT
from carebridge.core.models import OfficeOwned
from carebridge.core.validators import validate_office_number, validate_phone, validate_postal_code

from . import rules


class ProviderKind(models.TextChoices):
    SERVICE = "service", "介護保険サービス事業所"
    COMMUNITY_CENTER = "community_center", "地域包括支援センター"
    CARE_MANAGEMENT = "care_management", "居宅介護支援事業所"
    HOSPITAL = "hospital", "病院"
    CLINIC = "clinic", "診療所"
    PHARMACY = "pharmacy", "薬局"
    OTHER = "other", "その他"


class LabourClass(models.TextChoices):
    """人件費割合 of a service type: which column of the unit-price table (告示第93号) applies."""

    P70 = "70", "70%"
    P55 = "55", "55%"
    P45 = "45", "45%"
    FLAT = "flat", "10円（地域差なし）"


class ServiceType(models.Model):
    """サービス種類コード (2 characters) on a validity period — the service master's types (ADR 0007).

    Global (not office-owned): billing's master import writes it; the directory's provider screens,
    careplans' short-stay count and billing read it through directory.service_types.
    """

    code = models.CharField("サービス種類コード", max_length=2)
    name = models.CharField("サービス種類", max_length=50)
    labor_ratio_class = models.CharField("人件費割合", max_length=4, choices=LabourClass.choices)
    exchange_scope = models.BooleanField("ケアプランデータ連携の対象", default=True)
    short_stay = models.BooleanField("短期入所", default=False)
    valid_from = models.DateField("適用開始日")
    valid_to = models.DateField("適用終了日", null=True, blank=True)
    source = models.CharField("出典", max_length=200, blank=True)

    class Meta:
        verbose_name = "サービス種類"
        verbose_name_plural = "サービス種類"
        ordering = ["code", "valid_from"]
        constraints = [
            models.UniqueConstraint(fields=["code", "valid_from"], name="servicetype_unique_code_from"),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                name="servicetype_valid_period",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


# Kinds that are designated under the 介護保険法 and so always carry a 事業所番号.
KINDS_WITH_NUMBER = {ProviderKind.SERVICE, ProviderKind.COMMUNITY_CENTER, ProviderKind.CARE_MANAGEMENT}


class Provider(OfficeOwned):
    kind = models.CharField("種別", max_length=20, choices=ProviderKind.choices, default=ProviderKind.SERVICE)
    provider_number = models.CharField("事業所番号", max_length=10, blank=True, validators=[validate_office_number])
    name = models.CharField("事業所名", max_length=100)
    # 法人名: 特定事業所集中減算 counts plans per corporation (billing/concentration_rules.py).
    corporation_name = models.CharField("法人名", max_length=100, blank=True)
    service_type_codes = models.JSONField("サービス種類コード", default=list, blank=True)
    postal_code = models.CharField("郵便番号", max_length=8, blank=True, validators=[validate_postal_code])
    address = models.CharField("所在地", max_length=200, blank=True)
    phone = models.CharField("電話番号", max_length=20, blank=True, validators=[validate_phone])
    fax = models.CharField("FAX番号", max_length=20, blank=True, validators=[validate_phone])
    email = models.EmailField("メール", blank=True)
    contact_person = models.CharField("担当者", max_length=50, blank=True)
    note = models.TextField("備考", blank=True, max_length=TEXT_LIMIT)
    is_active = models.BooleanField("有効", default=True)

    class Meta:
        verbose_name = "サービス事業所"
        verbose_name_plural = "サービス事業所"
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["office", "provider_number"],
                condition=~Q(provider_number=""),
                name="provider_unique_number_per_office",
            )
        ]
        indexes = [models.Index(fields=["office", "name"], name="provider_office_name")]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("directory:edit", args=["providers", self.pk])

    @property
    def service_type_labels(self) -> list[str]:
        from . import service_types  # reads the master table: imported at call time, after the models

        known = service_types.names()
        return [rules.service_type_label(code, known) for code in self.service_type_codes]


class ResourceCategory(models.TextChoices):
    MEAL_DELIVERY = "meal_delivery", "配食"
    SALON = "salon", "サロン・通いの場"
    WATCHING = "watching", "見守り"
    PRIVATE_SERVICE = "private_service", "自費サービス"
    TRANSPORT = "transport", "移送・外出支援"
    HOUSEKEEPING = "housekeeping", "家事支援"
    MASSAGE = "massage", "訪問マッサージ"
    OTHER = "other", "その他"


class Resource(OfficeOwned):
    name = models.CharField("名称", max_length=100)
    category = models.CharField("分類", max_length=20, choices=ResourceCategory.choices)
    description = models.TextField("内容", blank=True, max_length=TEXT_LIMIT)
    area = models.CharField("対象地域", max_length=100, blank=True)
    phone = models.CharField("電話番号", max_length=20, blank=True, validators=[validate_phone])
    cost_note = models.CharField("費用", max_length=100, blank=True)
    is_active = models.BooleanField("有効", default=True)

    class Meta:
        verbose_name = "社会資源"
        verbose_name_plural = "社会資源"
        ordering = ["category", "name", "id"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("directory:edit", args=["resources", self.pk])


class Profession(models.TextChoices):
    SHAROUSHI = "sharoushi", "社会保険労務士"
    LAWYER = "lawyer", "弁護士"
    TAX_ACCOUNTANT = "tax_accountant", "税理士"
    JUDICIAL_SCRIVENER = "judicial_scrivener", "司法書士"
    ADMINISTRATIVE_SCRIVENER = "administrative_scrivener", "行政書士"
    OCCUPATIONAL_PHYSICIAN = "occupational_physician", "産業医"
    FAMILY_DOCTOR = "family_doctor", "かかりつけ医"
    FINANCIAL_PLANNER = "financial_planner", "ファイナンシャルプランナー"
    OTHER = "other", "その他"


class Specialist(OfficeOwned):
    name = models.CharField("氏名", max_length=50)
    profession = models.CharField("専門職", max_length=30, choices=Profession.choices)
    organization = models.CharField("所属", max_length=100, blank=True)
    phone = models.CharField("電話番号", max_length=20, blank=True, validators=[validate_phone])
    email = models.EmailField("メール", blank=True)
    fields_of_expertise = models.CharField("得意分野", max_length=200, blank=True)
    is_active = models.BooleanField("有効", default=True)

    class Meta:
        verbose_name = "専門家"
        verbose_name_plural = "専門家"
        ordering = ["profession", "name", "id"]

    def __str__(self) -> str:
        return f"{self.name}（{self.get_profession_display()}）"

    def get_absolute_url(self) -> str:
        return reverse("directory:edit", args=["specialists", self.pk])
