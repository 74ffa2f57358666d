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


# === portals, sharing (H-portal) ===============================================================
# (add this area's entries below this line)


# === report, seminars, surveys (H-report) ======================================================
# (add this area's entries below this line)


@dataclass(frozen=True)
class SeminarInput:
    """研修・セミナー (what the workplace care manager held for the company)."""

    topic: str
    held_on: dt.date
    audience: str = ""
    attendance: int = 0
    materials: str = ""


@dataclass(frozen=True)
class SurveyInput:
    """An employee survey: our own questions (empty: the default set of survey_rules)."""

    title: str
    opens_on: dt.date
    closes_on: dt.date
    questions: tuple[dict[str, object], ...] = ()
