"""利用者 (Client), 家族・連絡先 (Contact), 要介護認定 (Certification) and its applications, 同意 (Consent).

Tables and invariants only; writes go through services.py.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse

from carebridge.core.japanese import wareki_or_western
from carebridge.core.limits import TEXT_LIMIT
from carebridge.core.models import Company, OfficeOwned
from carebridge.core.validators import (
    validate_insured_number,
    validate_insurer_number,
    validate_kana,
    validate_phone,
    validate_postal_code,
)

from . import rules


class Sex(models.TextChoices):
    MALE = "male", "男"
    FEMALE = "female", "女"


class ClientStatus(models.TextChoices):
    CONSULTING = "consulting", "相談中"
    ACTIVE = "active", "利用中"
    SUSPENDED = "suspended", "中断（入院等）"
    ENDED = "ended", "終了"


class CareLevel(models.TextChoices):
    """要介護状態区分 (values match rules.CareLevel; codes in rules.CARE_LEVEL_CODES)."""

    JIGYO_TAISHO = "jigyo_taisho", "事業対象者"
    SUPPORT_1 = "support_1", "要支援1"
    SUPPORT_2 = "support_2", "要支援2"
    CARE_1 = "care_1", "要介護1"
    CARE_2 = "care_2", "要介護2"
    CARE_3 = "care_3", "要介護3"
    CARE_4 = "care_4", "要介護4"
    CARE_5 = "care_5", "要介護5"


class Client(OfficeOwned):
    name = models.CharField("氏名", max_length=50)
    kana = models.CharField("フリガナ", max_length=80, validators=[validate_kana])
    birth_date = models.DateField("生年月日")
    sex = models.CharField("性別", max_length=6, choices=Sex.choices)
    postal_code = models.CharField("郵便番号", max_length=8, blank=True, validators=[validate_postal_code])
    address = models.CharField("住所", max_length=200, blank=True)
    phone = models.CharField("電話番号", max_length=20, blank=True, validators=[validate_phone])
    insurer_number = models.CharField("保険者番号", max_length=6, validators=[validate_insurer_number])
    insured_number = models.CharField("被保険者番号", max_length=10, validators=[validate_insured_number])
    care_manager = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="assigned_clients",
        verbose_name="担当ケアマネジャー",
    )
    status = models.CharField("状態", max_length=12, choices=ClientStatus.choices, default=ClientStatus.ACTIVE)
    note = models.TextField("備考", blank=True, max_length=TEXT_LIMIT)

    class Meta:
        verbose_name = "利用者"
        verbose_name_plural = "利用者"
        ordering = ["kana", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["office", "insurer_number", "insured_number"], name="client_unique_insured_per_office"
            )
        ]
        indexes = [
            models.Index(fields=["office", "kana"], name="client_office_kana"),
            models.Index(fields=["office", "insured_number"], name="client_office_insured"),
            models.Index(fields=["office", "care_manager"], name="client_office_cm"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("client_page", args=[self.pk])


class Contact(OfficeOwned):
    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="contacts", verbose_name="利用者")
    name = models.CharField("氏名", max_length=50)
    kana = models.CharField("フリガナ", max_length=80, blank=True, validators=[validate_kana])
    relationship = models.CharField("続柄", max_length=30)
    is_key_person = models.BooleanField("キーパーソン", default=False)
    is_emergency_contact = models.BooleanField("緊急連絡先", default=False)
    lives_with_client = models.BooleanField("同居", default=False)
    phone = models.CharField("電話番号", max_length=20, blank=True, validators=[validate_phone])
    address = models.CharField("住所", max_length=200, blank=True)
    note = models.CharField("備考", max_length=200, blank=True)
    is_active = models.BooleanField("有効", default=True)

    class Meta:
        verbose_name = "家族・連絡先"
        verbose_name_plural = "家族・連絡先"
        ordering = ["-is_key_person", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["client"],
                condition=Q(is_key_person=True, is_active=True),
                name="contact_one_key_person",
            )
        ]

    def __str__(self) -> str:
        return f"{self.name}（{self.relationship}）"

    def get_absolute_url(self) -> str:
        return reverse("client_page", args=[self.client_id])


class CertificationStatus(models.TextChoices):
    APPLIED = "applied", "申請中"
    CERTIFIED = "certified", "認定済"


class Certification(OfficeOwned):
    """One line of the 被保険者証's 認定 history."""

    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="certifications", verbose_name="利用者")
    status = models.CharField("認定状況", max_length=10, choices=CertificationStatus.choices)
    care_level = models.CharField("要介護状態区分", max_length=14, choices=CareLevel.choices, blank=True)
    applied_on = models.DateField("申請日", null=True, blank=True)
    certified_on = models.DateField("認定日", null=True, blank=True)
    valid_from = models.DateField("認定有効期間（開始）")
    valid_to = models.DateField("認定有効期間（終了）")
    copay_rate = models.PositiveSmallIntegerField(
        "利用者負担割合", choices=[(10, "1割"), (20, "2割"), (30, "3割")], default=10
    )
    board_opinion = models.TextField("介護認定審査会の意見及びサービスの種類の指定", blank=True, max_length=TEXT_LIMIT)
    # 新規・更新・区分変更: decides the allowed validity (clients/rules.py period_warnings); blank
    # when unknown (then taken from the filed application, or inferred from the history).
    kind = models.CharField(
        "認定の種類", max_length=10, choices=[("new", "新規"), ("renewal", "更新"), ("change", "区分変更")], blank=True
    )

    class Meta:
        verbose_name = "要介護認定"
        verbose_name_plural = "要介護認定"
        ordering = ["-valid_from", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(valid_to__gte=F("valid_from")), name="certification_period_order"),
            models.CheckConstraint(condition=Q(copay_rate__in=[10, 20, 30]), name="certification_copay_rate"),
            models.CheckConstraint(
                condition=Q(status="applied") | (~Q(care_level="") & Q(certified_on__isnull=False)),
                name="certification_certified_has_level_and_date",
            ),
        ]
        indexes = [models.Index(fields=["office", "valid_to"], name="cert_office_valid_to")]

    def __str__(self) -> str:
        period = f"{wareki_or_western(self.valid_from)}〜{wareki_or_western(self.valid_to)}"
        return f"{self.get_care_level_display() or '申請中'} {period}"

    def get_absolute_url(self) -> str:
        return reverse("client_page", args=[self.client_id])

    @property
    def benefit_limit_units(self) -> int | None:
        if not self.care_level:
            return None
        return rules.benefit_limit_units(self.care_level, self.valid_from)

    def renewal_hint(self, today: dt.date) -> rules.RenewalHint:
        return rules.renewal_hint(self.valid_to, today)

    @property
    def is_certified(self) -> bool:
        return self.status == CertificationStatus.CERTIFIED


class ApplicationKind(models.TextChoices):
    NEW = "new", "新規"
    RENEWAL = "renewal", "更新"
    CHANGE = "change", "区分変更"


class ApplicationStatus(models.TextChoices):
    PREPARING = "preparing", "準備中"
    FILED = "filed", "申請済"
    DECIDED = "decided", "認定結果受領"
    WITHDRAWN = "withdrawn", "取下げ"


class CertificationApplication(OfficeOwned):
    """申請代行: new / renewal / level-change applications filed for the client."""

    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="applications", verbose_name="利用者")
    kind = models.CharField("申請区分", max_length=10, choices=ApplicationKind.choices)
    status = models.CharField("状況", max_length=10, choices=ApplicationStatus.choices, default=ApplicationStatus.FILED)
    filed_on = models.DateField("申請日", null=True, blank=True)
    previous_certification = models.ForeignKey(
        Certification,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="前回の認定",
    )
    note = models.CharField("備考", max_length=200, blank=True)
    # The certification decided on this application (set when it is registered: 認定済).
    certification = models.ForeignKey(
        Certification,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="applications",
        verbose_name="認定結果",
    )

    class Meta:
        verbose_name = "認定申請"
        verbose_name_plural = "認定申請"
        ordering = ["-filed_on", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}申請 {wareki_or_western(self.filed_on) if self.filed_on else ''}".strip()

    def get_absolute_url(self) -> str:
        return reverse("client_page", args=[self.client_id])


class ShortStayApproval(OfficeOwned):
    """The insurer's prior approval (理由書を提出し保険者が認めたもの) for short stays beyond half of the
    certification period (運営基準第13条第21号): recorded per client and certification."""

    client = models.ForeignKey(
        Client, on_delete=models.PROTECT, related_name="short_stay_approvals", verbose_name="利用者"
    )
    certification = models.ForeignKey(
        Certification, on_delete=models.PROTECT, related_name="short_stay_approvals", verbose_name="要介護認定"
    )
    approved_on = models.DateField("保険者の承認日")
    note = models.TextField("理由書の要旨・承認の内容", max_length=TEXT_LIMIT)

    class Meta:
        verbose_name = "短期入所の半数超えの承認"
        verbose_name_plural = "短期入所の半数超えの承認"
        ordering = ["-approved_on", "-id"]

    def __str__(self) -> str:
        return f"短期入所の半数超えの承認 {wareki_or_western(self.approved_on)}"

    def get_absolute_url(self) -> str:
        return reverse("client_page", args=[self.client_id])


class ConsentRecipientKind(models.TextChoices):
    PROVIDER = "provider", "サービス事業所"
    MEDICAL = "medical", "医療機関"
    COMMUNITY_CENTER = "community_center", "地域包括支援センター"
    COMPANY = "company", "勤務先企業"
    FAMILY = "family", "家族"
    OTHER = "other", "その他"


class Consent(OfficeOwned):
    """個人情報の利用・提供への同意: what the client agreed to share, with whom, until when."""

    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="consents", verbose_name="利用者")
    scope = models.CharField("共有する情報", max_length=200)
    recipient_kind = models.CharField("提供先の種別", max_length=20, choices=ConsentRecipientKind.choices)
    recipient = models.CharField("提供先", max_length=100)
    company = models.ForeignKey(
        Company, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="企業"
    )
    agreed_on = models.DateField("同意日")
    valid_until = models.DateField("有効期限", null=True, blank=True)
    withdrawn_on = models.DateField("撤回日", null=True, blank=True)
    method = models.CharField("同意の方法", max_length=50, default="書面")

    class Meta:
        verbose_name = "情報共有の同意"
        verbose_name_plural = "情報共有の同意"
        ordering = ["-agreed_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True) | Q(valid_until__gte=F("agreed_on")),
                name="consent_period_order",
            ),
            models.CheckConstraint(
                condition=Q(withdrawn_on__isnull=True) | Q(withdrawn_on__gte=F("agreed_on")),
                name="consent_withdrawn_after_agreed",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.recipient}: {self.scope}"

    def get_absolute_url(self) -> str:
        return reverse("client_page", args=[self.client_id])

    def is_in_force(self, today: dt.date) -> bool:
        return (
            self.agreed_on <= today
            and (self.valid_until is None or today <= self.valid_until)
            and (self.withdrawn_on is None or today < self.withdrawn_on)
        )
