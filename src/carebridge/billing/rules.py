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
from typing import NamedTuple

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


class LineResult(NamedTuple):
    units: int  # service units of the line (units × count, or the rate's result)
    in_limit_units: int
    over_limit_units: int


class GroupResult(NamedTuple):
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


class Totals(NamedTuple):
    total_cost: int
    insurance_claim: int
    copay: int
    full_pay: int

    @property
    def client_pays(self) -> int:
        return self.copay + self.full_pay


class ClientMonthResult(NamedTuple):
    limit_units: int
    total_units: int  # units under limit management (区分支給限度管理対象単位数)
    in_limit_units: int  # 区分支給限度基準内単位数
    over_limit_units: int  # 区分支給限度基準を超える単位数
    line_units: tuple[int, ...]  # per input line: its service units
    line_over: tuple[int, ...]  # per input line: its over-limit units
    groups: tuple[GroupResult, ...]
    totals: Totals
    notes: tuple[str, ...]  # what the calculator adjusted (message keys, for the screen)

    @property
    def lines(self) -> tuple[LineResult, ...]:
        """Per input line: units, in-limit and over-limit (built on demand: the month close only
        needs the groups)."""
        return tuple(LineResult(u, u - o, o) for u, o in zip(self.line_units, self.line_over, strict=True))


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


def _take_from_last(units: list[int], over: list[int], excess: int, members: Sequence[int]) -> int:
    """Move `excess` units to over-limit from the given lines, last first; what is left over."""
    for i in reversed(members):
        if excess <= 0:
            break
        room = units[i] - over[i]
        if room > 0:
            take = room if room < excess else excess
            over[i] += take
            excess -= take
    return excess


def _allocate(
    month: ClientMonthInput, units: list[int], managed: list[int], managed_total: int
) -> tuple[list[int], list[str]]:
    """The over-limit units per line: the care manager's named excess first (up to the excess
    there is), then a kind's own limit, then what is left over the 区分支給限度, last lines first."""
    lines = month.lines
    over = [0] * len(lines)
    notes: list[str] = []
    excess = managed_total - month.limit_units if managed_total > month.limit_units else 0
    named = 0
    for i in managed:
        wish = lines[i].over_limit_units
        if wish:
            take = min(wish, units[i], excess - named)
            if take < wish:
                notes.append("over_limit_units_reduced")
            if take > 0:
                over[i] = take
                named += take
    for kind, cap in (month.kind_limits or {}).items():
        members = [i for i in managed if lines[i].service_type == kind]
        kind_in = sum(units[i] - over[i] for i in members)
        if kind_in > cap:
            named += kind_in - cap - _take_from_last(units, over, kind_in - cap, members)
    if managed_total - named > month.limit_units:
        _take_from_last(units, over, managed_total - named - month.limit_units, managed)
    return over, notes


def calculate(month: ClientMonthInput) -> ClientMonthResult:
    lines = month.lines
    units: list[int] = []
    managed: list[int] = []  # indexes of the lines under limit management (rate lines never are)
    groups_of: dict[tuple[str, str], list[int]] = {}
    managed_total = 0
    has_rate = named = False
    for i, line in enumerate(lines):
        key = (line.provider, line.service_type)
        members = groups_of.get(key)
        if members is None:
            groups_of[key] = [i]
        else:
            members.append(i)
        if line.rate_permille is None:
            u = line.units * line.count
            if line.limit_managed:
                managed_total += u
                managed.append(i)
                if line.over_limit_units:
                    named = True
        else:
            u = 0
            has_rate = True
        units.append(u)

    if managed_total > month.limit_units or month.kind_limits or named:
        over, notes = _allocate(month, units, managed, managed_total)
    else:
        over, notes = [0] * len(lines), []
    managed_over = sum(over)  # before the rate lines get theirs

    copay_rate = month.copay_rate
    groups: list[GroupResult] = []
    t_cost = t_claim = t_full = 0
    for (provider, service_type), members in groups_of.items():
        if has_rate:
            _rate_lines(lines, units, over, members)
        g_units = g_over = g_managed = 0
        for i in members:
            g_units += units[i]
            g_over += over[i]
            line = lines[i]
            if line.limit_managed and line.rate_permille is None:
                g_managed += units[i]
        price = lines[members[0]].unit_price
        cost = (g_units - g_over) * price // 100
        claim = cost * (100 - copay_rate) // 100
        full = g_over * price // 100
        t_cost += cost
        t_claim += claim
        t_full += full
        groups.append(
            GroupResult(
                provider,
                service_type,
                price,
                g_units,
                g_managed,
                g_units - g_over,
                g_over,
                cost,
                claim,
                cost - claim,
                full,
            )
        )

    return ClientMonthResult(
        limit_units=month.limit_units,
        total_units=managed_total,
        in_limit_units=managed_total - managed_over,
        over_limit_units=managed_over,
        line_units=tuple(units),
        line_over=tuple(over),
        groups=tuple(groups),
        totals=Totals(t_cost, t_claim, t_cost - t_claim, t_full),
        notes=tuple(dict.fromkeys(notes)),
    )


def _rate_lines(lines: Sequence[LineInput], units: list[int], over: list[int], members: list[int]) -> None:
    """A rate-based addition on the group's other units: on all of them and on the in-limit ones;
    the difference is the addition's over-limit part (paid in full)."""
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
