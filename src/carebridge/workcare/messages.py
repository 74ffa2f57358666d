"""Japanese messages of the work–care records (each with a stable code; tests assert them)."""

from __future__ import annotations

from carebridge.core.messages import Message

# === company, contract, policy, duties, invoice (H-company) ====================================
# (add this area's entries below this line)
CONTRACT_MENU_UNKNOWN = Message("contract_menu_unknown", "提供メニューに不明な項目があります。")
CONTRACT_OVERLAP = Message("contract_overlap", "この企業には期間の重なる契約がすでにあります。")
POLICY_DATE_TAKEN = Message(
    "policy_date_taken", "この適用開始日の版はすでにあります。別の日付で新しい版を作成してください。"
)
POLICY_NOT_LATEST = Message(
    "policy_not_latest", "後の版がある版は変更できません（過去の記録の根拠です）。新しい版を作成してください。"
)
POLICY_MEASURE_UNKNOWN = Message("policy_measure_unknown", "所定労働時間の短縮等の措置に不明な項目があります。")
POLICY_EXCLUSION_UNKNOWN = Message("policy_exclusion_unknown", "労使協定による除外に不明な項目があります。")
NOTICE_TEXT_DISCOURAGING = Message(
    "notice_text_discouraging",
    "制度の利用を控えさせる表現（{words}）が含まれているため承認できません（育児・介護休業法 第21条・指針）。",
)
NOTICE_TEXT_APPROVED = Message("notice_text_approved", "この周知文はすでに承認されています。")
NOTICE_TEXT_NOT_APPROVED = Message("notice_text_not_approved", "承認済みの周知文を選んでください。")
NOTICE_TEXT_KIND = Message("notice_text_kind", "この記録の種類の周知文を選んでください。")
NOTICE_METHOD_WISH = Message(
    "notice_method_wish",
    "FAX・電子メール等による個別周知は、本人が希望した場合に限られます（育児・介護休業法施行規則 第69条の3）。",
)
NOTICE_ITEMS_REQUIRED = Message(
    "notice_items_required", "実施日を記録するには、制度・申出先・介護休業給付金の3項目すべての周知が必要です。"
)
NOTICE_METHOD_REQUIRED = Message("notice_method_required", "実施日を記録するには周知の方法を選んでください。")
NOTICE_GIVEN_BEFORE_REPORT = Message("notice_given_before_report", "実施日は申出日より前にできません。")
NOTICE_DONE = Message("notice_done", "完了した個別周知・意向確認は変更できません（記録として保存されます）。")
NOTICE_EMPLOYEE_INACTIVE = Message("notice_employee_inactive", "在籍していない従業員です。")
EARLY_NOBODY = Message("early_nobody", "この年度に情報提供の対象となる従業員（未提供）はいません。")
EARLY_NOT_IN_WINDOW = Message(
    "early_not_in_window", "社員番号 {numbers} は、この年度に40歳時等の情報提供の対象期間が始まる従業員ではありません。"
)
EARLY_ALREADY = Message("early_already", "社員番号 {numbers} にはすでに情報提供の記録があります。")
EARLY_NO_EMAIL = Message(
    "early_no_email",
    "社員番号 {numbers} にメールアドレスがありません。書面で提供するか、メールアドレスを登録してください。",
)
EARLY_YEAR_RANGE = Message("early_year_range", "年度は2025年度から2100年度の間で指定してください。")


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
