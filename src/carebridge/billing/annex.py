"""第7表 サービス利用票別表 built from a month's slip (第6表): 区分支給限度管理・利用者負担計算,
種類別支給限度管理, 短期入所利用日数. The arithmetic is billing/rules.py's (`calculate`); this module
only maps the slip's rows to its inputs and lays the result out as the sheet reads.

No query of its own: it reads the slip's lines, their providers and the client's certifications
through the relations the caller prefetched (billing/annex_access.py). The unit price comes from
the injected `price_of(service_type, on) -> int` (×100): the service master's lookup for the
client's office (billing/annex_sources.py wires the master's lookup) — never a table here.

Counts: a line's actuals (実績) when they are entered, else its plan (予定); the sheet says which.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from carebridge.clients import rules as client_rules

from . import rules

PriceOf = Callable[[str, dt.date], int]

BASIS_ACTUAL = "実績"
BASIS_PLANNED = "予定"
BASIS_MIXED = "実績（入力済みの行）と予定（その他の行）"


class CertificationLike(Protocol):
    @property
    def valid_from(self) -> dt.date: ...

    @property
    def valid_to(self) -> dt.date: ...

    @property
    def is_certified(self) -> bool: ...

    @property
    def care_level(self) -> str: ...

    @property
    def copay_rate(self) -> int: ...

    @property
    def benefit_limit_units(self) -> int | None: ...


@dataclass(frozen=True, slots=True)
class SlipRow:
    """What the sheet reads of one 第6表 line (a UsageLine, or a what-if candidate)."""

    provider_number: str
    provider_name: str
    service_type: str
    service_code: str
    service_name: str
    units: int
    days: str  # 31 digits: the count on each day (the basis chosen: actual or planned)
    basis: str  # 実績 / 予定
    limit_managed: bool = True
    rate_permille: int | None = None
    over_limit_units: int | None = None
    candidate: bool = False  # a what-if line, not on the slip

    @property
    def count(self) -> int:
        return sum(map(int, self.days))


class UsageLineLike(Protocol):
    """What the sheet reads of a 第6表 line (billing.models.UsageLine)."""

    provider_name: str
    service_type: str
    service_code: str
    service_name: str
    units: int
    planned_days: str
    actual_days: str
    limit_managed: bool
    rate_permille: int | None
    over_limit_units: int | None

    @property
    def provider(self) -> Any: ...


def row_of(line: UsageLineLike) -> SlipRow:
    """A UsageLine as the sheet reads it: actuals when entered, else the plan."""
    actual = line.actual_days
    provider = line.provider
    return SlipRow(
        provider_number=provider.provider_number if provider is not None else "",
        provider_name=line.provider_name or (provider.name if provider is not None else ""),
        service_type=line.service_type,
        service_code=line.service_code,
        service_name=line.service_name,
        units=line.units,
        days=actual or line.planned_days,
        basis=BASIS_ACTUAL if actual else BASIS_PLANNED,
        limit_managed=line.limit_managed,
        rate_permille=line.rate_permille,
        over_limit_units=line.over_limit_units,
    )


def candidate_row(*, service_type: str, service_code: str, units: int, count: int) -> SlipRow:
    """A what-if line: `count` occurrences, spread over the month's first days for the day cells."""
    days = "".join(str(min(9, max(0, count - 9 * i))) for i in range(31)) if count > 0 else "0" * 31
    return SlipRow(
        provider_number="",
        provider_name="（検討中）",
        service_type=service_type,
        service_code=service_code,
        service_name="検討中のサービス",
        units=units,
        days=days[:31],
        basis=BASIS_PLANNED,
        candidate=True,
    )


@dataclass(frozen=True, slots=True)
class AnnexLine:
    row: SlipRow
    unit_price: int  # ×100
    result: rules.LineResult


@dataclass(frozen=True, slots=True)
class AnnexGroup:
    """One provider and service type: its lines and the 小計 row (rules.GroupResult)."""

    provider_number: str
    provider_name: str
    service_type: str
    lines: tuple[AnnexLine, ...]
    result: rules.GroupResult

    @property
    def unit_price_text(self) -> str:
        return price_text(self.result.unit_price)


@dataclass(frozen=True, slots=True)
class KindLimitRow:
    """種類別支給限度管理: one service kind the insurer caps."""

    service_type: str
    limit_units: int
    total_units: int
    over_limit_units: int


@dataclass(frozen=True, slots=True)
class ShortStay:
    """短期入所利用日数: 前月までの利用日数, 当月の計画（実績）利用日数, 累計."""

    before: int
    this_month: int
    days: tuple[dt.date, ...]
    uncovered: tuple[dt.date, ...]  # the 31st consecutive day and so on (not covered)

    @property
    def total(self) -> int:
        return self.before + self.this_month


@dataclass(frozen=True, slots=True)
class UsageAnnex:
    month: dt.date
    care_level: str  # the label of the level whose limit applies
    levels: tuple[str, ...]  # every level in effect in the month (a mid-month change: two)
    limit_units: int
    copay_rate: int  # 10 / 20 / 30
    basis: str  # 実績 / 予定 / mixed
    groups: tuple[AnnexGroup, ...]
    result: rules.ClientMonthResult
    kind_rows: tuple[KindLimitRow, ...]
    short_stay: ShortStay
    notes: tuple[str, ...] = field(default=())

    @property
    def benefit_rate(self) -> int:
        return 100 - self.copay_rate

    @property
    def totals(self) -> rules.Totals:
        return self.result.totals

    @property
    def over_limit_units(self) -> int:
        return self.result.over_limit_units

    @property
    def is_over(self) -> bool:
        return self.result.over_limit_units > 0

    @property
    def used_percent(self) -> int:
        """Units under limit management as a share of the limit (for the gauge; capped at 100)."""
        if self.limit_units <= 0:
            return 100 if self.result.total_units else 0
        return min(100, self.result.total_units * 100 // self.limit_units)

    @property
    def over_lines(self) -> tuple[AnnexLine, ...]:
        return tuple(line for g in self.groups for line in g.lines if line.result.over_limit_units)

    @property
    def plain_words(self) -> str:
        """The over-limit part in plain words: how much, who pays it."""
        totals = self.totals
        if not self.is_over:
            return (
                f"今月の限度額管理対象は {self.result.total_units:,}単位で、区分支給限度基準額 "
                f"{self.limit_units:,}単位の範囲内です。"
                f"利用者負担は {totals.copay:,}円（{self.copay_rate // 10}割）です。"
            )
        return (
            f"区分支給限度基準額 {self.limit_units:,}単位を {self.over_limit_units:,}単位超えています。"
            f"超えた分は保険給付の対象外で、利用者ご本人の全額自己負担（{totals.full_pay:,}円）です。"
            f"今月の利用者負担は、保険対象分 {totals.copay:,}円 と 全額負担分 {totals.full_pay:,}円 の合計 "
            f"{totals.client_pays:,}円 です。"
        )


def price_text(price: int) -> str:
    """単位数単価 ×100 as printed: 1140 → "11.40"."""
    return f"{price // 100}.{price % 100:02d}"


def month_bounds(month: dt.date) -> tuple[dt.date, dt.date]:
    first = month.replace(day=1)
    return first, first.replace(day=calendar.monthrange(first.year, first.month)[1])


def certifications_of_month(certifications: Iterable[CertificationLike], month: dt.date) -> list[CertificationLike]:
    """The certified lines (with a level) whose validity overlaps the month, earliest first."""
    first, last = month_bounds(month)
    lines = [
        c for c in certifications if c.is_certified and c.care_level and c.valid_from <= last and c.valid_to >= first
    ]
    return sorted(lines, key=lambda c: c.valid_from)


def _consecutive_before(previous_days: str, previous_month_length: int) -> int:
    """The run of short-stay days that ends on the previous month's last day (rules'
    consecutive_before). The count starts again after the 31st day, so a run of L days leaves L mod 31."""
    run = 0
    for ch in reversed(previous_days[:previous_month_length]):
        if ch == "0":
            break
        run += 1
    return run % 31


def build(
    *,
    month: dt.date,
    rows: Sequence[SlipRow],
    certifications: Iterable[CertificationLike],
    price_of: PriceOf,
    short_stay_types: Collection[str],
    short_stay_days_before: int = 0,
    previous_short_stay_days: str = "",
    kind_limits: Mapping[str, int] | None = None,
) -> UsageAnnex:
    """The 第7表 of `rows` (the slip's lines in their order, what-if candidates last).

    Limit: the highest 区分支給限度基準額 of the certifications in effect in the month (rules.
    monthly_limit: a mid-month level change takes the higher, not pro-rated). Copay rate: the one
    on the certification in effect on the month's last day (else the latest in the month)."""
    first, last = month_bounds(month)
    in_month = certifications_of_month(certifications, month)
    limits = [(c.benefit_limit_units or 0, c.care_level) for c in in_month]
    limit_units = rules.monthly_limit(units for units, _ in limits)
    level = next((lvl for units, lvl in sorted(limits, reverse=True) if units == limit_units), "")
    at_end = client_rules.certification_in_effect(in_month, last) or (in_month[-1] if in_month else None)
    copay_rate = at_end.copay_rate if at_end is not None else 10

    prices: dict[str, int] = {}
    inputs: list[rules.LineInput] = []
    unpriced: list[str] = []
    for row in rows:
        if row.service_type not in prices:
            try:
                prices[row.service_type] = price_of(row.service_type, first)
            except LookupError:  # a type the master does not price: shown, computed at 0円
                prices[row.service_type] = 0
                unpriced.append(row.service_type)
        inputs.append(
            rules.LineInput(
                provider=row.provider_number or row.provider_name,
                service_type=row.service_type,
                service_code=row.service_code,
                units=row.units,
                count=row.count,
                unit_price=prices[row.service_type],
                limit_managed=row.limit_managed,
                over_limit_units=row.over_limit_units,
                rate_permille=row.rate_permille,
            )
        )
    result = rules.calculate(
        rules.ClientMonthInput(limit_units=limit_units, copay_rate=copay_rate, lines=inputs, kind_limits=kind_limits)
    )

    line_results = result.lines  # built on demand by the calculator: once
    members: dict[tuple[str, str], list[int]] = {}
    for i, line in enumerate(inputs):
        members.setdefault((line.provider, line.service_type), []).append(i)
    groups = tuple(
        AnnexGroup(
            provider_number=rows[members[(g.provider, g.service_type)][0]].provider_number,
            provider_name=rows[members[(g.provider, g.service_type)][0]].provider_name,
            service_type=g.service_type,
            lines=tuple(
                AnnexLine(rows[i], inputs[i].unit_price, line_results[i]) for i in members[(g.provider, g.service_type)]
            ),
            result=g,
        )
        for g in result.groups
    )

    kind_rows: list[KindLimitRow] = []
    for kind, cap in (kind_limits or {}).items():
        idx = [
            i
            for i, ln in enumerate(inputs)
            if ln.service_type == kind and ln.limit_managed and ln.rate_permille is None
        ]
        kind_rows.append(
            KindLimitRow(
                service_type=kind,
                limit_units=cap,
                total_units=sum(line_results[i].units for i in idx),
                over_limit_units=sum(line_results[i].over_limit_units for i in idx),
            )
        )

    stay_days = sorted(
        {
            first + dt.timedelta(days=d)
            for row in rows
            if row.service_type in short_stay_types
            for d, ch in enumerate(row.days[: last.day])
            if ch != "0"
        }
    )
    previous_length = (first - dt.timedelta(days=1)).day
    uncovered = rules.uncovered_short_stay_days(
        stay_days, consecutive_before=_consecutive_before(previous_short_stay_days, previous_length)
    )
    short_stay = ShortStay(short_stay_days_before, len(stay_days), tuple(stay_days), tuple(uncovered))

    bases = {row.basis for row in rows if not row.candidate}
    basis = BASIS_MIXED if len(bases) > 1 else (bases.pop() if bases else BASIS_PLANNED)
    notes = list(result.notes)
    if len({lvl for _, lvl in limits}) > 1:
        notes.append("level_changed")
    if not in_month:
        notes.append("no_certification")
    if uncovered:
        notes.append("short_stay_over_30")
    notes.extend(f"price_missing:{kind}" for kind in unpriced)
    return UsageAnnex(
        month=first,
        care_level=client_rules.CARE_LEVEL_LABELS[client_rules.CareLevel(level)] if level else "",
        levels=tuple(client_rules.CARE_LEVEL_LABELS[client_rules.CareLevel(lvl)] for _, lvl in limits),
        limit_units=limit_units,
        copay_rate=copay_rate,
        basis=basis,
        groups=groups,
        result=result,
        kind_rows=tuple(kind_rows),
        short_stay=short_stay,
        notes=tuple(notes),
    )


NOTE_TEXTS: dict[str, str] = {
    "over_limit_units_reduced": "指定された超過単位数が超過の総量を上回るため、超過分に合わせて減らしました。",
    "level_changed": (
        "月の途中で要介護状態区分が変わったため、高い方の区分支給限度基準額を適用しています（日割りしません）。"
    ),
    "no_certification": "この月に有効な要介護認定がありません。区分支給限度基準額を0単位として計算しています。",
    "short_stay_over_30": (
        "短期入所の連続利用が30日を超える日があります。31日目は保険給付の対象外（全額自己負担）です。"
    ),
}


def note_texts(annex: UsageAnnex) -> list[str]:
    texts = []
    for key in annex.notes:
        if key.startswith("price_missing:"):
            kind = key.split(":", 1)[1]
            texts.append(f"サービス種類 {kind} の単位数単価がサービスマスタにありません。金額は0円で表示しています。")
        else:
            texts.append(NOTE_TEXTS.get(key, key))
    return texts
