"""User-facing messages of the 介護予防 plans (Japanese)."""

from carebridge.core.messages import Message

CAREPLAN_NOT_FOR_SUPPORT_LEVEL = Message(
    "careplan_not_for_support_level",
    "{level}の利用者には居宅サービス計画書（第1〜3表）は作成できません。"
    "要支援1・2と事業対象者は「介護予防サービス・支援計画書」を作成してください（要介護状態区分）。",
)
PREVENTION_NOT_FOR_CARE_LEVEL = Message(
    "prevention_not_for_care_level",
    "{level}の利用者には介護予防サービス・支援計画書は作成できません。"
    "要介護1〜5は居宅サービス計画書（第1〜3表）を作成してください（要介護状態区分）。",
)
COMMISSION_REQUIRED = Message(
    "commission_required",
    "この事業所は指定介護予防支援事業所の指定を受けていないため、委託元の地域包括支援センターを入力してください。",
)
PREVENTION_LOCKED = Message(
    "prevention_locked",
    "同意済みの介護予防サービス・支援計画は変更できません。内容を変えるときは「変更」で新しい版を作成してください。",
)
ROW_PERIOD_ORDER = Message("prevention_row_period_order", "期間の終了日は開始日以降の日付にしてください。")
ROW_NEEDS_GOAL = Message("prevention_row_needs_goal", "支援計画の目標を入力してください。")
PROVIDER_OTHER_OFFICE = Message("prevention_provider_other_office", "事業所は、この事業所の名簿から選んでください。")
CONSENT_NEEDS_ROWS = Message(
    "prevention_consent_needs_rows", "支援計画（目標と支援）のない計画には同意を記録できません。"
)
ALREADY_CONSENTED = Message("prevention_already_consented", "この計画にはすでに同意が記録されています。")
CONSENT_BEFORE_DRAFT = Message(
    "prevention_consent_before_draft", "同意日は計画作成（変更）日以降の日付にしてください。"
)
DELIVER_BEFORE_CONSENT = Message(
    "prevention_deliver_before_consent", "交付は同意を得た後に記録してください（同意済みの計画だけ交付できます）。"
)
DELIVERY_BEFORE_CONSENT_DATE = Message(
    "prevention_delivery_before_consent_date", "交付日は同意日以降の日付にしてください。"
)
REVISE_ONLY_AGREED = Message(
    "prevention_revise_only_agreed", "変更で新しい版を作れるのは、同意済み以降の計画です。原案はそのまま編集できます。"
)
REVISE_ALREADY = Message("prevention_revise_already", "この計画にはすでに新しい版があります（第{version}版）。")

# 介護予防支援基準 第30条第16号: the compliance report's words for a monitoring gap.
PREVENTION_RECORD_MISSING = Message(
    "prevention_record_missing", "{when}の介護予防のモニタリング記録がありません（毎月の記録が必要です）。"
)
PREVENTION_HOME_VISIT_MISSING = Message(
    "prevention_home_visit_missing",
    "{first}〜{last}の3か月に、居宅訪問による介護予防のモニタリングがありません（3か月に1回以上）。",
)
PREVENTION_EVALUATION_VISIT_MISSING = Message(
    "prevention_evaluation_visit_missing",
    "評価期間が終わる{when}に、居宅訪問による介護予防のモニタリング（評価）がありません。",
)
