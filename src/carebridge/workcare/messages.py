"""Japanese messages of the work–care records (each with a stable code; tests assert them)."""

from __future__ import annotations

from carebridge.core.messages import Message

# === company, contract, policy, duties, invoice (H-company) ====================================
# (add this area's entries below this line)


# === people, roster import, invitations (H-people) =============================================
# (add this area's entries below this line)


# === consultations, assessment, screening, map, referrals, bridge (H-consult) ==================
# (add this area's entries below this line)
CONSULTATION_RECIPIENT_NOT_OWN = Message(
    "consultation_recipient_not_own", "対象家族は、この従業員のご家族から選んでください。"
)
CONSULTATION_EMPLOYEE_INACTIVE = Message(
    "consultation_employee_inactive", "在籍していない従業員の相談は記録できません。"
)
CONSULTATION_TRANSITION_REFUSED = Message(
    "consultation_transition_refused", "この相談の状態からは、その操作はできません。"
)
CONSULTATION_CLOSED = Message("consultation_closed", "終了した相談には記録を追加できません。")
CONSULTATION_DATE_ORDER = Message("consultation_date_order", "日付は申込日以降にしてください。")
ASSESSMENT_LEVELS_INVALID = Message(
    "assessment_levels_invalid", "判断基準の項目は①〜⑫、評価は1〜3で入力してください（{keys}）。"
)
SCREENING_ANSWERS_INVALID = Message("screening_answers_invalid", "すべての質問に選択肢から答えてください（{keys}）。")
REFERRAL_TARGET_MISSING = Message("referral_target_missing", "紹介先を選んでください。")
REFERRAL_TARGET_MISMATCH = Message(
    "referral_target_mismatch", "紹介先は紹介先の種別に合うものを1つだけ選んでください。"
)
REFERRAL_SPECIALIST_KIND = Message(
    "referral_specialist_kind", "専門家は社労士・弁護士・税理士・産業医・かかりつけ医から選んでください。"
)
REFERRAL_TRANSITION_REFUSED = Message("referral_transition_refused", "この紹介の状態からは、その変更はできません。")
BRIDGE_NO_RECIPIENT = Message("bridge_no_recipient", "引継ぎには、相談に対象家族を記録してください。")
BRIDGE_ALREADY = Message("bridge_already", "この相談はすでにケアマネジメントへ引き継がれています。")
BRIDGE_CONSENT_DATE = Message("bridge_consent_date", "同意日は相談の申込日以降、今日以前にしてください。")
BRIDGE_WITHDRAWN = Message("bridge_withdrawn", "この引継ぎの同意はすでに撤回されています。")


# === plans, meetings (H-plans) =================================================================
# (add this area's entries below this line)


# === entitlements, leave ledger (H-rules) ======================================================
# (add this area's entries below this line)


# === portals, sharing (H-portal) ===============================================================
# (add this area's entries below this line)


# === report, seminars, surveys (H-report) ======================================================
# (add this area's entries below this line)
