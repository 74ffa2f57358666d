"""Facts of care-plan versions — pure Python, no Django.

- A plan version is in effect from its service start until the day before the next version
  that actually started (a version agreed but never started does not end the one before it).
- "The plan in effect in a month" is the newest version whose service period touches the month;
  compliance (monitoring duty) and billing both ask for it through careplans.selectors.
- Goal periods are written with the certification period in mind (老企第29号 第2表記載要領).
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from fractions import Fraction

from carebridge.core.dates import month_end, month_start
from carebridge.core.japanese import wareki
from carebridge.core.messages import Message

from . import messages


@dataclass(frozen=True)
class CertificationFacts:
    valid_from: dt.date
    valid_to: dt.date


@dataclass(frozen=True)
class ShortStayLine:
    """A 短期入所 service on 第2表 (types 21, 22, 23, 2A) with the days planned over its period."""

    period_start: dt.date
    period_end: dt.date
    days: int


@dataclass(frozen=True)
class PlanFacts:
    """One plan version with the dates of its process (as recorded)."""

    plan_id: int
    version: int
    reason: str
    drafted_on: dt.date
    assessed_on: dt.date | None = None
    # The assessment the version stands on: held at the home, client and family interviewed
    # (運営基準第13条第7号).
    assessed_at_home: bool = False
    client_interviewed: bool = False
    family_interviewed: bool = False
    meeting_on: dt.date | None = None
    consented_on: dt.date | None = None
    delivered_client_on: dt.date | None = None
    delivered_providers_on: dt.date | None = None  # the last provider's delivery
    providers_without_delivery: int = 0
    service_start_on: dt.date | None = None
    ended_on: dt.date | None = None  # the day before the next version started (with_end_dates)
    goal_periods: tuple[tuple[dt.date, dt.date], ...] = ()
    short_stay_days: int = 0
    certification: CertificationFacts | None = None  # the one the version was made under
    short_stays: tuple[ShortStayLine, ...] = ()


def with_end_dates(versions: Sequence[PlanFacts]) -> list[PlanFacts]:
    """The versions (oldest first) with `ended_on`: the day before the next version that started."""
    ordered = sorted(versions, key=lambda v: v.version)
    out = list(ordered)
    for i, plan in enumerate(ordered[:-1]):
        nxt = next((v.service_start_on for v in ordered[i + 1 :] if v.service_start_on), None)
        if nxt is not None:
            out[i] = replace(plan, ended_on=nxt - dt.timedelta(days=1))
    return out


def in_effect_on(plan: PlanFacts, day: dt.date) -> bool:
    start = plan.service_start_on
    return start is not None and start <= day and (plan.ended_on is None or day <= plan.ended_on)


def plan_in_effect(plan: PlanFacts, month: dt.date) -> bool:
    """The version's service period (start .. ended_on) touches the month."""
    start = plan.service_start_on
    return (
        start is not None
        and start <= month_end(month)
        and (plan.ended_on is None or plan.ended_on >= month_start(month))
    )


def plan_in_effect_for(versions: Sequence[PlanFacts], month: dt.date) -> PlanFacts | None:
    """The plan in effect in a month: the newest version in effect in it (versions with end dates)."""
    current = [v for v in versions if plan_in_effect(v, month)]
    return max(current, key=lambda v: v.version) if current else None


def goal_period_outside(period: tuple[dt.date, dt.date], cert: CertificationFacts | None) -> bool:
    """For the plan editor's warning: a goal period that leaves the certification period."""
    return cert is not None and (period[0] < cert.valid_from or period[1] > cert.valid_to)


# -- 短期入所 days over a certification period (運営基準第13条第21号) --------------------------------


def _short_stay_windows(versions: Sequence[PlanFacts]) -> list[tuple[dt.date, dt.date | None, PlanFacts]]:
    """The span each version's plan is counted over: from its service start to the day before the
    next counted version starts. A version never started counts only when it is the newest one
    (the plan being prepared, from its drafting day); older unstarted drafts were superseded."""
    ordered = sorted(versions, key=lambda v: v.version)
    starts: list[tuple[dt.date, PlanFacts]] = []
    for i, plan in enumerate(ordered):
        if plan.service_start_on is not None:
            starts.append((plan.service_start_on, plan))
        elif i == len(ordered) - 1:
            starts.append((plan.drafted_on, plan))
    out: list[tuple[dt.date, dt.date | None, PlanFacts]] = []
    for i, (start, plan) in enumerate(starts):
        end = starts[i + 1][0] - dt.timedelta(days=1) if i + 1 < len(starts) else None
        if end is None or end >= start:
            out.append((start, end, plan))
    return out


def short_stay_days(
    versions: Sequence[PlanFacts],
    period: CertificationFacts,
    actual_days_by_month: Mapping[dt.date, int] | None = None,
) -> int:
    """Days of 短期入所 in a certification period, counted across plan versions (運営基準第13条第21号:
    おおむね認定有効期間の半数を超えない). Each 第2表 line's planned days are spread evenly over its
    period and counted for the part that lies in both the version's span and the certification
    period (a version replaced in July counts April–June only), summed exactly and rounded up.

    The seam for billing: `actual_days_by_month` (month start → days actually used, from the 実績 of
    第6表 when billing records them) replaces the planned days of those months. Until then it is
    empty and planned days are counted."""
    actual = actual_days_by_month or {}
    total = Fraction(0)
    for start, end, plan in _short_stay_windows(versions):
        low = max(start, period.valid_from)
        high = min(end or period.valid_to, period.valid_to)
        for line in plan.short_stays:
            first, last = max(low, line.period_start), min(high, line.period_end)
            length = (line.period_end - line.period_start).days + 1
            day = first
            while day <= last:
                piece_end = min(month_end(day), last)
                if month_start(day) not in actual:
                    total += Fraction(line.days * ((piece_end - day).days + 1), length)
                day = piece_end + dt.timedelta(days=1)
    for month, days in actual.items():
        if month_start(month) <= period.valid_to and month_end(month) >= period.valid_from:
            total += days
    return math.ceil(total)


@dataclass(frozen=True)
class GoalFacts:
    """A goal of 第2表 as the consent check sees it."""

    term: str  # "long" | "short"
    text: str
    period_start: dt.date
    period_end: dt.date
    services: int = 0


def consent_warnings(goals: Sequence[GoalFacts], cert: CertificationFacts | None) -> list[Message]:
    """What a care manager must knowingly accept before recording consent (issue 9 item 15):
    a goal whose period leaves the certification period (老企第29号 第2表記載要領: 期間は認定の
    有効期間を考慮する) and a short-term goal with no service under it (第2表: 援助内容は短期目標
    の達成に必要なもの). Each warning names the goal; the order is the plan's."""
    warnings: list[Message] = []
    for goal in goals:
        label = goal.text[:30]
        if cert is not None and goal_period_outside((goal.period_start, goal.period_end), cert):
            warnings.append(
                messages.CONSENT_WARN_GOAL_OUTSIDE.format(
                    term="長期目標" if goal.term == "long" else "短期目標",
                    goal=label,
                    start=wareki(goal.period_start),
                    end=wareki(goal.period_end),
                    valid_from=wareki(cert.valid_from),
                    valid_to=wareki(cert.valid_to),
                )
            )
        if goal.term == "short" and goal.services == 0:
            warnings.append(messages.CONSENT_WARN_SHORT_WITHOUT_SERVICE.format(goal=label))
    return warnings


# -- 第2表 ↔ 第3表 (issue 9 item 10) ------------------------------------------------------------------

# A frequency that comes back every week (週2回, 毎週, 毎日, 月・木曜, 隔週) belongs on 第3表 — or, like
# a 福祉用具貸与 used every day, under 週単位以外のサービス; 月1回, 随時 and 必要時 do not.
_WEEKLY = re.compile(r"週|毎日|[月火水木金土日](曜|・[月火水木金土日])")


@dataclass(frozen=True)
class WeeklyServiceFacts:
    """A service of 第2表 as the 第3表 check sees it."""

    content: str
    service_kind: str
    provider: str
    frequency: str


def _plain(text: str) -> str:
    return re.sub(r"\s", "", unicodedata.normalize("NFKC", text))


def is_weekly(frequency: str) -> bool:
    return bool(_WEEKLY.search(unicodedata.normalize("NFKC", frequency)))


def _named_in(service: WeeklyServiceFacts, text: str) -> bool:
    """The service's kind, provider or content named in `text` (or `text` naming a part of the kind)."""
    names = [n for n in (_plain(service.service_kind), _plain(service.provider), _plain(service.content)) if n]
    plain = _plain(text)
    return any(n in plain for n in names) or (bool(plain) and plain in _plain(service.service_kind))


def services_missing_from_week(
    services: Sequence[WeeklyServiceFacts], week_labels: Sequence[str], non_weekly: str
) -> list[Message]:
    """Weekly services of 第2表 with no block on 第3表 and no mention under 週単位以外のサービス
    (老企第29号 第3表記載要領: 第2表の援助内容で週単位のサービスを記載し、週単位以外のサービスは
    欄外に記載). A warning per service kind, in the plan's order."""
    warnings: list[Message] = []
    seen: set[str] = set()
    for service in services:
        if not is_weekly(service.frequency) or service.service_kind in seen:
            continue
        if any(_named_in(service, label) for label in week_labels) or _named_in_text(service, non_weekly):
            continue
        seen.add(service.service_kind)
        warnings.append(
            messages.WEEKLY_SERVICE_NOT_ON_WEEK.format(
                kind=service.service_kind, content=service.content[:30], frequency=service.frequency
            )
        )
    return warnings


def _named_in_text(service: WeeklyServiceFacts, text: str) -> bool:
    """The kind, provider or content written in a free text (週単位以外のサービス)."""
    plain = _plain(text)
    names = [n for n in (_plain(service.service_kind), _plain(service.provider), _plain(service.content)) if n]
    return bool(plain) and any(n in plain for n in names)
