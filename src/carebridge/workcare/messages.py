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
PLAN_LOCKED = Message(
    "workcare_plan_locked",
    "同意済みの両立プランは変更できません。内容を変えるときは「変更」で新しい版を作成してください。",
)
PLAN_ALREADY_AGREED = Message("workcare_plan_already_agreed", "この両立プランにはすでに同意が記録されています。")
PLAN_AGREE_EMPTY = Message("workcare_plan_agree_empty", "項目のない両立プランには同意できません。")
PLAN_AGREE_REFUSED = Message(
    "workcare_plan_agree_refused",
    "法令・会社の制度で認められない項目があるため同意できません: {reasons}",
)
PLAN_AGREE_NOT_CHECKED = Message(
    "workcare_plan_agree_not_checked", "制度の確認ができない項目があるため同意できません: {items}"
)
PLAN_AGREED_ON_FUTURE = Message("workcare_plan_agreed_on_future", "同意日に未来の日付は指定できません。")
PLAN_AGREE_NOT_OWN = Message("workcare_plan_agree_not_own", "本人の両立プランにのみ同意できます。")
PLAN_REVISE_ONLY_AGREED = Message(
    "workcare_plan_revise_only_agreed", "「変更」は同意済みの版から行います。作成中の版はそのまま編集できます。"
)
PLAN_REVISE_ALREADY = Message(
    "workcare_plan_revise_already", "この版からはすでに第{version}版が作成されています。新しい版を編集してください。"
)
PLAN_RECIPIENT_OTHER = Message("workcare_plan_recipient_other", "対象家族は、この従業員の家族から選んでください。")
PLAN_ITEM_END_BEFORE_START = Message("workcare_plan_item_end_before_start", "終了日は開始日以降の日付にしてください。")
PLAN_ITEM_END_REQUIRED = Message("workcare_plan_item_end_required", "この制度には終了日を入力してください。")
PLAN_ITEM_HOURS_REQUIRED = Message(
    "workcare_plan_item_hours_required", "時間単位の介護休暇には時間数（1時間単位）を入力してください。"
)
PLAN_ITEM_HOURS_ONE_DAY = Message(
    "workcare_plan_item_hours_one_day", "時間単位の介護休暇は1日ごとに入力してください（終了日は開始日と同じ日）。"
)
PLAN_ITEM_HOURS_ONLY_DAYS_OFF = Message(
    "workcare_plan_item_hours_only_days_off", "時間数は介護休暇（時間単位）のときだけ入力します。"
)
PLAN_ITEM_HOURS_TOO_MANY = Message(
    "workcare_plan_item_hours_too_many",
    "時間数は1日の所定労働時間（{hours}時間）未満にしてください。1日単位なら時間数を空にします。",
)
MEASURE_NOT_IN_POLICY = Message("workcare_measure_not_in_policy", "会社の両立支援制度に{measure}がありません。")
MEASURE_NO_FAMILY = Message("workcare_measure_no_family", "対象家族が登録されていないため制度を確認できません。")
MEASURE_CHECK_UNAVAILABLE = Message("workcare_measure_check_unavailable", "制度の判定を行えませんでした。")
MEETING_LOCKED = Message(
    "workcare_meeting_locked",
    "この面談記録は確定しています（記録から7日を過ぎたか、プランに同意済み）。訂正は次の面談記録に残してください。",
)
MEETING_NEXT_BEFORE_HELD = Message(
    "workcare_meeting_next_before_held", "次回面談予定日は実施日より後の日付にしてください。"
)
MEETING_PLAN_OTHER = Message(
    "workcare_meeting_plan_other", "面談のプランは、この従業員の両立プランから選んでください。"
)
MEETING_HELD_FUTURE = Message("workcare_meeting_held_future", "実施日に未来の日付は指定できません。")


# === entitlements, leave ledger (H-rules) ======================================================
# (add this area's entries below this line)


# === portals, sharing (H-portal) ===============================================================
# (add this area's entries below this line)


# === report, seminars, surveys (H-report) ======================================================
# (add this area's entries below this line)
