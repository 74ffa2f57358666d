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
