"""User-facing messages of casework (Japanese)."""

from carebridge.core.messages import Message

CONTRACT_EXPLANATION_REQUIRED = Message(
    "contract_explanation_required",
    "契約時には、複数の事業所の紹介を求められること等の説明が必要です（運営基準第4条第2項）。説明した旨を記録してください。",
)
VIDEO_NEEDS_CONSENT = Message(
    "video_needs_consent", "テレビ電話装置等でのモニタリングには、利用者の文書による同意（同意日）が必要です。"
)
VIDEO_NEEDS_TEAM = Message(
    "video_needs_team", "テレビ電話装置等でのモニタリングには、サービス担当者会議等での合意（合意日）が必要です。"
)
VIDEO_NEEDS_HOME_LAST_MONTH = Message(
    "video_needs_home_last_month",
    "テレビ電話装置等でのモニタリングは、前月に居宅を訪問している場合に限られます（2か月に1回は居宅訪問）。",
)
MONITORING_DUPLICATE = Message("monitoring_duplicate", "この月のモニタリングはすでに記録されています。")
VISIT_OUTSIDE_MONTH = Message("visit_outside_month", "実施日は対象月の中の日付にしてください。")
EVALUATION_GOAL_NOT_IN_PLAN = Message(
    "evaluation_goal_not_in_plan", "評価する短期目標は、この利用者の計画の短期目標から選んでください。"
)
EVALUATION_TWICE = Message("evaluation_twice", "同じ短期目標を2回評価しています。")
REASSESSMENT_TASK = Message("reassessment_task", "{name}さんの再アセスメント（モニタリングで必要と判断）")
INTAKE_ALREADY_LINKED = Message("intake_already_linked", "この相談はすでに利用者に結び付いています。")
INTAKE_ROUTE_COMPANY = Message("intake_route_company", "職場からの引継ぎは相談経路「企業相談」で受け付けます。")
SPECIAL_CIRCUMSTANCE_DUPLICATE = Message(
    "special_circumstance_duplicate", "この月の特段の事情はすでに記録されています。"
)
SPECIAL_CIRCUMSTANCE_VISITED = Message(
    "special_circumstance_visited",
    "この月はモニタリング（訪問）が記録されています。特段の事情は訪問できなかった月にだけ記録します。",
)
MONITORING_MONTH_CLOSED = Message(
    "monitoring_month_closed",
    "この月のモニタリング記録は訂正できる期限（{deadline}、国保連への請求期限）を過ぎています。",
)
CORRECTION_REASON_REQUIRED = Message("correction_reason_required", "訂正の理由を入力してください。")
NOTE_AUTO_ORIGIN = Message("note_auto_origin", "自動記録")
