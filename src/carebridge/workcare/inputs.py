"""Typed inputs of the work–care services (dataclasses; no service takes **fields)."""

from __future__ import annotations

import datetime as dt  # noqa: F401 - used by the areas below
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


# === portals, sharing (H-portal) ===============================================================
# (add this area's entries below this line)


# === report, seminars, surveys (H-report) ======================================================
# (add this area's entries below this line)
