"""Facts of care-plan versions — pure Python, no Django.

- A plan version is in effect from its service start until the day before the next version
  that actually started (a version agreed but never started does not end the one before it).
- "The plan in effect in a month" is the newest version whose service period touches the month;
  compliance (monitoring duty) and billing both ask for it through careplans.selectors.
- Goal periods are written with the certification period in mind (老企第29号 第2表記載要領).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace

from carebridge.core.dates import month_end, month_start
from carebridge.core.japanese import wareki
from carebridge.core.messages import Message

from . import messages


@dataclass(frozen=True)
class CertificationFacts:
    valid_from: dt.date
    valid_to: dt.date


@dataclass(frozen=True)
class PlanFacts:
    """One plan version with the dates of its process (as recorded)."""

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
    ended_on: dt.date | None = None  # the day before the next version started (with_end_dates)
    goal_periods: tuple[tuple[dt.date, dt.date], ...] = ()
    short_stay_days: int = 0
    certification: CertificationFacts | None = None  # the one the version was made under


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
