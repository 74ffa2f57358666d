"""介護予防 plans — pure Python, no Django.

Which plan a client gets (介護保険法 第8条第24項 居宅サービス計画 / 第8条の2第16項 介護予防サービス計画):
- 要介護1〜5: 居宅介護支援 makes a 居宅サービス計画 (第1〜3表, careplans.models.CarePlan);
- 要支援1・2 and 事業対象者: 介護予防支援 (or 介護予防ケアマネジメント for 事業対象者) makes a
  介護予防サービス・支援計画書 (careplans.prevention_models.PreventionPlan), by a 地域包括支援センター, by a
  居宅介護支援事業所 designated for it (since 2024-04-01, 介護保険法 第58条 as amended by 令和5年法律第31号)
  or on a センター's commission.

Its monitoring (指定介護予防支援等の事業の人員及び運営並びに指定介護予防支援等に係る介護予防のための効果的な
支援の方法に関する基準, 平成18年厚生労働省令第37号, 第30条第16号 (verify the numbering against the
current text)):
- イ a home visit and an interview at least once in every three months counted from the month
  after services start, in the month the evaluation period ends, and when the client's condition
  changes markedly;
- ロ in the other months, contact (a visit to the day service, a telephone call …);
- ハ a monitoring record at least once every month.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from carebridge.core.dates import month_start

# 要介護状態区分 (clients.rules.CareLevel values) that get a 介護予防サービス・支援計画書.
PREVENTION_LEVELS = frozenset({"jigyo_taisho", "support_1", "support_2"})
CARE_LEVELS = frozenset({"care_1", "care_2", "care_3", "care_4", "care_5"})

# The first day a 居宅介護支援事業所 could be designated as a 指定介護予防支援事業者 (verify).
DESIGNATION_FROM = dt.date(2024, 4, 1)

# イ: a home visit at least once in every this many months (counted from the month after the start).
HOME_VISIT_EVERY_MONTHS = 3


class PlanKind(StrEnum):
    CARE = "care"  # 居宅サービス計画書 (第1〜3表)
    PREVENTION = "prevention"  # 介護予防サービス・支援計画書


def plan_kind_for(care_level: str | None) -> PlanKind | None:
    """The kind of plan a client with this 要介護状態区分 gets; None when the level is not known
    yet (an application still pending: either kind may be drafted provisionally)."""
    if care_level in PREVENTION_LEVELS:
        return PlanKind.PREVENTION
    if care_level in CARE_LEVELS:
        return PlanKind.CARE
    return None


def needs_commission(*, designated: bool, designated_on: dt.date | None, on: dt.date) -> bool:
    """A 居宅介護支援事業所 that is not designated as 介護予防支援事業所 on `on` may make the plan only
    on a 地域包括支援センター's commission (介護保険法 第115条の23第3項), which the plan then names."""
    return not (designated and designated_on is not None and designated_on <= on)


def months_between(earlier: dt.date, later: dt.date) -> int:
    """Whole calendar months from `earlier`'s month to `later`'s month (same month: 0)."""
    return (later.year - earlier.year) * 12 + later.month - earlier.month


def add_months(month: dt.date, count: int) -> dt.date:
    index = month.year * 12 + month.month - 1 + count
    return dt.date(index // 12, index % 12 + 1, 1)


@dataclass(frozen=True)
class MonitoringRecord:
    """One monitoring record of a month: whether it was made at the client's home."""

    month: dt.date  # 1st of the month
    at_home: bool


@dataclass(frozen=True)
class PreventionPlanFacts:
    """The plan in effect: its service start, the end of its evaluation period (the latest end of
    its support rows) and the day it ended (a newer version started), if any."""

    plan_id: int
    service_start_on: dt.date
    evaluation_end_on: dt.date | None = None
    ended_on: dt.date | None = None


class Gap(StrEnum):
    RECORD_MISSING = "record_missing"  # ハ: no monitoring record this month
    HOME_VISIT_MISSING = "home_visit_missing"  # イ: the three-month window ends without a home visit
    EVALUATION_VISIT_MISSING = "evaluation_visit_missing"  # イ: evaluation month without a home visit


def in_effect(plan: PreventionPlanFacts, month: dt.date) -> bool:
    """Services of the plan run in some day of the month."""
    month = month_start(month)
    if month_start(plan.service_start_on) > month:
        return False
    return plan.ended_on is None or month_start(plan.ended_on) >= month


def window_of(start: dt.date, month: dt.date) -> tuple[dt.date, dt.date] | None:
    """The three-month window (first month, last month) that holds `month`, counted from the month
    after services start; None for the start month itself (its home visit is the assessment's)."""
    offset = months_between(month_start(start), month_start(month))
    if offset < 1:
        return None
    first_offset = 1 + (offset - 1) // HOME_VISIT_EVERY_MONTHS * HOME_VISIT_EVERY_MONTHS
    first = add_months(month_start(start), first_offset)
    return first, add_months(first, HOME_VISIT_EVERY_MONTHS - 1)


def monitoring_gaps(plan: PreventionPlanFacts, records: Iterable[MonitoringRecord], month: dt.date) -> list[Gap]:
    """What 第30条第16号 asks for in `month` and the records do not show.

    - from the month after services start, every month needs a monitoring record (ハ);
    - the last month of each three-month window needs a home visit somewhere in the window (イ);
    - the month the evaluation period ends needs a home visit in that month (イ).
    The start month holds no duty: the plan was made after a home assessment that month.
    """
    month = month_start(month)
    if not in_effect(plan, month) or months_between(plan.service_start_on, month) < 1:
        return []
    by_month: dict[dt.date, list[MonitoringRecord]] = {}
    for record in records:
        by_month.setdefault(month_start(record.month), []).append(record)
    gaps: list[Gap] = []
    if not by_month.get(month):
        gaps.append(Gap.RECORD_MISSING)
    window = window_of(plan.service_start_on, month)
    if window is not None and window[1] == month:
        first, last = window
        if not any(r.at_home for m, rows in by_month.items() if first <= m <= last for r in rows):
            gaps.append(Gap.HOME_VISIT_MISSING)
    if plan.evaluation_end_on is not None and month_start(plan.evaluation_end_on) == month:
        if not any(r.at_home for r in by_month.get(month, [])):
            gaps.append(Gap.EVALUATION_VISIT_MISSING)
    return gaps
