"""The record of every exchange send (ケアプランデータ連携): what was delivered to whom and when,
with the SHA-256 of each file, so an office can prove it at an audit (issue 11 item 5)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse

from carebridge.core.models import OfficeOwned


class SendDirection(models.TextChoices):
    EXPORT = "export", "送信（出力）"
    IMPORT = "import", "受信（取込）"


class SendContent(models.TextChoices):
    PLAN = "plan", "計画書（1表・2表・3表・補足情報）"
    PLAN_WITHDRAWAL = "plan_withdrawal", "計画書の取消（DLT1KYO）"
    MONTH = "month", "利用票（6表・7表・補足情報）"
    MONTH_WITHDRAWAL = "month_withdrawal", "利用票の取消（DLTPLAN）"
    ACTUALS = "actuals", "実績（UPJSK・DLTJSK）"


class ExchangeSend(OfficeOwned):
    """One send unit to (or from) one destination: one zip, one ファイル連番 (stamp)."""

    direction = models.CharField("区分", max_length=8, choices=SendDirection.choices, default=SendDirection.EXPORT)
    content = models.CharField("内容", max_length=20, choices=SendContent.choices)
    provider = models.ForeignKey(
        "directory.Provider",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="相手の事業所",
    )
    counterpart_number = models.CharField("相手の事業所番号", max_length=10)
    counterpart_type = models.CharField("相手のサービス種類", max_length=2)
    counterpart_name = models.CharField("相手の事業所名", max_length=100, blank=True)
    stamp = models.CharField("ファイル連番", max_length=14)
    sent_at = models.DateTimeField("日時")
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="担当"
    )
    via = models.CharField("経路", max_length=10, default="web")  # web / cli
    archive_name = models.CharField("ZIPファイル名", max_length=120)
    archive_sha256 = models.CharField("ZIPのSHA-256", max_length=64)
    files = models.JSONField("ファイル（名前・SHA-256・バイト数・件数）", default=list)
    months = models.JSONField("対象年月", default=list, blank=True)
    replacements = models.JSONField("置き換えた文字", default=list, blank=True)
    plans = models.ManyToManyField("careplans.CarePlan", related_name="+", blank=True, verbose_name="計画（版）")
    clients = models.ManyToManyField("clients.Client", related_name="+", blank=True, verbose_name="利用者")

    class Meta:
        verbose_name = "連携データの送受信記録"
        verbose_name_plural = "連携データの送受信記録"
        ordering = ["-sent_at", "-id"]
        indexes = [models.Index(fields=["office", "stamp"], name="exchange_send_office_stamp")]

    def __str__(self) -> str:
        return f"{self.get_content_display()} {self.counterpart_name or self.counterpart_number} {self.stamp}"

    def get_absolute_url(self) -> str:
        """The first client's send record (a send always carries at least one client)."""
        client_id = self.clients.values_list("pk", flat=True).first()
        return reverse("interop:client_exchange", args=[client_id]) if client_id is not None else reverse("home")
