"""Texts of the 運営基準 findings and of 運営基準減算 (Japanese)."""

from carebridge.core.messages import Message

MONITORING_NOT_DONE = Message("monitoring_not_done", "{when}のモニタリング（居宅訪問）が未実施です。")
MONITORING_NOT_RECORDED = Message("monitoring_not_recorded", "{when}のモニタリング（居宅訪問）の記録がありません。")
VIDEO_VISIT_NOT_ALLOWED = Message(
    "video_visit_not_allowed",
    "テレビ電話等によるモニタリングの要件（文書による同意・担当者間の合意・前月の居宅訪問）を満たしていません。",
)
MEETING_MISSING = Message("meeting_missing", "{label}についてサービス担当者会議の記録がありません。")
NOT_CONSENTED_BEFORE_START = Message("not_consented_before_start", "{label}はサービス開始までに同意を得ていません。")
NOT_DELIVERED_BEFORE_START = Message(
    "not_delivered_before_start", "{label}はサービス開始までに利用者・各事業所への交付が済んでいません。"
)
DATE_ORDER = Message("date_order", "{label}: {later}の日付が{earlier}より前です。")
GOAL_OUTSIDE_CERTIFICATION = Message(
    "goal_outside_certification",
    "第{version}版の計画: 目標の期間{count}件が認定の有効期間（{valid_from}〜{valid_to}）の外にあります。",
)
RENEWAL_NOT_FILED = Message(
    "renewal_not_filed", "認定の有効期間が{valid_to}に終わります。更新申請（{opens}から可能）が未提出です。"
)
SHORT_STAY_OVER_HALF = Message(
    "short_stay_over_half",
    "短期入所の予定日数（計画の各版の合計{days}日）が認定有効期間（{period}日）の半数を超えています。"
    "理由書を提出し、保険者の承認を記録してください。",
)
NO_CERTIFICATION_IN_EFFECT = Message(
    "no_certification_in_effect",
    "計画の実施中に有効な要介護認定がない日があります（{first}から{count}日）。認定（申請中を含む）を登録してください。",
)
PLAN_LABEL = Message("plan_label", "第{version}版の計画")
THIS_MONTH = Message("this_month", "今月")

# 運営基準減算 (指定居宅介護支援に要する費用の額の算定に関する基準 注): 50% of the fee; none at all when
# it lasts two months or more.
PENALTY_RISK_HALF = Message("penalty_risk_half", "50%減算のおそれ")
PENALTY_HALF = Message("penalty_half", "50%減算")
PENALTY_NONE = Message("penalty_none", "算定不可（2か月以上継続）")
