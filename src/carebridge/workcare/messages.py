"""Japanese messages of the work–care records (each with a stable code; tests assert them)."""

from __future__ import annotations

from carebridge.core.messages import Message

# === company, contract, policy, duties, invoice (H-company) ====================================
# (add this area's entries below this line)


# === people, roster import, invitations (H-people) =============================================
# (add this area's entries below this line)
EMPLOYEE_NUMBER_TAKEN = Message("employee_number_taken", "この社員番号はすでにこの企業で使われています。")
EMPLOYEE_NUMBER_REQUIRED = Message("employee_number_required", "社員番号を入力してください。")
EMPLOYEE_BIRTH_FUTURE = Message("employee_birth_future", "生年月日が未来の日付です。")
EMPLOYEE_HIRED_BEFORE_BIRTH = Message("employee_hired_before_birth", "入社日が生年月日より前です。")
EMPLOYEE_TERM_BEFORE_HIRE = Message("employee_term_before_hire", "有期契約の終了日が入社日より前です。")
EMPLOYEE_INACTIVE = Message("employee_inactive", "退職（無効）にした従業員です。")
EMPLOYEE_ALREADY_INACTIVE = Message("employee_already_inactive", "この従業員はすでに無効になっています。")
INVITE_NEEDS_EMAIL = Message("invite_needs_email", "招待するにはメールアドレスを登録してください。")
INVITE_HAS_LOGIN = Message("invite_has_login", "この従業員にはすでにログインがあります。")
INVITE_INVALID = Message(
    "invite_invalid",
    "この招待リンクは無効です。有効期限が切れたか、すでに使われています。人事担当者に再発行を依頼してください。",
)
INVITE_USERNAME_TAKEN = Message(
    "invite_username_taken", "このユーザー名はすでに使われています。別の名前を選んでください。"
)
INVITE_PASSWORD_MISMATCH = Message("invite_password_mismatch", "確認用のパスワードが一致しません。")
CARE_LEVEL_UNKNOWN = Message("care_level_unknown", "要介護度の値が正しくありません。")
RELATION_UNKNOWN = Message("relation_unknown", "続柄の値が正しくありません。")
# roster CSV import: "{line}行目「{column}」: {message}" (workcare/roster_import.py)
ROSTER_NOT_CSV = Message(
    "roster_not_csv", "CSVファイルではありません（Excelの .xlsx などは「CSV（コンマ区切り）」で保存し直してください）。"
)
ROSTER_ENCODING = Message(
    "roster_encoding", "文字コードを判別できません。UTF-8 または Shift_JIS (CP932) のCSVを指定してください。"
)
ROSTER_TOO_LARGE = Message("roster_too_large", "ファイルが大きすぎます（上限 {limit}）。分けて取り込んでください。")
ROSTER_TOO_MANY_ROWS = Message("roster_too_many_rows", "行数が多すぎます（上限 {limit}行）。分けて取り込んでください。")
ROSTER_EMPTY = Message("roster_empty", "データ行がありません。")
ROSTER_HEADER_MISSING = Message("roster_header_missing", "見出し行に必要な列がありません: {columns}")
ROSTER_HEADER_UNKNOWN = Message("roster_header_unknown", "見出し「{column}」は使えません。使える見出し: {allowed}")
ROSTER_HEADER_TWICE = Message("roster_header_twice", "見出し「{column}」が2回あります。")
ROSTER_FIELD_COUNT = Message("roster_field_count", "列の数が見出し行と一致しません（{expected}列のところ{actual}列）。")
ROSTER_REQUIRED = Message("roster_required", "値がありません（必須の列です）。")
ROSTER_DATE = Message("roster_date", "日付の形式が正しくありません（例: 1975-04-01）")
ROSTER_INTEGER = Message("roster_integer", "整数で入力してください（例: 5）")
ROSTER_DECIMAL = Message("roster_decimal", "数値で入力してください（例: 7.5）")
ROSTER_DUPLICATE = Message("roster_duplicate", "社員番号「{number}」が{line}行目と重複しています。")
ROSTER_DIGEST_MISMATCH = Message(
    "roster_digest_mismatch",
    "確認（プレビュー）したファイルと異なります。もう一度「内容を確認」してから取り込んでください。",
)


# === consultations, assessment, screening, map, referrals, bridge (H-consult) ==================
# (add this area's entries below this line)


# === plans, meetings (H-plans) =================================================================
# (add this area's entries below this line)


# === entitlements, leave ledger (H-rules) ======================================================
# (add this area's entries below this line)


# === portals, sharing (H-portal) ===============================================================
# (add this area's entries below this line)
SHARING_ITEM_UNKNOWN = Message("sharing_item_unknown", "共有する情報の種類が正しくありません。")
SHARING_AUDIENCE_UNKNOWN = Message("sharing_audience_unknown", "共有先は人事担当者か上司を選んでください。")
SHARING_ACTION_UNKNOWN = Message(
    "sharing_action_unknown", "共有する（grant）か、やめる（withdraw）かを選んでください。"
)
SHARING_GRANTED = Message("sharing_granted", "{audience}に「{item}」の共有を始めました。")
SHARING_WITHDRAWN = Message("sharing_withdrawn", "{audience}への「{item}」の共有をやめました。今から見えなくなります。")
SHARING_ALL_WITHDRAWN = Message(
    "sharing_all_withdrawn", "すべての共有をやめました。人事担当者にも上司にも見えなくなります。"
)


# === report, seminars, surveys (H-report) ======================================================
# (add this area's entries below this line)
