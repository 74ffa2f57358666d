"""The month close, the 給付管理票 (様式第十一) made from the closed slips, and every file sent to
the 国保連.

A statement is a snapshot: the header of the form and its provider lines as they were when the
month was closed, with the slip version they came from. It is never edited once sent; a
correction after a send makes a new statement of 作成区分 2 (修正), a withdrawn client one of
3 (取消). An unsent statement is refreshed in place by the next close.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from carebridge.core.models import OfficeOwned


class StatementKind(models.TextChoices):
    """作成区分 of the statement (給付管理票の作成区分: 1 新規, 2 修正, 3 取消)."""

    NEW = "1", "新規"
    CORRECTION = "2", "修正"
    CANCEL = "3", "取消"


class CreatorKind(models.TextChoices):
    """作成区分 of the form's maker (様式第十一: 居宅介護支援事業所作成・自己作成・介護予防支援事業所作成)."""

    HOME_CARE = "1", "居宅介護支援事業所作成"
    SELF = "2", "自己作成"
    PREVENTION = "3", "介護予防支援事業所作成"


class MonthClose(OfficeOwned):
    """One close run of an office's month (a month may be closed again after corrections)."""

    month = models.DateField("対象年月")
    round = models.PositiveSmallIntegerField("回", default=1)
    closed_at = models.DateTimeField("締め日時")
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="締めた人",
    )
    slips_locked = models.PositiveIntegerField("締めた利用票", default=0)
    drafts_left = models.PositiveIntegerField("作成中の利用票", default=0)

    class Meta:
        verbose_name = "月締め"
        verbose_name_plural = "月締め"
        ordering = ["-month", "-round"]
        constraints = [
            models.UniqueConstraint(fields=["office", "month", "round"], name="month_close_unique_round"),
            models.CheckConstraint(condition=Q(month__day=1), name="month_close_first_day"),
        ]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} 月締め（{self.round}回目）"


class FederationSend(OfficeOwned):
    """A 国保連 file made for sending: kept byte for byte so it can be downloaded again."""

    month = models.DateField("対象年月")
    processing_month = models.DateField("処理年月（審査年月）")
    file_name = models.CharField("ファイル名", max_length=100)
    sha256 = models.CharField("SHA-256", max_length=64)
    content = models.BinaryField("ファイル")
    size = models.PositiveIntegerField("バイト数")
    sent_at = models.DateTimeField("作成日時")
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="作成者",
    )
    statement_count = models.PositiveIntegerField("給付管理票の件数")
    client_count = models.PositiveIntegerField("利用者数")
    record_count = models.PositiveIntegerField("データレコード数")
    client_ids = models.JSONField("利用者", default=list)

    class Meta:
        verbose_name = "国保連への送信"
        verbose_name_plural = "国保連への送信"
        ordering = ["-sent_at", "-id"]
        constraints = [models.CheckConstraint(condition=Q(month__day=1), name="federation_send_first_day")]

    def __str__(self) -> str:
        return self.file_name


class BenefitStatement(OfficeOwned):
    """給付管理票 of one client and month (様式第十一), as closed."""

    client = models.ForeignKey(
        "clients.Client", on_delete=models.PROTECT, related_name="benefit_statements", verbose_name="利用者"
    )
    month = models.DateField("対象年月")
    kind = models.CharField("作成区分", max_length=1, choices=StatementKind.choices, default=StatementKind.NEW)
    creator_kind = models.CharField(
        "作成者の区分", max_length=1, choices=CreatorKind.choices, default=CreatorKind.HOME_CARE
    )
    slip = models.ForeignKey(
        "billing.UsageSlip", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="利用票"
    )
    month_close = models.ForeignKey(
        MonthClose, on_delete=models.PROTECT, null=True, blank=True, related_name="statements", verbose_name="月締め"
    )
    header = models.JSONField("様式の見出し", default=dict)  # 保険者番号, 被保険者番号, 生年月日 …
    lines = models.JSONField("事業所・サービス種類ごとの行", default=list)
    limit_units = models.PositiveIntegerField("支給限度基準額（単位）", null=True, blank=True)
    total_units = models.PositiveIntegerField("給付計画単位数の合計", default=0)
    send = models.ForeignKey(
        FederationSend,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="statements",
        verbose_name="送信",
    )

    class Meta:
        verbose_name = "給付管理票"
        verbose_name_plural = "給付管理票"
        ordering = ["month", "client_id", "id"]
        constraints = [models.CheckConstraint(condition=Q(month__day=1), name="statement_month_first_day")]
        indexes = [models.Index(fields=["office", "month"], name="statement_office_month")]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} 給付管理票（{self.get_kind_display()}）"
