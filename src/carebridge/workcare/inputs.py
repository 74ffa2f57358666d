"""Typed inputs of the work–care services (dataclasses; no service takes **fields)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal  # noqa: F401

# === company, contract, policy, duties, invoice (H-company) ====================================
# (add this area's entries below this line)


# === people, roster import, invitations (H-people) =============================================
# (add this area's entries below this line)


# === consultations, assessment, screening, map, referrals, bridge (H-consult) ==================
# (add this area's entries below this line)
@dataclass(frozen=True, kw_only=True)
class ConsultationInput:
    """A consultation: requested by the employee (portal) or recorded by the workplace care manager."""

    channel: str
    content: str
    care_recipient_id: int | None = None
    worries: str = ""
    urgency: str = ""
    family_help: str = ""
    work_constraints: str = ""
    requested_on: dt.date | None = None  # default: today
    held_on: dt.date | None = None  # recorded by the workplace care manager: the day it was held


@dataclass(frozen=True, kw_only=True)
class SituationAssessmentInput:
    """判断基準 (reference only): {"1": 1..3, …, "12": 1..3}; unrated items count as 1."""

    assessed_on: dt.date
    item_levels: dict[str, int] = field(default_factory=dict)
    care_level_2_or_above: bool = False
    note: str = ""


@dataclass(frozen=True, kw_only=True)
class ScreeningInput:
    answers: dict[str, str]
    answered_on: dt.date | None = None  # default: today


@dataclass(frozen=True, kw_only=True)
class ReferralInput:
    target: str  # ReferralTarget
    reason: str
    specialist_id: int | None = None
    provider_id: int | None = None
    care_manager_id: int | None = None
    referred_on: dt.date | None = None


@dataclass(frozen=True, kw_only=True)
class CareBridgeInput:
    """The consents (who, when, the scope) and what the intake carries to the care side."""

    employee_consented_on: dt.date
    recipient_consent_by: str  # "本人" or "代理人 <name>"
    recipient_consented_on: dt.date
    scope: str
    subject_name: str  # the care recipient's name, given with consent
    main_complaint: str


# === plans, meetings (H-plans) =================================================================
# (add this area's entries below this line)


# === entitlements, leave ledger (H-rules) ======================================================
# (add this area's entries below this line)


# === portals, sharing (H-portal) ===============================================================
# (add this area's entries below this line)


# === report, seminars, surveys (H-report) ======================================================
# (add this area's entries below this line)
