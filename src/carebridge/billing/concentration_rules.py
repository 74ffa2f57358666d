"""特定事業所集中減算 — pure Python, no Django.

Source: 指定居宅介護支援に要する費用の額の算定に関する基準 別表 イ 注 (特定事業所集中減算) and 老企第36号
第3の13: for each judging period (前期 3/1〜8/31, 後期 9/1〜2月末), per service type (訪問介護 11,
通所介護 15 together with 地域密着型通所介護 78, 福祉用具貸与 17), the plans made in the period that
include the service are counted per corporation (法人) of the provider; when one corporation's
share (紹介率最高法人の割合) is over 80% and no 正当な理由 holds, 200 units come off every
居宅介護支援費 of the office for the six months of the 減算 (前期 → 10月〜翌3月, 後期 → 4月〜9月).

Periods are named "2026H1" (2026-03-01〜2026-08-31) and "2026H2" (2026-09-01〜2027-02-末).
A plan counts for a period when one of its services of that type runs during the period; a plan
with two corporations for one type counts for each; a provider without a 法人名 counts as its own
corporation (its name). Figures that may change are dated data (RULES, newest first).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction


@dataclass(frozen=True)
class ConcentrationRule:
    valid_from: dt.date
    threshold: Fraction  # flagged when the share is over this
    groups: dict[str, tuple[str, ...]]  # group code -> service type codes
    group_names: dict[str, str]
    penalty_units: int


RULES: tuple[ConcentrationRule, ...] = (
    # 令和6年度改定 (2024-04): 訪問介護・通所介護・地域密着型通所介護・福祉用具貸与, 80%超, 200単位.
    ConcentrationRule(
        valid_from=dt.date(2024, 4, 1),
        threshold=Fraction(80, 100),
        groups={"11": ("11",), "15": ("15", "78"), "17": ("17",)},
        group_names={"11": "訪問介護", "15": "通所介護（地域密着型を含む）", "17": "福祉用具貸与"},
        penalty_units=200,
    ),
)

PERIOD_PATTERN = re.compile(r"^(\d{4})H([12])$")


def rule_on(day: dt.date) -> ConcentrationRule:
    return next((r for r in RULES if day >= r.valid_from), RULES[-1])


@dataclass(frozen=True)
class Period:
    label: str
    start: dt.date
    end: dt.date

    @property
    def penalty_from(self) -> dt.date:
        """First month of the 減算 (前期 → October, 後期 → April)."""
        return dt.date(self.start.year, 10, 1) if self.start.month == 3 else dt.date(self.start.year + 1, 4, 1)

    @property
    def penalty_to(self) -> dt.date:
        """First day of the last month of the 減算."""
        return dt.date(
            self.penalty_from.year + (self.penalty_from.month == 10), 3 if self.penalty_from.month == 10 else 9, 1
        )


def parse_period(label: str) -> Period | None:
    """ "2026H1" / "2026H2" -> the judging period, None for anything else."""
    match = PERIOD_PATTERN.match(label)
    if match is None:
        return None
    year, half = int(match.group(1)), match.group(2)
    if not 2000 <= year <= 2100:
        return None
    if half == "1":
        return Period(label, dt.date(year, 3, 1), dt.date(year, 8, 31))
    return Period(label, dt.date(year, 9, 1), dt.date(year + 1, 3, 1) - dt.timedelta(days=1))


def period_of(day: dt.date) -> Period:
    """The judging period a day falls in."""
    if 3 <= day.month <= 8:
        return Period(f"{day.year}H1", dt.date(day.year, 3, 1), dt.date(day.year, 8, 31))
    year = day.year if day.month >= 9 else day.year - 1
    return Period(f"{year}H2", dt.date(year, 9, 1), dt.date(year + 1, 3, 1) - dt.timedelta(days=1))


def penalty_periods(month: dt.date) -> list[Period]:
    """The judging periods whose 減算 covers `month` (one at most)."""
    candidates = [period_of(dt.date(month.year - 1, 6, 1)), period_of(dt.date(month.year - 1, 12, 1))]
    candidates.append(period_of(dt.date(month.year, 6, 1)))
    first = dt.date(month.year, month.month, 1)
    return [p for p in candidates if p.penalty_from <= first <= p.penalty_to]


@dataclass(frozen=True)
class ServiceUse:
    """One service of one plan: the plan, its type code, the corporation and the days it runs."""

    plan_id: int
    service_type: str
    corporation: str
    start: dt.date
    end: dt.date


@dataclass(frozen=True)
class Share:
    corporation: str
    plans: int
    share: Fraction

    @property
    def percent(self) -> str:
        """The share as a percentage with one decimal, rounded down ("81.0")."""
        tenths = self.share.numerator * 1000 // self.share.denominator
        return f"{tenths // 10}.{tenths % 10}"


@dataclass(frozen=True)
class GroupResult:
    group: str
    name: str
    plans: int
    shares: tuple[Share, ...]  # largest first
    flagged: bool

    @property
    def top(self) -> Share | None:
        return self.shares[0] if self.shares else None


def judge(uses: Sequence[ServiceUse], period: Period) -> list[GroupResult]:
    """Per service group: the plans of the period that include it and each corporation's share."""
    rule = rule_on(period.start)
    type_to_group = {code: group for group, codes in rule.groups.items() for code in codes}
    plans: dict[str, set[int]] = defaultdict(set)
    by_corp: dict[str, dict[str, set[int]]] = defaultdict(lambda: defaultdict(set))
    for use in uses:
        group = type_to_group.get(use.service_type)
        if group is None or use.end < period.start or use.start > period.end:
            continue
        plans[group].add(use.plan_id)
        by_corp[group][use.corporation].add(use.plan_id)
    out = []
    for group in rule.groups:
        total = len(plans[group])
        shares = sorted(
            (Share(corp, len(ids), Fraction(len(ids), total)) for corp, ids in by_corp[group].items()),
            key=lambda s: (-s.plans, s.corporation),
        )
        flagged = bool(shares) and shares[0].share > rule.threshold
        out.append(GroupResult(group, rule.group_names[group], total, tuple(shares), flagged))
    return out


def penalty_applies(results: Sequence[GroupResult], reasons: set[str]) -> bool:
    """減算: some group flagged without a recorded 正当な理由 (reasons: the groups that have one)."""
    return any(r.flagged and r.group not in reasons for r in results)
