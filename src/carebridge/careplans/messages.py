"""User-facing messages of the care-plan app (Japanese)."""

from carebridge.core.messages import Message

PLAN_LOCKED = Message(
    "plan_locked",
    "同意済みの居宅サービス計画は変更できません。内容を変えるときは「変更」で新しい版を作成してください。",
)
SHORT_GOAL_NEEDS_LONG = Message("short_goal_needs_long", "短期目標は長期目標の下に作成してください。")
SERVICE_NEEDS_SHORT_GOAL = Message("service_needs_short_goal", "援助内容は短期目標の下に作成してください。")
PROVIDER_REQUIRED = Message(
    "provider_required", "保険給付対象のサービスは、名簿からサービス提供事業所を選んでください。"
)
PROVIDER_OTHER_OFFICE = Message("provider_other_office", "サービス提供事業所は、この事業所の名簿から選んでください。")
GOAL_PERIOD_ORDER = Message("goal_period_order", "期間の終了日は開始日以降の日付にしてください。")
CONSENT_NEEDS_CONTENT = Message("consent_needs_content", "ニーズ・目標・援助内容のない計画には同意を記録できません。")
ALREADY_CONSENTED = Message("already_consented", "この計画にはすでに同意が記録されています。")
DELIVERY_BEFORE_CONSENT = Message("delivery_before_consent", "交付は同意を得た後に記録してください。")
DELIVERY_DUPLICATE = Message("delivery_duplicate", "この交付先への交付はすでに記録されています。")
DELIVERY_PROVIDER_NOT_IN_PLAN = Message(
    "delivery_provider_not_in_plan", "交付先の事業所は、この計画の援助内容にある事業所から選んでください。"
)
ACTIVATE_BEFORE_DELIVERY = Message(
    "activate_before_delivery", "利用者と各サービス事業所への交付を記録してから、サービス開始を記録してください。"
)
REVISE_ONLY_AGREED = Message(
    "revise_only_agreed", "変更で新しい版を作れるのは、同意済み以降の計画です。原案はそのまま編集できます。"
)
REVISE_ALREADY = Message("revise_already", "この計画にはすでに新しい版があります（第{version}版）。")
CONFERENCE_ON_LOCKED = Message(
    "conference_on_locked", "同意済みの計画には会議を追加できません。「変更」で新しい版を作成してください。"
)
WEEKLY_TIME_ORDER = Message("weekly_time_order", "終了時刻は開始時刻より後にしてください。")
PLAN_CLIENT_OTHER = Message("plan_client_other", "計画と利用者が一致しません。")
CONSENT_NEEDS_MEETING = Message(
    "consent_needs_meeting",
    "サービス担当者会議の記録がありません。新規作成・変更・更新認定・区分変更のときは、同意の前に会議が必要です（運営基準第13条第9号・第15号）。",
)
ACTIVATE_OLDER_VERSION = Message(
    "activate_older_version", "より新しい版（第{version}版）がすでに開始されているため、この版は開始できません。"
)
GOAL_EVALUATED = Message("goal_evaluated", "この目標はモニタリングで評価されているため削除できません。")
ATTENDEE_NEEDS_NAME = Message(
    "attendee_needs_name",
    "会議出席者{row}: 氏名か所属（職種）を入力してください（氏名が未定なら所属だけで構いません）。",
)
ABSENCE_NEEDS_REASON = Message(
    "absence_needs_reason", "会議出席者{row}（{who}）: 欠席の場合は欠席理由を入力してください（第4表 記載要領）。"
)
ABSENCE_REASON_WHEN_PRESENT = Message(
    "absence_reason_when_present", "会議出席者{row}（{who}）: 欠席理由は欠席した方にだけ入力してください。"
)
MOVE_DIRECTION = Message("move_direction", "並べ替えの方向は「上へ」か「下へ」を選んでください。")
MOVE_AT_EDGE = Message("move_at_edge", "これ以上は移動できません（すでに先頭または末尾です）。")
MOVE_KIND = Message("move_kind", "並べ替えできるのはニーズ・目標・援助内容です。")
# 説明・同意 with known problems (issue 9 item 15): warnings, then an explicit confirmation.
CONSENT_WARN_GOAL_OUTSIDE = Message(
    "consent_warn_goal_outside",
    "{term}「{goal}」の期間（{start}〜{end}）が認定の有効期間（{valid_from}〜{valid_to}）の外にあります。",
)
WEEKLY_SERVICE_NOT_ON_WEEK = Message(
    "weekly_service_not_on_week",
    "第2表の「{kind}」（{content}、{frequency}）が第3表の週間サービス計画にも週単位以外のサービスにもありません。",
)
CONSENT_WARN_SHORT_WITHOUT_SERVICE = Message(
    "consent_warn_short_without_service", "短期目標「{goal}」に援助内容がありません。"
)
CONSENT_WARNINGS_UNCONFIRMED = Message(
    "consent_warnings_unconfirmed",
    "この計画には確認事項があります（{count}件）。内容を確認し、承知のうえで同意を記録する旨と理由を入力してください。",
)
CONSENT_OVERRIDE_REASON_REQUIRED = Message(
    "consent_override_reason_required", "確認事項があるまま同意を記録する理由を入力してください。"
)
INQUIRY_ALREADY_ANSWERED = Message("inquiry_already_answered", "この照会にはすでに回答が記録されています。")
INQUIRY_ANSWER_REQUIRED = Message("inquiry_answer_required", "回答の内容を入力してください。")
INQUIRY_ANSWER_BEFORE_SENT = Message("inquiry_answer_before_sent", "回答日は照会日以降の日付にしてください。")
INQUIRY_ON_LOCKED = Message(
    "inquiry_on_locked", "同意済みの計画の会議記録は変更できません。「変更」で新しい版を作成してください。"
)
