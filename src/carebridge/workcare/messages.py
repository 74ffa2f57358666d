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
WORKCARE_PLAN_LOCKED = Message(
    "workcare_plan_locked",
    "同意済みの両立プランは変更できません。内容を変えるときは「変更」で新しい版を作成してください。",
)
WORKCARE_PLAN_ALREADY_AGREED = Message(
    "workcare_plan_already_agreed", "この両立プランにはすでに同意が記録されています。"
)
WORKCARE_PLAN_AGREE_EMPTY = Message("workcare_plan_agree_empty", "項目のない両立プランには同意できません。")
WORKCARE_PLAN_AGREE_REFUSED = Message(
    "workcare_plan_agree_refused",
    "法令・会社の制度で認められない項目があるため同意できません: {reasons}",
)
WORKCARE_PLAN_AGREE_NOT_CHECKED = Message(
    "workcare_plan_agree_not_checked", "制度の確認ができない項目があるため同意できません: {items}"
)
WORKCARE_PLAN_AGREED_ON_FUTURE = Message("workcare_plan_agreed_on_future", "同意日に未来の日付は指定できません。")
WORKCARE_PLAN_AGREE_NOT_OWN = Message("workcare_plan_agree_not_own", "本人の両立プランにのみ同意できます。")
WORKCARE_PLAN_REVISE_ONLY_AGREED = Message(
    "workcare_plan_revise_only_agreed", "「変更」は同意済みの版から行います。作成中の版はそのまま編集できます。"
)
WORKCARE_PLAN_REVISE_ALREADY = Message(
    "workcare_plan_revise_already", "この版からはすでに第{version}版が作成されています。新しい版を編集してください。"
)
WORKCARE_PLAN_RECIPIENT_OTHER = Message(
    "workcare_plan_recipient_other", "対象家族は、この従業員の家族から選んでください。"
)
WORKCARE_PLAN_ITEM_END_BEFORE_START = Message(
    "workcare_plan_item_end_before_start", "終了日は開始日以降の日付にしてください。"
)
WORKCARE_PLAN_ITEM_END_REQUIRED = Message("workcare_plan_item_end_required", "この制度には終了日を入力してください。")
WORKCARE_PLAN_ITEM_HOURS_REQUIRED = Message(
    "workcare_plan_item_hours_required", "時間単位の介護休暇には時間数（1時間単位）を入力してください。"
)
WORKCARE_PLAN_ITEM_HOURS_ONE_DAY = Message(
    "workcare_plan_item_hours_one_day", "時間単位の介護休暇は1日ごとに入力してください（終了日は開始日と同じ日）。"
)
WORKCARE_PLAN_ITEM_HOURS_ONLY_DAYS_OFF = Message(
    "workcare_plan_item_hours_only_days_off", "時間数は介護休暇（時間単位）のときだけ入力します。"
)
WORKCARE_PLAN_ITEM_HOURS_TOO_MANY = Message(
    "workcare_plan_item_hours_too_many",
    "時間数は1日の所定労働時間（{hours}時間）未満にしてください。1日単位なら時間数を空にします。",
)
WORKCARE_PLAN_ITEM_DAYS_OFF_TOO_LONG = Message(
    "workcare_plan_item_days_off_too_long", "介護休暇の期間が長すぎます。長期の休みは介護休業で計画してください。"
)
WORKCARE_MEASURE_NOT_IN_POLICY = Message(
    "workcare_measure_not_in_policy", "会社の両立支援制度に{measure}がありません。"
)
WORKCARE_MEASURE_NO_FAMILY = Message(
    "workcare_measure_no_family", "対象家族が登録されていないため制度を確認できません。"
)
WORKCARE_MEASURE_CHECK_UNAVAILABLE = Message("workcare_measure_check_unavailable", "制度の判定を行えませんでした。")
WORKCARE_MEETING_LOCKED = Message(
    "workcare_meeting_locked",
    "この面談記録は確定しています（記録から7日を過ぎたか、プランに同意済み）。訂正は次の面談記録に残してください。",
)
WORKCARE_MEETING_NEXT_BEFORE_HELD = Message(
    "workcare_meeting_next_before_held", "次回面談予定日は実施日より後の日付にしてください。"
)
WORKCARE_MEETING_PLAN_OTHER = Message(
    "workcare_meeting_plan_other", "面談のプランは、この従業員の両立プランから選んでください。"
)
WORKCARE_MEETING_HELD_FUTURE = Message("workcare_meeting_held_future", "実施日に未来の日付は指定できません。")


# === entitlements, leave ledger (H-rules) ======================================================
# (add this area's entries below this line)
# Refusals of the entitlement rules (workcare/rules.py; each refusal also names its article).
CARE_LEAVE_PERIODS_EXCEEDED = Message(
    "care_leave_periods_exceeded",
    "この対象家族の介護休業は既に{used}回取得しています（上限{limit}回）。これ以上は分割して取得できません。",
)
CARE_LEAVE_DAYS_EXCEEDED = Message(
    "care_leave_days_exceeded",
    "この対象家族の介護休業は通算{limit}日までです（取得済み{used}日、申出{requested}日、残り{left}日）。",
)
CARE_LEAVE_FIXED_TERM = Message(
    "care_leave_fixed_term",
    "有期契約の終了日（{end}）が、開始予定日から93日を経過する日から6か月を経過する日（{deadline}）までに"
    "到来します。契約が更新されないことが明らかな場合は介護休業の対象外です。",
)
CARE_LEAVE_EXCLUDED_UNDER_1_YEAR = Message(
    "care_leave_excluded_under_1_year",
    "労使協定により、継続して雇用された期間が1年未満の労働者（入社日 {hired_on}）は介護休業の対象外です。",
)
CARE_LEAVE_EXCLUDED_LEAVING_WITHIN_93_DAYS = Message(
    "care_leave_excluded_leaving_within_93_days",
    "労使協定により、申出の日から93日以内に雇用関係が終了することが明らかな労働者（契約終了日 {end}）は"
    "介護休業の対象外です。",
)
CARE_LEAVE_EXCLUDED_WEEKLY_2_DAYS = Message(
    "care_leave_excluded_weekly_2_days",
    "労使協定により、1週間の所定労働日数が2日以下の労働者（週{days}日）は介護休業の対象外です。",
)
CARE_DAYS_OFF_EXCEEDED = Message(
    "care_days_off_exceeded",
    "{fiscal_year_start}からの年度の介護休暇は{entitled}日（{entitled_hours}時間）までです"
    "（取得済み{used}時間、申出{requested}時間、残り{left}時間）。",
)
CARE_DAYS_OFF_HOURS = Message(
    "care_days_off_hours",
    "時間単位の介護休暇は1時間以上、1日の所定労働時間数（{daily}時間）に満たない時間数で申し出てください"
    "（1日分は{unit}時間として数えます）。",
)
CARE_DAYS_OFF_EXCLUDED_WEEKLY_2_DAYS = Message(
    "care_days_off_excluded_weekly_2_days",
    "労使協定により、1週間の所定労働日数が2日以下の労働者（週{days}日）は介護休暇の対象外です。",
)
REQUEST_NOTICE_LATE = Message(
    "request_notice_late",
    "{system}は開始予定日の1か月前（{deadline}）までに請求してください（請求日 {requested_on}）。",
)
REQUEST_PERIOD_TOO_SHORT = Message(
    "request_period_too_short", "{system}の1回の請求期間は{minimum}以上です（{start}〜{end}）。"
)
REQUEST_PERIOD_TOO_LONG = Message(
    "request_period_too_long", "{system}の1回の請求期間は{maximum}以内です（{start}〜{end}）。"
)
REQUEST_EXCLUDED_UNDER_1_YEAR = Message(
    "request_excluded_under_1_year",
    "継続して雇用された期間が1年未満の労働者（入社日 {hired_on}）は{system}を請求できません。",
)
REQUEST_EXCLUDED_WEEKLY_2_DAYS = Message(
    "request_excluded_weekly_2_days",
    "1週間の所定労働日数が2日以下の労働者（週{days}日）は{system}を請求できません。",
)
REQUEST_AGREEMENT_UNDER_1_YEAR = Message(
    "request_agreement_under_1_year",
    "労使協定により、継続して雇用された期間が1年未満の労働者（入社日 {hired_on}）は{system}の対象外です。",
)
REQUEST_AGREEMENT_WEEKLY_2_DAYS = Message(
    "request_agreement_weekly_2_days",
    "労使協定により、1週間の所定労働日数が2日以下の労働者（週{days}日）は{system}の対象外です。",
)
REDUCED_HOURS_USES_EXCEEDED = Message(
    "reduced_hours_uses_exceeded",
    "この対象家族の所定労働時間の短縮等の措置は既に{used}回利用しています（制度上の回数は{limit}回）。",
)
REDUCED_HOURS_WINDOW_ENDED = Message(
    "reduced_hours_window_ended",
    "所定労働時間の短縮等の措置は、最初の利用開始日（{first}）から{years}年（{last}まで）の間に利用できます。",
)
REQUEST_OVERLAPS = Message("request_overlaps", "同じ対象家族の{system}の期間（{start}〜{end}）と重なっています。")
# The entitlement JSON (entitlement_json.py): each error names the field (e.g. employee.daily_hours).
ENTITLEMENT_REQUIRED = Message("entitlement_required", "{field} を指定してください。")
ENTITLEMENT_OBJECT = Message("entitlement_object", "{field} はJSONのオブジェクトで指定してください。")
ENTITLEMENT_LIST = Message("entitlement_list", "{field} はJSONの配列で指定してください。")
ENTITLEMENT_UNKNOWN_KEY = Message(
    "entitlement_unknown_key", "{field} という項目はありません（使える項目: {allowed}）。"
)
ENTITLEMENT_DATE = Message("entitlement_date", "{field} は日付（YYYY-MM-DD）で指定してください。")
ENTITLEMENT_DATE_RANGE = Message("entitlement_date_range", "{field} は1868-01-25〜2100-12-31の日付で指定してください。")
ENTITLEMENT_INTEGER = Message("entitlement_integer", "{field} は{minimum}以上{maximum}以下の整数で指定してください。")
ENTITLEMENT_HOURS = Message("entitlement_hours", '{field} は0より大きく24以下の時間数（例: "7.5"）で指定してください。')
ENTITLEMENT_TEXT = Message("entitlement_text", "{field} は1〜50文字の文字列で指定してください。")
ENTITLEMENT_CHOICE = Message("entitlement_choice", "{field} は次のいずれかです: {choices}")
ENTITLEMENT_MONTH_DAY = Message(
    "entitlement_month_day", "{field} は年度の開始日を MM-DD（例: 04-01）で指定してください。"
)
ENTITLEMENT_DUPLICATE_FAMILY = Message("entitlement_duplicate_family", "{field} の対象家族 {value} が重複しています。")
ENTITLEMENT_UNKNOWN_FAMILY = Message("entitlement_unknown_family", "{field} の {value} は family にない対象家族です。")
ENTITLEMENT_PERIOD_ORDER = Message("entitlement_period_order", "{field} は開始日（start）以降の日付にしてください。")
ENTITLEMENT_NOT_JSON = Message("entitlement_not_json", "{field} をJSONとして読めません（{error}）。")
# The leave ledger (services/ledger.py).
LEDGER_RECIPIENT_UNKNOWN = Message("ledger_recipient_unknown", "この従業員の対象家族を選んでください。")
LEDGER_KIND_UNKNOWN = Message("ledger_kind_unknown", "制度を選んでください。")
LEDGER_PERIOD_ORDER = Message("ledger_period_order", "終了日は開始日以降の日付にしてください。")
LEDGER_HOURS_ONE_DAY = Message(
    "ledger_hours_one_day", "時間単位の介護休暇は1日ずつ記録してください（開始日と終了日を同じ日に）。"
)
LEDGER_HOURS_ONLY_CARE_DAYS_OFF = Message("ledger_hours_only_care_days_off", "時間数は介護休暇のときだけ記録します。")
LEDGER_REFUSED = Message("ledger_refused", "{message}（{article}）")
LEDGER_RECORDED = Message("ledger_recorded", "{kind}の利用を記録しました。")
LEDGER_DELETED = Message("ledger_deleted", "記録を削除しました。")


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
