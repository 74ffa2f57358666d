"""The month's 利用票 explained to the client and consented, and the 提供票 delivered to each
provider of the slip (one row per provider and delivery)."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from carebridge.core.models import OfficeOwned

from .slips import UsageSlip


class ConsentMethod(models.TextChoices):
    IN_PERSON = "in_person", "対面で説明"
    VISIT = "visit", "訪問時に説明"
    PHONE = "phone", "電話で説明（書面は後日）"
    ONLINE = "online", "オンラインで説明"


class DeliveryMethod(models.TextChoices):
    HAND = "hand", "手渡し"
    FAX = "fax", "FAX"
    MAIL = "mail", "郵送"
    ELECTRONIC = "electronic", "電子データ"


class SlipConsent(OfficeOwned):
    slip = models.ForeignKey(UsageSlip, on_delete=models.CASCADE, related_name="consents", verbose_name="利用票")
    consented_on = models.DateField("同意日")
    method = models.CharField("説明の方法", max_length=12, choices=ConsentMethod.choices)
    consented_by = models.CharField("同意した人（本人・家族の氏名）", max_length=50)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = "利用票の説明・同意"
        verbose_name_plural = "利用票の説明・同意"
        ordering = ["-consented_on", "-id"]

    def __str__(self) -> str:
        return f"{self.consented_on} {self.consented_by}"


class SlipDelivery(OfficeOwned):
    slip = models.ForeignKey(UsageSlip, on_delete=models.CASCADE, related_name="deliveries", verbose_name="利用票")
    provider = models.ForeignKey(
        "directory.Provider", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="事業所"
    )
    provider_name = models.CharField("事業所名", max_length=100, blank=True)
    delivered_on = models.DateField("交付日")
    method = models.CharField("交付の方法", max_length=12, choices=DeliveryMethod.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = "提供票の交付"
        verbose_name_plural = "提供票の交付"
        ordering = ["delivered_on", "id"]

    def __str__(self) -> str:
        return f"{self.delivered_on} {self.provider_name}"
