"""Japanese messages of the work–care records (each with a stable code; tests assert them)."""

from __future__ import annotations

from carebridge.core.messages import Message  # noqa: F401 - used by the areas below


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
