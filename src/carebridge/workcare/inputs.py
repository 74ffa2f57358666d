"""Typed inputs of the work–care services (dataclasses; no service takes **fields)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field  # noqa: F401
from decimal import Decimal  # noqa: F401

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


@dataclass(frozen=True)
class LeaveRecordInput:
    """One use of a system in the leave ledger (LeaveRecord): a period, or hours of 介護休暇 on
    one day (`hours` None: whole days)."""

    care_recipient_id: int
    kind: str  # choices.LeaveKind
    starts_on: dt.date
    ends_on: dt.date
    hours: int | None = None
    requested_on: dt.date | None = None
    note: str = ""


# === portals, sharing (H-portal) ===============================================================
# (add this area's entries below this line)


# === report, seminars, surveys (H-report) ======================================================
# (add this area's entries below this line)
