"""Typed inputs of the work–care services (dataclasses; no service takes **fields)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal


# === company, contract, policy, duties, invoice (H-company) ====================================
# (add this area's entries below this line)
@dataclass(frozen=True)
class CompanyProfileInput:
    industry: str = ""
    employee_count: int | None = None
    fiscal_year_start_month: int = 4
    fiscal_year_start_day: int = 1
    postal_code: str = ""
    address: str = ""


@dataclass(frozen=True)
class ContractInput:
    starts_on: dt.date
    ends_on: dt.date | None = None
    menu: tuple[str, ...] = ()
    note: str = ""


@dataclass(frozen=True)
class FeeItemInput:
    label: str
    unit: str
    unit_price: int
    included_count: int = 0


@dataclass(frozen=True)
class PolicyInput:
    effective_from: dt.date
    care_leave_days: int = 93
    care_leave_periods: int = 3
    care_leave_paid: bool = False
    care_days_off_one: int = 5
    care_days_off_two: int = 10
    care_days_off_hourly: bool = True
    care_days_off_paid: bool = False
    reduced_measures: tuple[str, ...] = ()
    reduced_measure_uses: int = 2
    reduced_measure_years: int = 3
    telework: bool = False
    overtime_exemption: bool = True
    overtime_limit: bool = True
    night_work_limit: bool = True
    labor_agreement_excludes: tuple[str, ...] = ()
    consultation_window: str = ""
    early_info_timing: str = "fiscal_year_of_40"
    notice_due_days: int = 14
    note: str = ""


@dataclass(frozen=True)
class NoticeTextInput:
    kind: str
    body: str
    includes_ltc_insurance: bool = False


@dataclass(frozen=True)
class NoticeReportInput:
    """An employee reported facing caregiving (個別周知・意向確認 starts)."""

    reported_on: dt.date
    note: str = ""


@dataclass(frozen=True)
class NoticeRecordInput:
    """What was told, how and when, and the employee's intention (第21条第2項)."""

    item_systems: bool = False
    item_contact: bool = False
    item_benefit: bool = False
    method: str = ""
    employee_wished_method: bool = False
    given_on: dt.date | None = None
    intention: str = "unanswered"
    notice_text: object | None = None  # a NoticeText of the company (kind individual), approved
    note: str = ""


@dataclass(frozen=True)
class EarlyBulkInput:
    """40歳情報提供 to every employee (or the chosen ones) whose window starts in `fiscal_year`."""

    fiscal_year: int
    method: str
    provided_on: dt.date
    includes_ltc_insurance: bool = True
    notice_text: object | None = None
    employee_ids: tuple[int, ...] | None = None  # None: everyone due and not yet provided


@dataclass(frozen=True)
class EnvironmentMeasureInput:
    kind: str
    carried_out_on: dt.date
    evidence: str = ""


# === people, roster import, invitations (H-people) =============================================
# (add this area's entries below this line)
@dataclass(frozen=True, kw_only=True)
class EmployeeInput:
    """A roster row (the company is fixed at creation; `is_active` moves by employee_deactivate)."""

    employee_number: str
    name: str
    birth_date: dt.date
    hired_on: dt.date
    department: str = ""
    weekly_days: int = 5
    daily_hours: Decimal = Decimal("8.00")
    fixed_term_end: dt.date | None = None
    email: str = ""


@dataclass(frozen=True, kw_only=True)
class CareRecipientInput:
    """対象家族: a family member the employee cares for."""

    label: str
    relation: str
    age: int | None = None
    lives_together: bool = False
    care_level: str = ""
    prefecture: str = ""
    municipality: str = ""
    is_active: bool = True


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
@dataclass(frozen=True, kw_only=True)
class WorkCarePlanInput:
    """The editable fields of a 両立プラン version (never its status, version or agreement)."""

    goals: str
    work_wishes: str = ""


@dataclass(frozen=True, kw_only=True)
class PlanItemInput:
    """A step of the plan's timeline: a company measure (checked against the law and the policy)
    or a care step. `hours`: 介護休暇 by the hour only."""

    kind: str
    starts_on: dt.date
    ends_on: dt.date | None = None
    hours: int | None = None
    detail: str = ""


@dataclass(frozen=True, kw_only=True)
class MeetingInput:
    """The MHLW 面談シート兼介護支援プラン fields of a three-party meeting."""

    kind: str
    held_on: dt.date
    care_recipient_summary: str = ""
    relation: str = ""
    lives_together: bool | None = None
    family_help: str = ""
    difficulty_hours: str = ""
    difficulty_days_off: str = ""
    difficulty_trips: str = ""
    systems_wanted: str = ""
    handover_to: str = ""
    handover_when: str = ""
    handover_how: str = ""
    agreements: str = ""
    next_meeting_on: dt.date | None = None


@dataclass(frozen=True, kw_only=True)
class AttendeeInput:
    role: str
    name: str


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
