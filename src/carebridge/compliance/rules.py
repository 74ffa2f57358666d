"""運営基準 checks — pure Python, no Django.

Each finding names the rule it comes from. Sources (see ../shared/domain/kyotaku.md):
- 指定居宅介護支援等の事業の人員及び運営に関する基準 (平成11年厚生省令第38号) 第13条:
  第6〜11号 the process (assessment at home → draft → サービス担当者会議 → 説明・同意 → 交付),
  第14号 monitoring at least monthly at the home (since 2024-04 a video visit may replace it with
  written consent, a home visit at least every 2 months and the team's agreement: casework/rules.py),
  第7号 the assessment held at the home, interviewing the client and the family,
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
from carebridge.careplans.rules import CertificationFacts, PlanFacts, in_effect_on, plan_in_effect, short_stay_days
from carebridge.casework.rules import (
    SPECIAL_CIRCUMSTANCE_LABELS,
    SpecialCircumstanceFacts,
    SpecialCircumstanceReason,
    VisitFacts,
    video_visit_allowed,
)
from carebridge.clients.rules import RenewalFacts, renewal_due, renewal_window_opens
from carebridge.core.dates import month_end, month_start, previous_month
from carebridge.core.japanese import wareki, wareki_month

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
    # issue 9 items 6 and 13 (the certification in effect; short stays across versions)
    NO_CERTIFICATION_IN_EFFECT = "no_certification_in_effect"
    # issue 9 (運営基準 done right)
    MONITORING_BEFORE_START = "monitoring_before_start"
    SPECIAL_CIRCUMSTANCE = "special_circumstance"
    CERTIFICATION_MEETING_MISSING = "certification_meeting_missing"
    HOME_ASSESSMENT_MISSING = "home_assessment_missing"
    CONTRACT_EXPLANATION_MISSING = "contract_explanation_missing"
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
    # issue 9 items 6 and 13
    Rule.SHORT_STAY_OVER_HALF: (
        "運営基準第13条第21号（短期入所は認定有効期間のおおむね半数以下。超える場合は理由書による保険者の承認）",
        False,
    ),
    Rule.NO_CERTIFICATION_IN_EFFECT: (
        "介護保険法第27条・第28条・第41条（保険給付は要介護認定の有効期間内に限る）",
        False,
    ),
    # issue 9 (運営基準 done right) ---------------------------------------------------------------
    Rule.MONITORING_BEFORE_START: (
        "運営基準第13条第14号（サービス開始月も開始日以降に居宅訪問・モニタリング。厚労省Q&A「原則として暦月」）",
        True,
    ),
    Rule.SPECIAL_CIRCUMSTANCE: ("運営基準第13条第14号「特段の事情のない限り」（老企第22号 第二の3(8)⑭）", False),
    Rule.CERTIFICATION_MEETING_MISSING: (
        "運営基準第13条第15号（更新認定・区分変更認定を受けた場合のサービス担当者会議）",
        True,
    ),
    Rule.HOME_ASSESSMENT_MISSING: (
        "運営基準第13条第7号（居宅を訪問し、利用者及び家族に面接してアセスメント）",
        True,
    ),
    Rule.CONTRACT_EXPLANATION_MISSING: (
        "運営基準第4条第2項（複数事業所の紹介を求められること等の契約時の説明。平成30年度から減算対象）",
        True,
    ),
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
    # issue 9 items 6 and 13: every 認定 line (申請中 included) and the periods with the insurer's
    # approval of short stays beyond half (理由書)
    certification_periods: tuple[CertificationFacts, ...] = ()
    short_stay_approved: tuple[CertificationFacts, ...] = ()
    prevention_plans: tuple[PreventionPlanFacts, ...] = ()  # 介護予防 plans that started
    prevention_records: tuple[MonitoringRecord, ...] = ()
    # issue 9: every certification line, every meeting day (会議 or 照会), the contracts and the
    # months recorded as 特段の事情.
    certifications: tuple[CertificationEvent, ...] = ()
    meetings: tuple[dt.date, ...] = ()
    contracts: tuple[ContractFacts, ...] = ()
    special_circumstances: tuple[SpecialCircumstanceFacts, ...] = ()


@dataclass(frozen=True)
class CertificationEvent:
    """One certified line of the client's 認定 history: its decision date (認定日) and period."""

    valid_from: dt.date
    valid_to: dt.date
    certified_on: dt.date | None


@dataclass(frozen=True)
class ContractFacts:
    """A 居宅介護支援契約 and whether 第4条第2項's explanation was given at contract."""

    contracted_on: dt.date
    ended_on: dt.date | None
    multiple_providers_explained: bool


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
    """A day in a finding's sentence, in 和暦 (issue 9 item 22): 令和8年12月31日."""
    return wareki(day)


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
    """Monthly monitoring is due in every month in which a plan is in effect, the month services
    start included (運営基準第13条第14号; MHLW Q&A: 「原則として暦月」)."""
    return any(plan_in_effect(p, month) for p in plans)


def monitoring_due_from(plans: Sequence[PlanFacts], month: dt.date) -> dt.date | None:
    """The first day of the month on which a visit counts: the day services started when they
    started in this month (a plan starting on the 30th needs a visit on the 30th or 31st), else
    the 1st. None when no monitoring is due in the month. A later version starting mid-month
    does not move the day: the earlier version was in effect before it."""
    started = [p.service_start_on for p in plans if plan_in_effect(p, month) and p.service_start_on is not None]
    if not started:
        return None
    return max(month_start(month), min(started))


def monitoring_satisfied(plans: Sequence[PlanFacts], visits: Sequence[VisitFacts], month: dt.date) -> bool:
    """True when the month needs no visit or has a monitoring record (MonitoringVisit) dated on or
    after the day it counts from. A visit for the assessment or the delivery counts only when it
    was recorded as the month's monitoring, so only monitoring records are looked at."""
    due_from = monitoring_due_from(plans, month)
    if due_from is None:
        return True
    month = month_start(month)
    return any(v.month == month and v.visited_on >= due_from for v in visits)


# -- the checks ----------------------------------------------------------------------------------


def findings_for_month(case: ClientCase, month: dt.date, today: dt.date) -> list[Finding]:
    """Everything that is wrong (or at risk) for this client in this month."""
    month = month_start(month)
    last_day = month_end(month)
    out: list[Finding] = []
    cid = case.client_id

    out.extend(_monitoring_findings(case, month, today))
    out.extend(_certification_meeting_findings(case, month))
    out.extend(_contract_findings(case, month))

    for plan in case.plans:
        # Versions drafted later, or that ended before this month, are not this month's business.
        if plan.drafted_on > last_day or (plan.ended_on is not None and plan.ended_on < month):
            continue
        out.extend(_plan_findings(cid, plan, last_day))
        cert = plan.certification or case.certification
        if cert is not None:
            out.extend(_goal_findings(cid, plan, cert))
    out.extend(certification_findings(case, month, today))

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
    if plan.reason in HOME_ASSESSMENT_REASONS and (started or plan.consented_on):
        missing = home_assessment_missing(plan)
        if missing:
            text = messages.HOME_ASSESSMENT_MISSING.format(label=label, missing="・".join(missing))
            out.append(Finding(cid, Rule.HOME_ASSESSMENT_MISSING, text, plan.plan_id))
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


# -- the certification in effect and short stays (issue 9 items 6 and 13) ---------------------------


def certification_findings(case: ClientCase, month: dt.date, today: dt.date) -> list[Finding]:
    """A plan in effect on days no certification covers, and short stays beyond half of the
    certification in effect without the insurer's approval."""
    return [*_uncertified_findings(case, month, today), *_short_stay_findings(case)]


def _uncertified_findings(case: ClientCase, month: dt.date, today: dt.date) -> list[Finding]:
    """Days of the month (up to today) on which a plan version is in effect and no 認定 line
    (認定済, or 申請中 — the decision reaches back to the application: 法第27条第8項) covers them."""
    first, last = month_start(month), min(month_end(month), today)
    days = [first + dt.timedelta(days=n) for n in range((last - first).days + 1)]
    planned = [d for d in days if any(in_effect_on(p, d) for p in case.plans)]
    lines = case.certification_periods or ((case.certification,) if case.certification is not None else ())
    periods = [(c.valid_from, c.valid_to) for c in lines]
    uncovered = [d for d in planned if not any(start <= d <= end for start, end in periods)]
    if not uncovered:
        return []
    text = messages.NO_CERTIFICATION_IN_EFFECT.format(first=_fmt(uncovered[0]), count=len(uncovered))
    return [Finding(case.client_id, Rule.NO_CERTIFICATION_IN_EFFECT, text)]


def _short_stay_findings(case: ClientCase) -> list[Finding]:
    """運営基準第13条第21号: days across plan versions over the certification in effect (planned days
    until billing records actuals: careplans/rules.py short_stay_days); a finding only when more
    than half and the insurer's approval (理由書) is not recorded for that certification."""
    cert = case.certification
    if cert is None or cert in case.short_stay_approved:
        return []
    days = short_stay_days(case.plans, cert)
    period_days = (cert.valid_to - cert.valid_from).days + 1
    if days * 2 <= period_days:
        return []
    text = messages.SHORT_STAY_OVER_HALF.format(days=days, period=period_days)
    return [Finding(case.client_id, Rule.SHORT_STAY_OVER_HALF, text)]


# -- issue 9: start month, 特段の事情, meetings at certification, home assessment, contract ---------


def _monitoring_findings(case: ClientCase, month: dt.date, today: dt.date) -> list[Finding]:
    """運営基準第13条第14号: a monitoring record every month a plan is in effect, the start month
    included (on or after the start day). A month recorded as 特段の事情 (the client's own
    circumstances) is shown as such instead, without 減算 risk."""
    cid = case.client_id
    due_from = monitoring_due_from(case.plans, month)
    if due_from is None:
        return []
    visit = next((v for v in case.visits if v.month == month), None)
    if visit is not None and visit.visited_on >= due_from:
        if video_visit_allowed(visit, case.visits):
            return []
        found = Finding(cid, Rule.VIDEO_VISIT_NOT_ALLOWED, messages.VIDEO_VISIT_NOT_ALLOWED)
    elif visit is not None:
        text = messages.MONITORING_BEFORE_START.format(visited=_fmt(visit.visited_on), start=_fmt(due_from))
        found = Finding(cid, Rule.MONITORING_BEFORE_START, text)
    else:
        when = messages.THIS_MONTH if month == month_start(today) else wareki_month(month)
        text = messages.MONITORING_NOT_DONE if month_end(month) >= today else messages.MONITORING_NOT_RECORDED
        found = Finding(cid, Rule.MONITORING_MISSING, text.format(when=when))
    special = next((s for s in case.special_circumstances if s.month == month), None)
    if special is not None:
        reason = SPECIAL_CIRCUMSTANCE_LABELS.get(SpecialCircumstanceReason(special.reason), special.reason)
        text = messages.SPECIAL_CIRCUMSTANCE.format(month=wareki_month(month), reason=reason)
        return [Finding(cid, Rule.SPECIAL_CIRCUMSTANCE, text)]
    return [found]


# Plan reasons that need an assessment at the home before the draft (第13条第7号; the 減算 covers
# a new plan and a change of plan).
HOME_ASSESSMENT_REASONS = frozenset({"new", "change"})


def home_assessment_missing(plan: PlanFacts) -> list[str]:
    """What 第13条第7号 asks of the assessment behind a new or changed plan and the version lacks:
    dated on or before the draft, held at the home (居宅), the client and the family interviewed."""
    if plan.assessed_on is None:
        return [messages.NO_ASSESSMENT]
    missing: list[str] = []
    if plan.assessed_on > plan.drafted_on:
        missing.append(messages.ASSESSED_AFTER_DRAFT)
    if not plan.assessed_at_home:
        missing.append(messages.NOT_AT_HOME)
    if not plan.client_interviewed:
        missing.append(messages.CLIENT_NOT_INTERVIEWED)
    if not plan.family_interviewed:
        missing.append(messages.FAMILY_NOT_INTERVIEWED)
    return missing


def certification_needing_meeting(case: ClientCase, month: dt.date) -> CertificationEvent | None:
    """運営基準第13条第15号: a renewal (更新認定) or level change (区分変更認定) calls for a
    サービス担当者会議 (or 照会 where unavoidable), whether or not a new plan version was made.
    The certification effective in the month that follows an earlier one in the history, decided
    (認定日) by the month's end, with no meeting on or after its decision day by the month's end;
    flagged from the month it is effective and decided. Only for a client with a plan in effect."""
    month = month_start(month)
    last_day = month_end(month)
    if not any(plan_in_effect(p, month) for p in case.plans):
        return None
    history = sorted(case.certifications, key=lambda c: c.valid_from)
    effective = [c for c in history if c.valid_from <= last_day]
    if len(effective) < 2:  # the first certification's meeting is the new plan's (第13条第9号)
        return None
    cert = effective[-1]
    if cert.certified_on is None or cert.certified_on > last_day:
        return None
    if any(cert.certified_on <= day <= last_day for day in case.meetings):
        return None
    return cert


def _certification_meeting_findings(case: ClientCase, month: dt.date) -> list[Finding]:
    cert = certification_needing_meeting(case, month)
    if cert is None or cert.certified_on is None:
        return []
    text = messages.CERTIFICATION_MEETING_MISSING.format(
        certified_on=_fmt(cert.certified_on), valid_from=_fmt(cert.valid_from)
    )
    return [Finding(case.client_id, Rule.CERTIFICATION_MEETING_MISSING, text)]


def contract_explanation_missing(case: ClientCase, month: dt.date) -> str | None:
    """運営基準第4条第2項: at contract the client is told that they may ask for several providers
    to be introduced and for the reasons each was chosen. For a month with a plan in effect: the
    message when the contract in effect lacks that explanation (from the contract month) or there
    is no contract at all; None otherwise."""
    month = month_start(month)
    last_day = month_end(month)
    if not any(plan_in_effect(p, month) for p in case.plans):
        return None
    current = [c for c in case.contracts if c.contracted_on <= last_day and (c.ended_on is None or c.ended_on >= month)]
    if not current:
        return messages.NO_CONTRACT
    if any(c.multiple_providers_explained for c in current):
        return None
    first = min(c.contracted_on for c in current)
    return messages.CONTRACT_NOT_EXPLAINED.format(contracted_on=_fmt(first))


def _contract_findings(case: ClientCase, month: dt.date) -> list[Finding]:
    text = contract_explanation_missing(case, month)
    return [] if text is None else [Finding(case.client_id, Rule.CONTRACT_EXPLANATION_MISSING, text)]


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
