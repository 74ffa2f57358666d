"""The office's own fee (居宅介護支援費) per client and month — pure Python, no Django.

Source: 指定居宅介護支援に要する費用の額の算定に関する基準 (平成12年厚生省告示第20号) 別表 イ〜ヨ, as
revised for 2024-04 (令和6年厚生労働省告示第86号), and its 留意事項通知 (老企第36号). Every figure
that the domain file marks (verify) is dated data below (FEE_TABLES, newest first): add a table
when the 告示 changes, never edit an old one.

The calculation, per care manager and month:
1. Cases are the care manager's clients in contract-date order (then client id). A 介護予防支援
   case counts as `prevention_weight` (1/3 from 2024-04) of a case; 要介護 cases count 1.
   A 要介護 case's position is the weighted count before it + 1; (Ⅰ): position < 45 → ⅰ,
   < 60 → ⅱ, else ⅲ; (Ⅱ) (ケアプランデータ連携システム and 事務職員): < 50 → ⅰ, < 60 → ⅱ, else ⅲ.
   (The 告示 counts per 常勤換算 care manager; the house counts per care manager — the issue.)
2. Base units by tier and level (要介護1・2 / 3〜5).
3. 運営基準減算: 50% of the base (rounded half up), the whole base from the second month in a
   row (所定単位数は算定しない); no 初回加算 in a 減算 month.
4. Office-wide 減算 on the base, each rounded half up per occurrence (老企第36号 第2の1(3)):
   業務継続計画未策定減算 1%, 高齢者虐待防止措置未実施減算 1%, 同一建物減算 (95% of the base,
   i.e. 5% off — the 告示 applies it per client living in the office's building; the house
   keeps it as an office setting, as the issue asks).
5. 特定事業所集中減算: 200 units off the base for the six months after a flagged period.
6. Additions from dated events, conditions checked here (none once the base is not paid at all):
   初回加算 300, 入院時情報連携加算 (Ⅰ) 250
   (information given on the day of admission, or the next day when admitted outside business
   hours) / (Ⅱ) 200 (the day after or the one after that: within 3 days counting the day of
   admission), 退院・退所加算 450–900 (by number of contacts and whether one was a conference),
   通院時情報連携加算 50 (once a month), ターミナルケアマネジメント加算 400, 緊急時等居宅カンファレンス
   加算 200 (twice a month at most); 特定事業所加算 Ⅰ519/Ⅱ421/Ⅲ323/A114 per case (office setting),
   not with 運営基準減算 or 特定事業所集中減算.
7. Yen: floor(units × 単価) per client (居宅介護支援 is the 70% class; no copay), summed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from fractions import Fraction

CARE_LEVELS = ("care_1", "care_2", "care_3", "care_4", "care_5")
LOW_LEVELS = ("care_1", "care_2")
PREVENTION_LEVELS = ("support_1", "support_2")


class Tier(StrEnum):
    """居宅介護支援費 (Ⅰ) or (Ⅱ) (an office setting)."""

    I = "1"  # noqa: E741 - the 告示's name
    II = "2"


class Step(StrEnum):
    """逓減制's tier of one case: ⅰ, ⅱ, ⅲ."""

    FIRST = "i"
    SECOND = "ii"
    THIRD = "iii"


STEP_LABELS = {Step.FIRST: "ⅰ", Step.SECOND: "ⅱ", Step.THIRD: "ⅲ"}
TIER_LABELS = {Tier.I: "（Ⅰ）", Tier.II: "（Ⅱ）"}


class Special(StrEnum):
    """特定事業所加算 class (or none)."""

    NONE = ""
    I = "1"  # noqa: E741
    II = "2"
    III = "3"
    A = "A"


class EventKind(StrEnum):
    INITIAL = "initial"  # 初回加算
    ADMISSION = "admission"  # 入院時情報連携加算
    DISCHARGE = "discharge"  # 退院・退所加算
    OUTPATIENT = "outpatient"  # 通院時情報連携加算
    TERMINAL = "terminal"  # ターミナルケアマネジメント加算
    EMERGENCY_CONFERENCE = "emergency_conference"  # 緊急時等居宅カンファレンス加算


@dataclass(frozen=True)
class FeeTable:
    """The 告示's figures from a date."""

    valid_from: dt.date
    # (tier, step) -> (要介護1・2, 要介護3〜5)
    base: dict[tuple[Tier, Step], tuple[int, int]]
    # tier -> (position from which ⅱ applies, position from which ⅲ applies)
    thresholds: dict[Tier, tuple[int, int]]
    prevention_weight: Fraction
    initial: int
    admission: dict[str, int]  # "1" / "2"
    discharge: dict[str, int]  # "1a" 1回 / "1b" 1回(カンファレンス) / "2a" 2回〜 / "2b" 2回(カンファ) / "3"
    outpatient: int
    terminal: int
    emergency_conference: int
    emergency_conference_per_month: int
    special: dict[Special, int]
    penalty_percent: int  # 運営基準減算
    bcp_percent: int  # 業務継続計画未策定減算
    abuse_percent: int  # 高齢者虐待防止措置未実施減算
    same_building_percent: int  # 同一建物減算: the fee is this % of the base
    concentration_units: int  # 特定事業所集中減算


FEE_TABLES: tuple[FeeTable, ...] = (
    # 令和6年度介護報酬改定 (2024-04-01): 別表 イ (居宅介護支援費), ロ (初回加算), ハ (特定事業所加算),
    # ホ (入院時情報連携加算), ヘ (退院・退所加算), ト (通院時情報連携加算), チ (緊急時等居宅カンファ
    # レンス加算), リ (ターミナルケアマネジメント加算); 逓減 from 45 (Ⅰ) / 50 (Ⅱ), 60; 介護予防支援 ×1/3.
    FeeTable(
        valid_from=dt.date(2024, 4, 1),
        base={
            (Tier.I, Step.FIRST): (1086, 1411),
            (Tier.I, Step.SECOND): (544, 704),
            (Tier.I, Step.THIRD): (326, 422),
            (Tier.II, Step.FIRST): (1086, 1411),
            (Tier.II, Step.SECOND): (527, 683),
            (Tier.II, Step.THIRD): (316, 410),
        },
        thresholds={Tier.I: (45, 60), Tier.II: (50, 60)},
        prevention_weight=Fraction(1, 3),
        initial=300,
        admission={"1": 250, "2": 200},
        discharge={"1a": 450, "1b": 600, "2a": 600, "2b": 750, "3": 900},
        outpatient=50,
        terminal=400,
        emergency_conference=200,
        emergency_conference_per_month=2,
        special={Special.NONE: 0, Special.I: 519, Special.II: 421, Special.III: 323, Special.A: 114},
        penalty_percent=50,
        bcp_percent=1,
        abuse_percent=1,
        same_building_percent=95,
        concentration_units=200,
    ),
)


def fee_table(on: dt.date) -> FeeTable:
    """The table in force on a day (the oldest one we hold for earlier days)."""
    return next((t for t in FEE_TABLES if on >= t.valid_from), FEE_TABLES[-1])


def round_half_up_percent(units: int, percent: int) -> int:
    """units × percent / 100, rounded half up (integers only)."""
    return (units * percent * 2 + 100) // 200


# -- inputs and outputs -------------------------------------------------------------------------------


@dataclass(frozen=True)
class EventFacts:
    """One dated FeeEvent. `day`: the event's day (admission, discharge, visit, conference, death);
    `info_on`: the day information was given (入院時); `after_hours`: admitted outside business hours;
    `contacts`: number of 連携 (退院・退所); `conference`: one of them was a カンファレンス;
    `confirmed`: the other conditions of the 加算 hold (the care manager ticks them)."""

    kind: EventKind
    day: dt.date
    info_on: dt.date | None = None
    after_hours: bool = False
    contacts: int = 1
    conference: bool = False
    confirmed: bool = True


@dataclass(frozen=True)
class CaseFacts:
    client_id: int
    care_level: str
    contracted_on: dt.date
    events: tuple[EventFacts, ...] = ()
    penalty: bool = False  # 運営基準減算 this month (compliance's finding)
    penalty_whole: bool = False  # and last month too: nothing is paid
    concentration: bool = False  # 特定事業所集中減算 applies this month


@dataclass(frozen=True)
class OfficeFacts:
    tier: Tier = Tier.I
    special: Special = Special.NONE
    bcp_missing: bool = False
    abuse_prevention_missing: bool = False
    same_building: bool = False
    unit_price_100: int = 1000  # 単価 ×100 of 居宅介護支援 (70% class) in the office's 地域区分: the master's


@dataclass(frozen=True)
class Line:
    label: str
    units: int


@dataclass(frozen=True)
class CaseFee:
    client_id: int
    care_level: str
    position: Fraction | None  # None: a 介護予防支援 case (counted, not billed here)
    step: Step | None
    base_units: int
    lines: tuple[Line, ...] = field(default=())
    units: int = 0
    yen: int = 0

    @property
    def step_label(self) -> str:
        return STEP_LABELS[self.step] if self.step is not None else "—"


@dataclass(frozen=True)
class ManagerFee:
    cases: tuple[CaseFee, ...]
    weighted_count: Fraction
    units: int
    yen: int


def case_step(position: Fraction, tier: Tier, table: FeeTable) -> Step:
    """逓減制: the step of the case at `position` (1-based, weighted) under (Ⅰ) or (Ⅱ)."""
    second, third = table.thresholds[tier]
    if position < second:
        return Step.FIRST
    if position < third:
        return Step.SECOND
    return Step.THIRD


def positions(cases: Sequence[CaseFacts], table: FeeTable) -> list[tuple[CaseFacts, Fraction | None]]:
    """Contract-date order; each 要介護 case with its weighted position, 介護予防支援 cases None."""
    out: list[tuple[CaseFacts, Fraction | None]] = []
    counted = Fraction(0)
    for case in sorted(cases, key=lambda c: (c.contracted_on, c.client_id)):
        if case.care_level in CARE_LEVELS:
            out.append((case, counted + 1))
            counted += 1
        elif case.care_level in PREVENTION_LEVELS:
            out.append((case, None))
            counted += table.prevention_weight
    return out


def admission_class(event: EventFacts) -> str | None:
    """入院時情報連携加算: "1" given on the day of admission (or the next day after hours), "2"
    within 3 days counting the day of admission, else None."""
    if event.info_on is None or event.info_on < event.day:
        return None
    late = (event.info_on - event.day).days
    if late == 0 or (late == 1 and event.after_hours):
        return "1"
    if late <= 2:
        return "2"
    return None


def discharge_class(event: EventFacts) -> str | None:
    """退院・退所加算: (Ⅰ)イ 1回 450, (Ⅰ)ロ 1回・カンファレンス 600, (Ⅱ)イ 2回以上 600, (Ⅱ)ロ 2回・
    カンファレンス 750, (Ⅲ) 3回以上・カンファレンス 900."""
    if event.contacts < 1:
        return None
    if event.contacts == 1:
        return "1b" if event.conference else "1a"
    if event.contacts >= 3 and event.conference:
        return "3"
    return "2b" if event.conference else "2a"


def _additions(case: CaseFacts, month: dt.date, table: FeeTable, office: OfficeFacts) -> list[Line]:
    lines: list[Line] = []
    events = [e for e in case.events if e.confirmed and (e.day.year, e.day.month) == (month.year, month.month)]
    if any(e.kind == EventKind.INITIAL for e in events) and not case.penalty:
        lines.append(Line("初回加算", table.initial))
    admissions = [c for e in events if e.kind == EventKind.ADMISSION and (c := admission_class(e))]
    if admissions:  # once a month, the better class
        best = min(admissions)
        lines.append(Line(f"入院時情報連携加算（{'Ⅰ' if best == '1' else 'Ⅱ'}）", table.admission[best]))
    discharges = [c for e in events if e.kind == EventKind.DISCHARGE and (c := discharge_class(e))]
    if discharges:
        best = max(discharges, key=lambda c: table.discharge[c])
        lines.append(Line("退院・退所加算", table.discharge[best]))
    if any(e.kind == EventKind.OUTPATIENT for e in events):
        lines.append(Line("通院時情報連携加算", table.outpatient))
    if any(e.kind == EventKind.TERMINAL for e in events):
        lines.append(Line("ターミナルケアマネジメント加算", table.terminal))
    conferences = sum(1 for e in events if e.kind == EventKind.EMERGENCY_CONFERENCE)
    for _ in range(min(conferences, table.emergency_conference_per_month)):
        lines.append(Line("緊急時等居宅カンファレンス加算", table.emergency_conference))
    # 特定事業所加算 requires that neither 運営基準減算 nor 特定事業所集中減算 applies (厚生労働大臣が
    # 定める基準 第84号); the house checks it per case for 運営基準減算.
    if office.special != Special.NONE and not case.penalty and not case.concentration:
        lines.append(Line(f"特定事業所加算（{office.special.value}）", table.special[office.special]))
    return lines


def case_fee(
    case: CaseFacts, position: Fraction, month: dt.date, office: OfficeFacts, table: FeeTable, price_100: int
) -> CaseFee:
    """One 要介護 case's fee for the month."""
    step = case_step(position, office.tier, table)
    low, high = table.base[(office.tier, step)]
    base = low if case.care_level in LOW_LEVELS else high
    label = f"居宅介護支援費{TIER_LABELS[office.tier]}{STEP_LABELS[step]}"
    lines = [Line(label, base)]
    fee = base
    if case.penalty_whole:
        lines.append(Line("運営基準減算（2か月以上・算定不可）", -fee))
        fee = 0
    elif case.penalty:
        cut = fee - round_half_up_percent(fee, 100 - table.penalty_percent)
        lines.append(Line("運営基準減算（50%）", -cut))
        fee -= cut
    if fee:
        if office.bcp_missing:
            cut = round_half_up_percent(fee, table.bcp_percent)
            lines.append(Line("業務継続計画未策定減算", -cut))
            fee -= cut
        if office.abuse_prevention_missing:
            cut = round_half_up_percent(fee, table.abuse_percent)
            lines.append(Line("高齢者虐待防止措置未実施減算", -cut))
            fee -= cut
        if office.same_building:
            cut = fee - round_half_up_percent(fee, table.same_building_percent)
            lines.append(Line("同一建物減算", -cut))
            fee -= cut
        if case.concentration:
            cut = min(fee, table.concentration_units)
            lines.append(Line("特定事業所集中減算", -cut))
            fee -= cut
    if not case.penalty_whole:
        lines.extend(_additions(case, month, table, office))
    units = sum(line.units for line in lines)
    return CaseFee(
        client_id=case.client_id,
        care_level=case.care_level,
        position=position,
        step=step,
        base_units=base,
        lines=tuple(lines),
        units=units,
        yen=units * price_100 // 100,
    )


def manager_fee(cases: Sequence[CaseFacts], month: dt.date, office: OfficeFacts) -> ManagerFee:
    """One care manager's cases for a month (month: any day of it)."""
    table = fee_table(month)
    price = office.unit_price_100
    out: list[CaseFee] = []
    weighted = Fraction(0)
    for case, position in positions(cases, table):
        if position is None:
            weighted += table.prevention_weight
            out.append(CaseFee(case.client_id, case.care_level, None, None, 0))
            continue
        weighted += 1
        out.append(case_fee(case, position, month, office, table, price))
    return ManagerFee(
        cases=tuple(out),
        weighted_count=weighted,
        units=sum(c.units for c in out),
        yen=sum(c.yen for c in out),
    )
