"""居宅サービス計画書 第1〜3表 (CarePlan, one row per version), 第4表 (CareConference), consent and delivery.

A plan that was consented to is never edited: "変更" copies it into a new version that points to
the one it replaces (careplans.services.careplan_revise).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse

from carebridge.core.japanese import wareki_or_western
from carebridge.core.limits import TEXT_LIMIT
from carebridge.core.models import Office, OfficeOwned


def office_key() -> models.ForeignKey[Office]:
    """office_id on the rows under a plan too (house rule 1: every tenant row carries it)."""
    return models.ForeignKey(Office, on_delete=models.PROTECT, related_name="+", verbose_name="事業所")


class PlanStatus(models.TextChoices):
    DRAFT = "draft", "原案"
    PRESENTED = "presented", "担当者会議で提示済"
    CONSENTED = "consented", "同意済"
    DELIVERED = "delivered", "交付済"
    ACTIVE = "active", "実施中"
    SUPERSEDED = "superseded", "変更により終了"


LOCKED_STATUSES = frozenset({PlanStatus.CONSENTED, PlanStatus.DELIVERED, PlanStatus.ACTIVE, PlanStatus.SUPERSEDED})


class PlanOrigin(models.TextChoices):
    """第1表 初回・紹介・継続: 紹介 (the client comes from another 居宅介護支援事業所 or a 介護保険施設)
    may be circled together with 初回 or with 継続, as the care-plan exchange's 計画書区分 allows
    (11 初回, 12 紹介, 21 継続, 51 初回＆紹介, 53 紹介＆継続; PLAN_ORIGIN_MARKS, PLAN_ORIGIN_EXCHANGE_CODES)."""

    INITIAL = "initial", "初回"
    REFERRAL = "referral", "紹介"
    CONTINUING = "continuing", "継続"
    INITIAL_REFERRAL = "initial_referral", "初回・紹介"
    REFERRAL_CONTINUING = "referral_continuing", "紹介・継続"


# The words circled on 第1表 for each choice.
PLAN_ORIGIN_MARKS: dict[str, tuple[str, ...]] = {
    PlanOrigin.INITIAL: ("初回",),
    PlanOrigin.REFERRAL: ("紹介",),
    PlanOrigin.CONTINUING: ("継続",),
    PlanOrigin.INITIAL_REFERRAL: ("初回", "紹介"),
    PlanOrigin.REFERRAL_CONTINUING: ("紹介", "継続"),
}
# 計画書区分 of the care-plan exchange file (UP1KYO item 16, ../shared/domain/careplan-exchange).
PLAN_ORIGIN_EXCHANGE_CODES: dict[str, str] = {
    PlanOrigin.INITIAL: "11",
    PlanOrigin.REFERRAL: "12",
    PlanOrigin.CONTINUING: "21",
    PlanOrigin.INITIAL_REFERRAL: "51",
    PlanOrigin.REFERRAL_CONTINUING: "53",
}


class PlanReason(models.TextChoices):
    """Why this version was made: decides whether a サービス担当者会議 is required (基準第13条第15号)."""

    NEW = "new", "新規作成"
    CHANGE = "change", "計画の変更"
    RENEWAL = "renewal", "要介護更新認定"
    LEVEL_CHANGE = "level_change", "区分変更認定"
    MINOR = "minor", "軽微な変更"


class LivingSupportReason(models.TextChoices):
    """第1表 生活援助中心型の算定理由."""

    NONE = "", "該当なし"
    ALONE = "1", "1. 一人暮らし"
    FAMILY_UNABLE = "2", "2. 家族等が障害、疾病等"
    OTHER = "3", "3. その他"


class CarePlan(OfficeOwned):
    client = models.ForeignKey(
        "clients.Client", on_delete=models.PROTECT, related_name="careplans", verbose_name="利用者"
    )
    version = models.PositiveIntegerField("版")
    status = models.CharField("状態", max_length=12, choices=PlanStatus.choices, default=PlanStatus.DRAFT)
    reason = models.CharField("作成・変更の理由", max_length=14, choices=PlanReason.choices, default=PlanReason.NEW)
    replaces = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="replaced_by", verbose_name="変更前の版"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="作成者",
    )
    certification = models.ForeignKey(
        "clients.Certification",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="要介護認定",
    )
    assessment = models.ForeignKey(
        "assessments.Assessment",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="アセスメント",
    )
    # 第1表: 作成年月日 is the date this version's document was made (top right of each sheet);
    # 居宅サービス計画作成（変更）日 the date the plan was made or changed. They often agree, not always.
    made_on = models.DateField("作成年月日")
    drafted_on = models.DateField("作成（変更）日")
    first_created_on = models.DateField("初回居宅サービス計画作成日", null=True, blank=True)
    plan_origin = models.CharField(
        "初回・紹介・継続", max_length=20, choices=PlanOrigin.choices, default=PlanOrigin.INITIAL
    )
    intentions = models.TextField(
        "利用者及び家族の生活に対する意向を踏まえた課題分析の結果", blank=True, max_length=TEXT_LIMIT
    )
    board_opinion = models.TextField("介護認定審査会の意見及びサービスの種類の指定", blank=True, max_length=TEXT_LIMIT)
    policy = models.TextField("総合的な援助の方針", blank=True, max_length=TEXT_LIMIT)
    living_support_reason = models.CharField(
        "生活援助中心型の算定理由", max_length=1, choices=LivingSupportReason.choices, blank=True
    )
    living_support_note = models.CharField("算定理由（その他）", max_length=100, blank=True)
    # 第3表
    daily_activities = models.TextField("主な日常生活上の活動", blank=True, max_length=TEXT_LIMIT)
    non_weekly_services = models.TextField("週単位以外のサービス", blank=True, max_length=TEXT_LIMIT)
    service_start_on = models.DateField("サービス開始日", null=True, blank=True)

    class Meta:
        verbose_name = "居宅サービス計画"
        verbose_name_plural = "居宅サービス計画"
        ordering = ["-version"]
        constraints = [
            models.UniqueConstraint(fields=["client", "version"], name="careplan_unique_version"),
        ]
        indexes = [models.Index(fields=["office", "client", "status"], name="careplan_office_client_status")]

    def __str__(self) -> str:
        return f"居宅サービス計画 第{self.version}版"

    def get_absolute_url(self) -> str:
        return reverse("careplans:detail", args=[self.pk])

    @property
    def is_locked(self) -> bool:
        """Consented (or later): never edited again; changes make a new version."""
        return self.status in LOCKED_STATUSES


class Need(models.Model):
    """第2表 生活全般の解決すべき課題（ニーズ）."""

    office = office_key()
    plan = models.ForeignKey(CarePlan, on_delete=models.CASCADE, related_name="needs", verbose_name="計画")
    order = models.PositiveSmallIntegerField("順", default=0)
    text = models.TextField("生活全般の解決すべき課題（ニーズ）", max_length=TEXT_LIMIT)

    class Meta:
        verbose_name = "課題（ニーズ）"
        verbose_name_plural = "課題（ニーズ）"
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.text[:30]

    def get_absolute_url(self) -> str:
        return reverse("careplans:detail", args=[self.plan_id])


class GoalTerm(models.TextChoices):
    LONG = "long", "長期目標"
    SHORT = "short", "短期目標"


class Goal(models.Model):
    office = office_key()
    need = models.ForeignKey(Need, on_delete=models.CASCADE, related_name="goals", verbose_name="課題（ニーズ）")
    term = models.CharField("目標の区分", max_length=5, choices=GoalTerm.choices)
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="short_goals", verbose_name="長期目標"
    )
    order = models.PositiveSmallIntegerField("順", default=0)
    text = models.TextField("目標", max_length=TEXT_LIMIT)
    period_start = models.DateField("期間（開始）")
    period_end = models.DateField("期間（終了）")

    class Meta:
        verbose_name = "目標"
        verbose_name_plural = "目標"
        ordering = ["order", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(period_end__gte=F("period_start")), name="goal_period_order"),
            models.CheckConstraint(
                condition=Q(term="long", parent__isnull=True) | Q(term="short", parent__isnull=False),
                name="goal_short_under_long",
            ),
        ]

    def __str__(self) -> str:
        return self.text[:30]

    def get_absolute_url(self) -> str:
        return reverse("careplans:detail", args=[self.need.plan_id])


class PlannedService(models.Model):
    """第2表 援助内容: one service under a short-term goal."""

    office = office_key()
    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="services", verbose_name="短期目標")
    order = models.PositiveSmallIntegerField("順", default=0)
    content = models.TextField("サービス内容", max_length=TEXT_LIMIT)
    insured = models.BooleanField("保険給付対象", default=True)
    service_type_code = models.CharField("サービス種類コード", max_length=2, blank=True)
    service_kind = models.CharField("サービス種別", max_length=50)
    provider = models.ForeignKey(
        "directory.Provider",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="サービス提供事業所",
    )
    provider_name = models.CharField("事業所名（名簿にない場合）", max_length=100, blank=True)
    frequency = models.CharField("頻度", max_length=50)
    period_start = models.DateField("期間（開始）")
    period_end = models.DateField("期間（終了）")
    short_stay_days = models.PositiveSmallIntegerField(
        "短期入所の予定日数（期間中）", default=0, help_text="短期入所生活介護・療養介護のとき"
    )

    class Meta:
        verbose_name = "援助内容"
        verbose_name_plural = "援助内容"
        ordering = ["order", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(period_end__gte=F("period_start")), name="service_period_order"),
        ]

    def __str__(self) -> str:
        return self.content[:30]

    def get_absolute_url(self) -> str:
        return reverse("careplans:detail", args=[self.goal.need.plan_id])

    @property
    def provider_label(self) -> str:
        return self.provider.name if self.provider is not None else self.provider_name


class WeeklyScheduleEntry(models.Model):
    """第3表 週間サービス計画表: one block on one weekday."""

    office = office_key()
    plan = models.ForeignKey(CarePlan, on_delete=models.CASCADE, related_name="weekly_entries", verbose_name="計画")
    weekday = models.PositiveSmallIntegerField("曜日", choices=[(i, d) for i, d in enumerate("月火水木金土日")])
    start_time = models.TimeField("開始")
    end_time = models.TimeField("終了")
    label = models.CharField("内容", max_length=50)

    class Meta:
        verbose_name = "週間サービス計画"
        verbose_name_plural = "週間サービス計画"
        ordering = ["weekday", "start_time", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(end_time__gt=F("start_time")), name="weekly_time_order"),
            models.CheckConstraint(condition=Q(weekday__lte=6), name="weekly_weekday_range"),
        ]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.start_time:%H:%M} {self.label}"

    def get_absolute_url(self) -> str:
        return reverse("careplans:detail", args=[self.plan_id])


# -- 第4表 サービス担当者会議 ------------------------------------------------------------------------


class CareConference(OfficeOwned):
    plan = models.ForeignKey(CarePlan, on_delete=models.PROTECT, related_name="conferences", verbose_name="計画")
    held_on = models.DateField("開催日")
    place = models.CharField("開催場所", max_length=100)
    start_time = models.TimeField("開始時間", null=True, blank=True)
    end_time = models.TimeField("終了時間", null=True, blank=True)
    count = models.PositiveSmallIntegerField("開催回数", default=1)
    items_discussed = models.TextField("検討した項目", max_length=TEXT_LIMIT)
    discussion = models.TextField("検討内容", max_length=TEXT_LIMIT)
    conclusion = models.TextField("結論", max_length=TEXT_LIMIT)
    remaining_issues = models.TextField("残された課題（次回の開催時期）", blank=True, max_length=TEXT_LIMIT)
    next_date = models.CharField("次回の開催時期", max_length=50, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="作成者",
    )

    class Meta:
        verbose_name = "サービス担当者会議"
        verbose_name_plural = "サービス担当者会議"
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return f"サービス担当者会議 {wareki_or_western(self.held_on)}"

    def get_absolute_url(self) -> str:
        return reverse("careplans:detail", args=[self.plan_id])


class AttendeeKind(models.TextChoices):
    CLIENT = "client", "本人"
    FAMILY = "family", "家族"
    PROVIDER = "provider", "サービス事業所"
    PHYSICIAN = "physician", "主治医"
    CARE_MANAGER = "care_manager", "介護支援専門員"
    OTHER = "other", "その他"


class ConferenceAttendee(models.Model):
    office = office_key()
    conference = models.ForeignKey(
        CareConference, on_delete=models.CASCADE, related_name="attendees", verbose_name="サービス担当者会議"
    )
    kind = models.CharField("区分", max_length=14, choices=AttendeeKind.choices)
    affiliation = models.CharField("所属（職種）", max_length=100, blank=True)
    # Blank while the person a provider sends is not yet known: the row is kept with the provider.
    name = models.CharField("氏名", max_length=50, blank=True)
    relation = models.CharField("続柄", max_length=20, blank=True)
    # 第4表 記載要領: a 担当者 who could not attend is named with the reason (照会 to them is recorded apart).
    attended = models.BooleanField("出席", default=True)
    absence_reason = models.CharField("欠席理由", max_length=200, blank=True)

    class Meta:
        verbose_name = "会議の出席者"
        verbose_name_plural = "会議の出席者"
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(attended=True, absence_reason="") | (Q(attended=False) & ~Q(absence_reason="")),
                name="attendee_absence_reason_iff_absent",
            ),
            models.CheckConstraint(condition=~Q(name="", affiliation=""), name="attendee_named_or_affiliated"),
        ]

    def __str__(self) -> str:
        return self.name or self.affiliation

    def get_absolute_url(self) -> str:
        return reverse("careplans:detail", args=[self.conference.plan_id])


class ConferenceInquiry(models.Model):
    """照会: a written question to a member who could not attend, and the answer."""

    office = office_key()
    conference = models.ForeignKey(
        CareConference, on_delete=models.CASCADE, related_name="inquiries", verbose_name="サービス担当者会議"
    )
    recipient = models.CharField("照会先（所属・氏名）", max_length=100)
    sent_on = models.DateField("照会日")
    question = models.TextField("照会内容", max_length=TEXT_LIMIT)
    answer = models.TextField("回答", blank=True, max_length=TEXT_LIMIT)
    answered_on = models.DateField("回答日", null=True, blank=True)

    class Meta:
        verbose_name = "照会"
        verbose_name_plural = "照会"
        ordering = ["id"]

    def __str__(self) -> str:
        return self.recipient

    def get_absolute_url(self) -> str:
        return reverse("careplans:detail", args=[self.conference.plan_id])


# -- 説明・同意・交付 -----------------------------------------------------------------------------


class ConsentMethod(models.TextChoices):
    SIGNATURE = "signature", "署名"
    NAME_AND_SEAL = "name_and_seal", "記名・押印"
    ELECTRONIC = "electronic", "電磁的方法"


class PlanConsent(OfficeOwned):
    plan = models.OneToOneField(CarePlan, on_delete=models.PROTECT, related_name="consent", verbose_name="計画")
    consented_on = models.DateField("同意日")
    signer_name = models.CharField("同意者氏名", max_length=50)
    signer_relation = models.CharField("続柄（本人の場合は「本人」）", max_length=20, default="本人")
    method = models.CharField("方法", max_length=14, choices=ConsentMethod.choices, default=ConsentMethod.SIGNATURE)
    explained_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="説明者",
    )
    # Consent with known problems (issue 9 item 15): what was shown and knowingly accepted, and why.
    acknowledged_warnings = models.JSONField("承知した確認事項", default=list, blank=True)
    override_reason = models.TextField("確認事項があるまま同意を記録した理由", blank=True, max_length=TEXT_LIMIT)

    class Meta:
        verbose_name = "計画への同意"
        verbose_name_plural = "計画への同意"

    def __str__(self) -> str:
        return f"{self.signer_name} {wareki_or_western(self.consented_on)}"

    def get_absolute_url(self) -> str:
        return reverse("careplans:detail", args=[self.plan_id])


class DeliveryMethod(models.TextChoices):
    HAND = "hand", "手渡し"
    MAIL = "mail", "郵送"
    FAX = "fax", "FAX"
    EXCHANGE_FILE = "exchange_file", "ケアプランデータ連携"


class PlanDelivery(OfficeOwned):
    plan = models.ForeignKey(CarePlan, on_delete=models.PROTECT, related_name="deliveries", verbose_name="計画")
    provider = models.ForeignKey(
        "directory.Provider",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="交付先事業所（空欄は利用者本人）",
    )
    delivered_on = models.DateField("交付日")
    method = models.CharField("交付方法", max_length=14, choices=DeliveryMethod.choices, default=DeliveryMethod.HAND)

    class Meta:
        verbose_name = "計画の交付"
        verbose_name_plural = "計画の交付"
        ordering = ["delivered_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "provider"], name="delivery_once_per_provider", condition=Q(provider__isnull=False)
            ),
            models.UniqueConstraint(
                fields=["plan"], name="delivery_once_to_client", condition=Q(provider__isnull=True)
            ),
        ]

    def __str__(self) -> str:
        return f"{self.provider or '利用者'} {wareki_or_western(self.delivered_on)}"

    def get_absolute_url(self) -> str:
        return reverse("careplans:detail", args=[self.plan_id])


# 介護予防サービス・支援計画書 (要支援1・2, 事業対象者) lives in its own module.
from .prevention_models import PreventionPlan, PreventionSupportRow  # noqa: E402, F401
