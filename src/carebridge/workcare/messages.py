"""Japanese messages of the work–care records (each with a stable code; tests assert them)."""

from __future__ import annotations

from carebridge.core.messages import Message

# === company, contract, policy, duties, invoice (H-company) ====================================
# (add this area's entries below this line)


# === people, roster import, invitations (H-people) =============================================
# (add this area's entries below this line)


# === consultations, assessment, screening, map, referrals, bridge (H-consult) ==================
# (add this area's entries below this line)


# === plans, meetings (H-plans) =================================================================
# (add this area's entries below this line)


# === entitlements, leave ledger (H-rules) ======================================================
# (add this area's entries below this line)


# === portals, sharing (H-portal) ===============================================================
# (add this area's entries below this line)


# === report, seminars, surveys (H-report) ======================================================
# (add this area's entries below this line)
SURVEY_PERIOD_ORDER = Message("survey_period_order", "締切日は開始日以降の日付にしてください。")
SURVEY_QUESTIONS_INVALID = Message(
    "survey_questions_invalid", "質問の形式が正しくありません（番号・質問文・2つ以上の選択肢が必要です）。"
)
SURVEY_NOT_OPEN = Message("survey_not_open", "この調査は回答期間外です。")
SURVEY_ALREADY_ANSWERED = Message("survey_already_answered", "この調査にはすでに回答しています。")
SURVEY_ANSWER_REQUIRED = Message("survey_answer_required", "すべての質問に回答してください。")
SURVEY_ANSWER_INVALID = Message("survey_answer_invalid", "選択肢にない回答があります。")
SURVEY_HAS_ANSWERS = Message("survey_has_answers", "回答のある調査は削除できません。")
SEMINAR_ATTENDANCE_RANGE = Message("seminar_attendance_range", "参加者数は0〜100000の範囲で入力してください。")
