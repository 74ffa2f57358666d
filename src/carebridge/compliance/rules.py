"""運営基準 checks — pure Python, no Django.

Each finding names the rule it comes from. Sources (see ../shared/domain/kyotaku.md):
- 指定居宅介護支援等の事業の人員及び運営に関する基準 (平成11年厚生省令第38号) 第13条:
  第6〜11号 the process (assessment at home → draft → サービス担当者会議 → 説明・同意 → 交付),
  第14号 monitoring at least monthly at the home (since 2024-04 a video visit may replace it with
  written consent, a home visit at least every 2 months and the team's agreement: casework/rules.py),
  第15号 a meeting at plan change, renewal and level-change certification,
  第21号 short stays within about half of the certification period.
- 運営基準減算 (指定居宅介護支援に要する費用の額の算定に関する基準 注): 50% of the fee; none at all
  when it lasts 2 months or more.
The plan facts (versions, the plan in effect) come from careplans/rules.py, the renewal-due rule
from clients/rules.py and the video-visit rule from casework/rules.py: one definition each.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from carebridge.careplans.prevention_rules import MonitoringRecord, PreventionPlanFacts
from carebridge.careplans.rules import CertificationFacts, PlanFacts, plan_in_effect
from carebridge.casework.rules import VisitFacts, video_visit_allowed
from carebridge.clients.rules import RenewalFacts, renewal_due, renewal_window_opens
from carebridge.core.dates import month_end, month_start, previous_month

from . import messages
from .prevention_rules import prevention_monitoring_texts


class Rule(StrEnum):
    MONITORING_MISSING = "monitoring_missing"
    VIDEO_VISIT_NOT_ALLOWED = "video_visit_not_allowed"
    MEETING_MISSING = "meeting_missing"
    NOT_CONSENTED_BEFORE_START = "not_consented_before_start"
    NOT_DELIVERED_BEFORE_START = "not_delivered_before_start"
    DATE_ORDER = "date_order"
    GOAL_OUTSIDE_CERTIFICATION = "goal_outside_certification"
    RENEWAL_NOT_FILED = "renewal_not_filed"
    SHORT_STAY_OVER_HALF = "short_stay_over_half"
    PREVENTION_MONITORING = "prevention_monitoring"  # 介護予防 plans (compliance/prevention_rules.py)


# The rule each check encodes, and whether breaking it risks 運営基準減算.
BASIS: dict[Rule, tuple[str, bool]] = {
    Rule.MONITORING_MISSING: ("運営基準第13条第14号（月1回以上の居宅訪問・モニタリングの記録）", True),
    Rule.VIDEO_VISIT_NOT_ALLOWED: ("運営基準第13条第14号（テレビ電話装置等によるモニタリングの要件）", True),
    Rule.MEETING_MISSING: ("運営基準第13条第9号・第15号（サービス担当者会議の開催）", True),
    Rule.NOT_CONSENTED_BEFORE_START: ("運営基準第13条第10号（計画の説明と文書による同意）", True),
    Rule.NOT_DELIVERED_BEFORE_START: ("運営基準第13条第11号（利用者及び担当者への交付）", True),
    Rule.DATE_ORDER: ("運営基準第13条第6号〜第11号（アセスメント→原案→会議→同意→交付→開始の順）", False),
    Rule.GOAL_OUTSIDE_CERTIFICATION: ("老企第29号 第2表記載要領（目標の期間は認定の有効期間を考慮）", False),
    Rule.RENEWAL_NOT_FILED: ("介護保険法第28条（更新申請は有効期間満了日の60日前から）", False),
    Rule.SHORT_STAY_OVER_HALF: ("運営基準第13条第21号（短期入所は認定有効期間のおおむね半数以下）", False),
    Rule.PREVENTION_MONITORING: (
        "介護予防支援基準第30条第16号（3か月に1回以上の居宅訪問・毎月のモニタリングの記録）",
        False,  # 介護予防支援 has no 運営基準減算
    ),
}

# Reasons for a plan version that require a サービス担当者会議 (a "minor" change does not).
MEETING_REQUIRED_REASONS = frozenset({"new", "change", "renewal", "level_change"})


@dataclass(frozen=True)
class ClientCase:
    client_id: int
    plans: tuple[PlanFacts, ...] = ()  # every version, with end dates (careplans.rules.with_end_dates)
    certification: CertificationFacts | None = None  # the current one
    visits: tuple[VisitFacts, ...] = ()
    renewal: RenewalFacts | None = None
    prevention_plans: tuple[PreventionPlanFacts, ...] = ()  # 介護予防 plans that started
    prevention_records: tuple[MonitoringRecord, ...] = ()


@dataclass(frozen=True)
class Finding:
    client_id: int
    rule: Rule
    message: str
    plan_id: int | None = None
    basis: str = field(init=False)
    penalty_risk: bool = field(init=False)

    def __post_init__(self) -> None:
        basis, penalty = BASIS[self.rule]
        object.__setattr__(self, "basis", basis)
        object.__setattr__(self, "penalty_risk", penalty)


def _fmt(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


# -- the date order of the process ---------------------------------------------------------------

STEPS = (
    ("assessed_on", "アセスメント"),
    ("drafted_on", "原案作成"),
    ("meeting_on", "サービス担当者会議"),
    ("consented_on", "同意"),
    ("delivered_client_on", "交付"),
    ("service_start_on", "サービス開始"),
)


def date_order_breaks(plan: PlanFacts) -> list[tuple[str, str]]:
    """Pairs of steps (earlier label, later label) whose dates run backwards.

    Each recorded step must be on or after every recorded step before it.
    """
    recorded = [(label, getattr(plan, name)) for name, label in STEPS if getattr(plan, name) is not None]
    breaks = []
    for i, (later_label, later_day) in enumerate(recorded):
        for earlier_label, earlier_day in recorded[:i]:
            if later_day < earlier_day:
                breaks.append((earlier_label, later_label))
    return breaks


# -- monitoring ----------------------------------------------------------------------------------


def monitoring_due(plans: Sequence[PlanFacts], month: dt.date) -> bool:
    """Monthly monitoring is due when a plan is in effect in the month and its services started
    before the month began (the start month is covered by the assessment visit)."""
    first = month_start(month)
    return any(
        plan_in_effect(p, month) and p.service_start_on is not None and p.service_start_on < first for p in plans
    )


# -- the checks ----------------------------------------------------------------------------------


def findings_for_month(case: ClientCase, month: dt.date, today: dt.date) -> list[Finding]:
    """Everything that is wrong (or at risk) for this client in this month."""
    month = month_start(month)
    last_day = month_end(month)
    out: list[Finding] = []
    cid = case.client_id

    if monitoring_due(case.plans, month):
        visit = next((v for v in case.visits if v.month == month), None)
        if visit is None:
            when = messages.THIS_MONTH if month == month_start(today) else f"{month.year}年{month.month}月"
            text = messages.MONITORING_NOT_DONE if last_day >= today else messages.MONITORING_NOT_RECORDED
            out.append(Finding(cid, Rule.MONITORING_MISSING, text.format(when=when)))
        elif not video_visit_allowed(visit, case.visits):
            out.append(Finding(cid, Rule.VIDEO_VISIT_NOT_ALLOWED, messages.VIDEO_VISIT_NOT_ALLOWED))

    for plan in case.plans:
        # Versions drafted later, or that ended before this month, are not this month's business.
        if plan.drafted_on > last_day or (plan.ended_on is not None and plan.ended_on < month):
            continue
        out.extend(_plan_findings(cid, plan, last_day))
        cert = plan.certification or case.certification
        if cert is not None:
            out.extend(_goal_findings(cid, plan, cert))
            out.extend(_short_stay_findings(cid, plan, cert))

    for gap in prevention_monitoring_texts(case.prevention_plans, case.prevention_records, month):
        out.append(Finding(cid, Rule.PREVENTION_MONITORING, gap))

    renewal = case.renewal
    if renewal is not None and renewal_due(renewal, today):
        text = messages.RENEWAL_NOT_FILED.format(
            valid_to=_fmt(renewal.valid_to), opens=_fmt(renewal_window_opens(renewal.valid_to))
        )
        out.append(Finding(cid, Rule.RENEWAL_NOT_FILED, text))
    return out


def _plan_findings(cid: int, plan: PlanFacts, last_day: dt.date) -> list[Finding]:
    out: list[Finding] = []
    label = messages.PLAN_LABEL.format(version=plan.version)
    start = plan.service_start_on
    started = start is not None and start <= last_day
    if plan.reason in MEETING_REQUIRED_REASONS and plan.meeting_on is None and (started or plan.consented_on):
        out.append(Finding(cid, Rule.MEETING_MISSING, messages.MEETING_MISSING.format(label=label), plan.plan_id))
    if started and start is not None:
        if plan.consented_on is None or plan.consented_on > start:
            text = messages.NOT_CONSENTED_BEFORE_START.format(label=label)
            out.append(Finding(cid, Rule.NOT_CONSENTED_BEFORE_START, text, plan.plan_id))
        delivered = (
            plan.delivered_client_on is not None
            and plan.delivered_client_on <= start
            and plan.providers_without_delivery == 0
            and (plan.delivered_providers_on is None or plan.delivered_providers_on <= start)
        )
        if not delivered:
            text = messages.NOT_DELIVERED_BEFORE_START.format(label=label)
            out.append(Finding(cid, Rule.NOT_DELIVERED_BEFORE_START, text, plan.plan_id))
    for earlier, later in date_order_breaks(plan):
        text = messages.DATE_ORDER.format(label=label, later=later, earlier=earlier)
        out.append(Finding(cid, Rule.DATE_ORDER, text, plan.plan_id))
    return out


def _goal_findings(cid: int, plan: PlanFacts, cert: CertificationFacts) -> list[Finding]:
    outside = [(s, e) for s, e in plan.goal_periods if s < cert.valid_from or e > cert.valid_to]
    if not outside:
        return []
    text = messages.GOAL_OUTSIDE_CERTIFICATION.format(
        version=plan.version, count=len(outside), valid_from=_fmt(cert.valid_from), valid_to=_fmt(cert.valid_to)
    )
    return [Finding(cid, Rule.GOAL_OUTSIDE_CERTIFICATION, text, plan.plan_id)]


def _short_stay_findings(cid: int, plan: PlanFacts, cert: CertificationFacts) -> list[Finding]:
    period_days = (cert.valid_to - cert.valid_from).days + 1
    if plan.short_stay_days * 2 <= period_days:
        return []
    text = messages.SHORT_STAY_OVER_HALF.format(days=plan.short_stay_days, period=period_days)
    return [Finding(cid, Rule.SHORT_STAY_OVER_HALF, text, plan.plan_id)]


# -- 運営基準減算 ----------------------------------------------------------------------------------


def penalty_label(current: Sequence[Finding], previous: Sequence[Finding]) -> str | None:
    """運営基準減算 for one client and month, given that client's findings of last month too."""
    if not any(f.penalty_risk for f in current):
        return None
    return messages.PENALTY_NONE if any(f.penalty_risk for f in previous) else messages.PENALTY_RISK_HALF


def penalty_months(findings_by_month: dict[dt.date, list[Finding]]) -> dict[dt.date, str]:
    """For each month with a penalty-risk finding: 50% (減算) or none at all (2+ months in a row)."""
    out: dict[dt.date, str] = {}
    for month in sorted(findings_by_month):
        if any(f.penalty_risk for f in findings_by_month[month]):
            out[month] = messages.PENALTY_NONE if previous_month(month) in out else messages.PENALTY_HALF
    return out
