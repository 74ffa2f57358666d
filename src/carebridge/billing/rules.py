"""給付管理's calculator: a client's month of services → limit management, the split between
insurance and the client, per provider and service type. Pure Python, integer arithmetic only:
unit prices are carried ×100 (10.42円 → 1042) so no binary float ever touches money.

The rules, from the billing part of docs (kyotaku.md) and their sources:
- service units = units × count per line; lines under limit management are summed against the
  区分支給限度基準額 (介護保険法第43条; 告示 平成12年厚生省告示第33号). With a mid-month level change the
  higher limit applies (the caller passes it: `monthly_limit`).
- the excess is the over-limit part, paid in full by the client. The care manager may name it per
  line (`over_limit_units`); whatever is left is taken from the lines in reverse input order (the
  last line first) — the 第7表's usual default.
- per provider and service type (one 単価): 費用総額 = floor(in-limit units × 単価);
  保険請求額 = floor(費用総額 × 給付率); 利用者負担 = 費用総額 − 保険請求額;
  全額負担 = floor(over-limit units × 単価) (厚生労働省「介護給付費単位数等サービスコード表」の
  計算方法; the MHLW worked example 22,050 units × 11.10円 → 244,755 / 220,279 / 24,476).
- rate-based additions (介護職員等処遇改善加算): units = round half up(the group's other units ×
  rate) (老企第36号 第二の1(4)); outside limit management, but the addition on the over-limit
  part is paid in full: it is computed on all units and on the in-limit units, the difference is
  full pay.
- an insurer's limit per service kind (種類支給限度基準額, 介護保険法第43条第4項) caps that kind
  first; its excess is over-limit too.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

COPAY_RATES = (10, 20, 30)  # 利用者負担割合 1割・2割・3割 (介護保険法第49条の2)


@dataclass(frozen=True, slots=True)
class LineInput:
    """One service line of the month (one row of 第6表, or one addition)."""

    provider: str  # 事業所番号
    service_type: str  # サービス種類コード (2 characters)
    service_code: str  # サービスコード (6 characters; the type's 2 + item 4)
    units: int  # 単位数 per occurrence (for a rate-based line: ignored)
    count: int  # 回数・日数
    unit_price: int  # 単価 ×100 (the service type's class in the region)
    limit_managed: bool = True
    over_limit_units: int | None = None  # the care manager's choice of the excess on this line
    rate_permille: int | None = None  # a rate-based addition (‰ of the group's other units)


@dataclass(frozen=True, slots=True)
class ClientMonthInput:
    limit_units: int  # 区分支給限度基準額 (units) for the month
    copay_rate: int  # 10, 20 or 30 (%)
    lines: Sequence[LineInput]
    kind_limits: Mapping[str, int] | None = None  # 種類支給限度基準額 by service type, when set


@dataclass(frozen=True, slots=True)
class LineResult:
    units: int  # service units of the line (units × count, or the rate's result)
    in_limit_units: int
    over_limit_units: int


@dataclass(frozen=True, slots=True)
class GroupResult:
    """One provider and service type: one row of 第7表's 区分支給限度管理・利用者負担計算."""

    provider: str
    service_type: str
    unit_price: int  # ×100
    units: int
    limit_managed_units: int
    in_limit_units: int
    over_limit_units: int
    total_cost: int  # 費用総額（保険対象分）
    insurance_claim: int  # 保険請求額
    copay: int  # 利用者負担（保険対象分）
    full_pay: int  # 利用者負担（全額負担分）


@dataclass(frozen=True, slots=True)
class Totals:
    total_cost: int
    insurance_claim: int
    copay: int
    full_pay: int

    @property
    def client_pays(self) -> int:
        return self.copay + self.full_pay


@dataclass(frozen=True, slots=True)
class ClientMonthResult:
    limit_units: int
    total_units: int  # units under limit management (区分支給限度管理対象単位数)
    in_limit_units: int  # 区分支給限度基準内単位数
    over_limit_units: int  # 区分支給限度基準を超える単位数
    lines: tuple[LineResult, ...]
    groups: tuple[GroupResult, ...]
    totals: Totals
    notes: tuple[str, ...]  # what the calculator adjusted (message keys, for the screen)


def round_half_up_ratio(value: int, numerator: int, denominator: int) -> int:
    """round half up(value × numerator / denominator), in integers (老企第36号: 四捨五入)."""
    return (2 * value * numerator + denominator) // (2 * denominator)


def yen(units: int, unit_price: int) -> int:
    """floor(units × 単価) with the price ×100 (1円未満切り捨て)."""
    return units * unit_price // 100


def split_cost(cost: int, copay_rate: int) -> tuple[int, int]:
    """(保険請求額, 利用者負担): the claim is floor(cost × 給付率), the client pays the rest."""
    claim = cost * (100 - copay_rate) // 100
    return claim, cost - claim


def monthly_limit(limits: Iterable[int]) -> int:
    """The month's limit when the level changed mid-month: the higher one (not pro-rated)."""
    return max(limits, default=0)


def _take_from_last(units: list[int], over: list[int], excess: int, members: Iterable[int]) -> int:
    """Move `excess` units to over-limit from the given lines, last first; what is left over."""
    for i in reversed(list(members)):
        if excess <= 0:
            break
        room = units[i] - over[i]
        if room > 0:
            take = room if room < excess else excess
            over[i] += take
            excess -= take
    return excess


def calculate(month: ClientMonthInput) -> ClientMonthResult:
    lines = month.lines
    n = len(lines)
    units = [0] * n
    over = [0] * n
    notes: list[str] = []
    managed_total = 0
    for i, line in enumerate(lines):
        if line.rate_permille is None:
            u = line.units * line.count
            units[i] = u
            if line.limit_managed:
                managed_total += u

    # 1. The care manager's named excess, honoured up to the excess there is.
    excess = managed_total - month.limit_units if managed_total > month.limit_units else 0
    named = 0
    for i, line in enumerate(lines):
        wish = line.over_limit_units
        if wish is not None and line.limit_managed and line.rate_permille is None and wish > 0:
            take = min(wish, units[i], excess - named)
            if take < wish:
                notes.append("over_limit_units_reduced")
            if take > 0:
                over[i] = take
                named += take

    # 2. A kind's own limit (種類支給限度) caps that kind first, last lines first.
    if month.kind_limits:
        for kind, cap in month.kind_limits.items():
            members = [i for i, ln in enumerate(lines) if ln.service_type == kind and ln.limit_managed]
            kind_in = sum(units[i] - over[i] for i in members)
            if kind_in > cap:
                _take_from_last(units, over, kind_in - cap, members)

    # 3. Whatever excess is left over the 区分支給限度: last lines first.
    over_total = sum(over)
    if managed_total - over_total > month.limit_units:
        managed = [i for i, ln in enumerate(lines) if ln.limit_managed and ln.rate_permille is None]
        _take_from_last(units, over, managed_total - over_total - month.limit_units, managed)
        over_total = sum(over)

    # 4. Groups: per provider and service type; rate-based additions on the group's other units.
    order: dict[tuple[str, str], list[int]] = {}
    for i, line in enumerate(lines):
        order.setdefault((line.provider, line.service_type), []).append(i)
    groups: list[GroupResult] = []
    t_cost = t_claim = t_copay = t_full = 0
    for (provider, service_type), members in order.items():
        base_all = base_over = 0
        for i in members:
            if lines[i].rate_permille is None:
                base_all += units[i]
                base_over += over[i]
        for i in members:
            rate = lines[i].rate_permille
            if rate is not None:
                on_all = round_half_up_ratio(base_all, rate, 1000) * lines[i].count
                on_in = round_half_up_ratio(base_all - base_over, rate, 1000) * lines[i].count
                units[i] = on_all
                over[i] = on_all - on_in
        g_units = g_over = g_managed = 0
        for i in members:
            g_units += units[i]
            g_over += over[i]
            if lines[i].limit_managed and lines[i].rate_permille is None:
                g_managed += units[i]
        price = lines[members[0]].unit_price
        cost = yen(g_units - g_over, price)
        claim, copay = split_cost(cost, month.copay_rate)
        full = yen(g_over, price)
        t_cost += cost
        t_claim += claim
        t_copay += copay
        t_full += full
        groups.append(
            GroupResult(
                provider=provider,
                service_type=service_type,
                unit_price=price,
                units=g_units,
                limit_managed_units=g_managed,
                in_limit_units=g_units - g_over,
                over_limit_units=g_over,
                total_cost=cost,
                insurance_claim=claim,
                copay=copay,
                full_pay=full,
            )
        )

    managed_over = sum(over[i] for i, ln in enumerate(lines) if ln.limit_managed and ln.rate_permille is None)
    return ClientMonthResult(
        limit_units=month.limit_units,
        total_units=managed_total,
        in_limit_units=managed_total - managed_over,
        over_limit_units=managed_over,
        lines=tuple(LineResult(units[i], units[i] - over[i], over[i]) for i in range(n)),
        groups=tuple(groups),
        totals=Totals(total_cost=t_cost, insurance_claim=t_claim, copay=t_copay, full_pay=t_full),
        notes=tuple(dict.fromkeys(notes)),
    )


def uncovered_short_stay_days(days: Iterable[date], consecutive_before: int = 0) -> list[date]:
    """短期入所の連続30日超: the days a client stays are counted across providers; the 31st
    consecutive day is not covered by the insurance (paid in full) and the count starts again
    the day after (告示 平成12年厚生省告示第19号 別表 8 注: 連続して30日を超えて…算定しない).
    `consecutive_before` is the run that ended on the day before the first day given (from the
    previous month's slips)."""
    uncovered: list[date] = []
    run = consecutive_before
    previous: date | None = None
    for day in sorted(set(days)):
        if previous is not None and day - previous != timedelta(days=1):
            run = 0
        run += 1
        if run > 30:
            uncovered.append(day)
            run = 0
        previous = day
    return uncovered
