"""課題分析 (Assessment): one row per version, the 23 standard items as structured JSON."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse

from carebridge.core.japanese import wareki_or_western
from carebridge.core.limits import TEXT_LIMIT
from carebridge.core.models import OfficeOwned


class AssessmentReason(models.TextChoices):
    """課題分析標準項目 9「今回のアセスメントの理由」."""

    INITIAL = "initial", "初回"
    RENEWAL = "renewal", "要介護認定の更新"
    LEVEL_CHANGE = "level_change", "区分変更"
    SERVICE_CHANGE = "service_change", "サービスの変更"
    DISCHARGE = "discharge", "退院・退所"
    MOVING = "moving", "転居"
    OTHER = "other", "その他"


class Assessment(OfficeOwned):
    client = models.ForeignKey(
        "clients.Client", on_delete=models.PROTECT, related_name="assessments", verbose_name="利用者"
    )
    version = models.PositiveIntegerField("版")
    assessed_on = models.DateField("実施日")
    place = models.CharField("実施場所", max_length=50, default="自宅")
    # 運営基準第13条第7号: the assessment is made at the home (居宅) interviewing the client and the
    # family; a plan made without such an assessment is a 減算 finding (compliance/rules.py).
    at_home = models.BooleanField("居宅を訪問して実施", default=True)
    client_interviewed = models.BooleanField("利用者本人に面接", default=False)
    family_interviewed = models.BooleanField("家族に面接", default=False)
    reason = models.CharField("今回のアセスメントの理由", max_length=20, choices=AssessmentReason.choices)
    reason_note = models.CharField("理由の補足", max_length=200, blank=True)
    items = models.JSONField("課題分析標準項目", default=dict, blank=True)
    strengths = models.TextField("本人の強み・できること（ストレングス）", blank=True, max_length=TEXT_LIMIT)
    copied_from = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="複写元"
    )
    # Set when a care plan standing on this assessment is consented to: from then on it is part of
    # what was agreed and stays as it is (a re-assessment makes a new version).
    agreed_on = models.DateField("計画への同意日", null=True, blank=True)
    assessor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="実施者",
    )

    class Meta:
        verbose_name = "アセスメント"
        verbose_name_plural = "アセスメント"
        ordering = ["-version"]
        constraints = [models.UniqueConstraint(fields=["client", "version"], name="assessment_unique_version")]

    def __str__(self) -> str:
        return f"アセスメント 第{self.version}版（{wareki_or_western(self.assessed_on)}）"

    def get_absolute_url(self) -> str:
        return reverse("assessments:detail", args=[self.client_id, self.pk])
