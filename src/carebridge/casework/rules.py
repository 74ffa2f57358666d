"""運営基準 checks — pure Python, no Django.

Each finding names the rule it comes from. Sources (see ../shared/domain/kyotaku.md):
- 指定居宅介護支援等の事業の人員及び運営に関する基準 (平成11年厚生省令第38号) 第13条:
  第6〜11号 the process (assessment at home → draft → サービス担当者会議 → 説明・同意 → 交付),
  第14号 monitoring at least monthly at the home (since 2024-04 a video visit may replace it with
  written consent, a home visit at least every 2 months and the team's agreement),
  第15号 a meeting at plan change, renewal and level-change certification,
  第21号 short stays within about half of the certification period.
- 運営基準減算 (指定居宅介護支援に要する費用の額の算定に関する基準 注): 50% of the fee; none at all
  when it lasts 2 months or more.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum


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
}

# Reasons for a plan version that require a サービス担当者会議 (a "minor" change does not).
MEETING_REQUIRED_REASONS = frozenset({"new", "change", "renewal", "level_change"})
RENEWAL_WINDOW_DAYS = 60


@dataclass(frozen=True)
class CertificationFacts:
    valid_from: dt.date
    valid_to: dt.date
    renewal_filed: bool = False


@dataclass(frozen=True)
class PlanFacts:
    plan_id: int
    version: int
    reason: str
    drafted_on: dt.date
    assessed_on: dt.date | None = None
    meeting_on: dt.date | None = None
    consented_on: dt.date | None = None
    delivered_client_on: dt.date | None = None
    delivered_providers_on: dt.date | None = None  # the last provider's delivery
    providers_without_delivery: int = 0
    service_start_on: dt.date | None = None
    ended_on: dt.date | None = None  # the day before the next version started
    goal_periods: tuple[tuple[dt.date, dt.date], ...] = ()
    short_stay_days: int = 0
    certification: CertificationFacts | None = None  # the one the version was made under


@dataclass(frozen=True)
class VisitFacts:
    month: dt.date  # 1st of the month
    visited_on: dt.date
    method: str  # "home" or "video"
    video_consent_on: dt.date | None = None
    team_agreed_on: dt.date | None = None


@dataclass(frozen=True)
class ClientCase:
    client_id: int
    plans: tuple[PlanFacts, ...] = ()
    certification: CertificationFacts | None = None
    visits: tuple[VisitFacts, ...] = ()


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


# -- dates --------------------------------------------------------------------------------------


def month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def month_end(day: dt.date) -> dt.date:
    following = (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return following - dt.timedelta(days=1)


def previous_month(month: dt.date) -> dt.date:
    return month_start(month_start(month) - dt.timedelta(days=1))


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


def plan_in_effect(plan: PlanFacts, month: dt.date) -> bool:
    """A plan whose services started before this month and had not ended before it."""
    start = plan.service_start_on
    return start is not None and start < month_start(month) and (plan.ended_on is None or plan.ended_on >= month)


def video_visit_allowed(visit: VisitFacts, visits: tuple[VisitFacts, ...]) -> bool:
    """Since 2024-04: written consent, the team's agreement, and a home visit last month."""
    if visit.method != "video":
        return True
    last_month = previous_month(visit.month)
    home_last_month = any(v.month == last_month and v.method == "home" for v in visits)
    consent_ok = visit.video_consent_on is not None and visit.video_consent_on <= visit.visited_on
    team_ok = visit.team_agreed_on is not None and visit.team_agreed_on <= visit.visited_on
    return consent_ok and team_ok and home_last_month


# -- the checks ----------------------------------------------------------------------------------


def findings_for_month(case: ClientCase, month: dt.date, today: dt.date) -> list[Finding]:
    """Everything that is wrong (or at risk) for this client in this month."""
    month = month_start(month)
    last_day = month_end(month)
    out: list[Finding] = []
    cid = case.client_id

    if any(plan_in_effect(p, month) for p in case.plans):
        visit = next((v for v in case.visits if v.month == month), None)
        if visit is None:
            when = "今月" if month == month_start(today) else f"{month.year}年{month.month}月"
            state = "が未実施です" if last_day >= today else "の記録がありません"
            out.append(Finding(cid, Rule.MONITORING_MISSING, f"{when}のモニタリング（居宅訪問）{state}。"))
        elif not video_visit_allowed(visit, case.visits):
            out.append(
                Finding(
                    cid,
                    Rule.VIDEO_VISIT_NOT_ALLOWED,
                    "テレビ電話等によるモニタリングの要件"
                    "（文書による同意・担当者間の合意・前月の居宅訪問）を満たしていません。",
                )
            )

    for plan in case.plans:
        # Versions drafted later, or that ended before this month, are not this month's business.
        if plan.drafted_on > last_day or (plan.ended_on is not None and plan.ended_on < month):
            continue
        out.extend(_plan_findings(cid, plan, last_day))
        cert = plan.certification or case.certification
        if cert is not None:
            out.extend(_goal_findings(cid, plan, cert))
            out.extend(_short_stay_findings(cid, plan, cert))

    cert = case.certification
    if cert is not None and not cert.renewal_filed and today <= cert.valid_to <= today + dt.timedelta(days=60):
        opens = cert.valid_to - dt.timedelta(days=RENEWAL_WINDOW_DAYS)
        out.append(
            Finding(
                cid,
                Rule.RENEWAL_NOT_FILED,
                f"認定の有効期間が{_fmt(cert.valid_to)}に終わります。更新申請（{_fmt(opens)}から可能）が未提出です。",
            )
        )
    return out


def _plan_findings(cid: int, plan: PlanFacts, last_day: dt.date) -> list[Finding]:
    out: list[Finding] = []
    label = f"第{plan.version}版の計画"
    start = plan.service_start_on
    started = start is not None and start <= last_day
    if plan.reason in MEETING_REQUIRED_REASONS and plan.meeting_on is None and (started or plan.consented_on):
        message = f"{label}についてサービス担当者会議の記録がありません。"
        out.append(Finding(cid, Rule.MEETING_MISSING, message, plan.plan_id))
    if started and start is not None:
        if plan.consented_on is None or plan.consented_on > start:
            message = f"{label}はサービス開始までに同意を得ていません。"
            out.append(Finding(cid, Rule.NOT_CONSENTED_BEFORE_START, message, plan.plan_id))
        delivered = (
            plan.delivered_client_on is not None
            and plan.delivered_client_on <= start
            and plan.providers_without_delivery == 0
            and (plan.delivered_providers_on is None or plan.delivered_providers_on <= start)
        )
        if not delivered:
            out.append(
                Finding(
                    cid,
                    Rule.NOT_DELIVERED_BEFORE_START,
                    f"{label}はサービス開始までに利用者・各事業所への交付が済んでいません。",
                    plan.plan_id,
                )
            )
    for earlier, later in date_order_breaks(plan):
        out.append(Finding(cid, Rule.DATE_ORDER, f"{label}: {later}の日付が{earlier}より前です。", plan.plan_id))
    return out


def _goal_findings(cid: int, plan: PlanFacts, cert: CertificationFacts) -> list[Finding]:
    outside = [(s, e) for s, e in plan.goal_periods if s < cert.valid_from or e > cert.valid_to]
    if not outside:
        return []
    return [
        Finding(
            cid,
            Rule.GOAL_OUTSIDE_CERTIFICATION,
            f"第{plan.version}版の計画: 目標の期間{len(outside)}件が認定の有効期間"
            f"（{_fmt(cert.valid_from)}〜{_fmt(cert.valid_to)}）の外にあります。",
            plan.plan_id,
        )
    ]


def _short_stay_findings(cid: int, plan: PlanFacts, cert: CertificationFacts) -> list[Finding]:
    period_days = (cert.valid_to - cert.valid_from).days + 1
    if plan.short_stay_days * 2 <= period_days:
        return []
    return [
        Finding(
            cid,
            Rule.SHORT_STAY_OVER_HALF,
            f"短期入所の予定日数（{plan.short_stay_days}日）が認定有効期間（{period_days}日）の半数を超えています。",
            plan.plan_id,
        )
    ]


def goal_period_outside(period: tuple[dt.date, dt.date], cert: CertificationFacts | None) -> bool:
    """For the plan editor's warning: a goal period that leaves the certification period."""
    return cert is not None and (period[0] < cert.valid_from or period[1] > cert.valid_to)


def penalty_label(current: list[Finding], previous: list[Finding]) -> str | None:
    """運営基準減算 for one client and month, given that client's findings of last month too."""
    if not any(f.penalty_risk for f in current):
        return None
    return "算定不可（2か月以上継続）" if any(f.penalty_risk for f in previous) else "50%減算のおそれ"


def penalty_months(findings_by_month: dict[dt.date, list[Finding]]) -> dict[dt.date, str]:
    """For each month with a penalty-risk finding: 50% (減算) or none at all (2+ months in a row)."""
    out: dict[dt.date, str] = {}
    for month in sorted(findings_by_month):
        if any(f.penalty_risk for f in findings_by_month[month]):
            before = previous_month(month)
            out[month] = "算定不可（2か月以上継続）" if before in out else "50%減算"
    return out
