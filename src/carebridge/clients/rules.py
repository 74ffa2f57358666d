"""Certification rules — pure Python, no Django.

Sources: ../shared/domain/kyotaku.md ("Certification", "Billing"):
- 区分支給限度基準額 per care level, unchanged since 2019-10 (介護保険法施行令 / 平成12年厚生省告示第33号,
  as revised for the 2019-10 consumption-tax change).
- A renewal (更新申請) can be filed from 60 days before the expiry date until the expiry date
  (介護保険法第28条 and its 施行規則: 有効期間満了の日の60日前から満了の日までの間).
  E.g. expiry 5/31 → from 4/1.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol, TypeVar


class CareLevel(StrEnum):
    JIGYO_TAISHO = "jigyo_taisho"
    SUPPORT_1 = "support_1"
    SUPPORT_2 = "support_2"
    CARE_1 = "care_1"
    CARE_2 = "care_2"
    CARE_3 = "care_3"
    CARE_4 = "care_4"
    CARE_5 = "care_5"


CARE_LEVEL_LABELS: dict[CareLevel, str] = {
    CareLevel.JIGYO_TAISHO: "事業対象者",
    CareLevel.SUPPORT_1: "要支援1",
    CareLevel.SUPPORT_2: "要支援2",
    CareLevel.CARE_1: "要介護1",
    CareLevel.CARE_2: "要介護2",
    CareLevel.CARE_3: "要介護3",
    CareLevel.CARE_4: "要介護4",
    CareLevel.CARE_5: "要介護5",
}

# 要介護状態区分コード used on the 被保険者証 and in the exchange files.
CARE_LEVEL_CODES: dict[CareLevel, str] = {
    CareLevel.JIGYO_TAISHO: "06",
    CareLevel.SUPPORT_1: "12",
    CareLevel.SUPPORT_2: "13",
    CareLevel.CARE_1: "21",
    CareLevel.CARE_2: "22",
    CareLevel.CARE_3: "23",
    CareLevel.CARE_4: "24",
    CareLevel.CARE_5: "25",
}


@dataclass(frozen=True)
class LimitTable:
    effective_from: dt.date
    units: dict[CareLevel, int]


# 区分支給限度基準額 (units per month). Newest first; add a table when the 告示 changes.
BENEFIT_LIMIT_TABLES: tuple[LimitTable, ...] = (
    LimitTable(
        effective_from=dt.date(2019, 10, 1),
        units={
            CareLevel.SUPPORT_1: 5032,
            CareLevel.SUPPORT_2: 10531,
            CareLevel.CARE_1: 16765,
            CareLevel.CARE_2: 19705,
            CareLevel.CARE_3: 27048,
            CareLevel.CARE_4: 30938,
            CareLevel.CARE_5: 36217,
        },
    ),
)


def benefit_limit_units(level: CareLevel | str, on: dt.date) -> int | None:
    """The monthly limit for a level on a date; None for 事業対象者 (no 区分支給限度 of its own)."""
    level = CareLevel(level)
    for table in BENEFIT_LIMIT_TABLES:
        if on >= table.effective_from:
            return table.units.get(level)
    return None


RENEWAL_WINDOW_DAYS = 60


def renewal_window_opens(valid_to: dt.date) -> dt.date:
    """First day a renewal may be filed: 60 days before the expiry date."""
    return valid_to - dt.timedelta(days=RENEWAL_WINDOW_DAYS)


class RenewalState(StrEnum):
    NOT_YET = "not_yet"  # window not open
    OPEN = "open"  # can be filed now
    EXPIRED = "expired"  # validity ended


@dataclass(frozen=True)
class RenewalHint:
    state: RenewalState
    opens_on: dt.date
    valid_to: dt.date
    days_left: int


def renewal_hint(valid_to: dt.date, today: dt.date) -> RenewalHint:
    opens = renewal_window_opens(valid_to)
    if today > valid_to:
        state = RenewalState.EXPIRED
    elif today >= opens:
        state = RenewalState.OPEN
    else:
        state = RenewalState.NOT_YET
    return RenewalHint(state=state, opens_on=opens, valid_to=valid_to, days_left=(valid_to - today).days)


def ends_within(valid_to: dt.date, today: dt.date, days: int = RENEWAL_WINDOW_DAYS) -> bool:
    """True when the validity ends today or within `days` days (and has not ended yet)."""
    return today <= valid_to <= today + dt.timedelta(days=days)


@dataclass(frozen=True)
class RenewalFacts:
    """What the renewal-due rule needs to know of a client's current certification."""

    certified: bool  # 認定済 (a 申請中 line has no validity to renew yet)
    valid_from: dt.date
    valid_to: dt.date
    later_certification: bool = False  # a later line (申請中 or 認定済) is already recorded
    renewal_filed_on: tuple[dt.date, ...] = ()  # filing dates of renewal applications (filed or decided)


def renewal_due(facts: RenewalFacts, today: dt.date) -> bool:
    """The one renewal-due rule (今日 page, client page, 運営基準 report): the validity ends within
    60 days and has not ended, and no renewal was filed for it — no renewal application filed on
    or after its start, and no later certification recorded (介護保険法第28条)."""
    return (
        facts.certified
        and ends_within(facts.valid_to, today)
        and not facts.later_certification
        and not any(filed >= facts.valid_from for filed in facts.renewal_filed_on)
    )


# 利用者の状態: which changes are possible. 終了 can be undone by a new contract (再契約).
CLIENT_STATUS_TRANSITIONS: dict[str, frozenset[str]] = {
    "consulting": frozenset({"active", "ended"}),
    "active": frozenset({"suspended", "ended"}),
    "suspended": frozenset({"active", "ended"}),
    "ended": frozenset({"active"}),
}

# 認定申請の状況: 準備中 → 申請済 → 認定結果受領; 取下げ from any open state.
APPLICATION_STATUS_TRANSITIONS: dict[str, frozenset[str]] = {
    "preparing": frozenset({"filed", "withdrawn"}),
    "filed": frozenset({"decided", "withdrawn"}),
    "decided": frozenset(),
    "withdrawn": frozenset(),
}


def allowed_from(transitions: dict[str, frozenset[str]], to: str) -> frozenset[str]:
    """The states from which `to` can be reached."""
    return frozenset(state for state, targets in transitions.items() if to in targets)


def copay_rate_valid(rate: int) -> bool:
    """利用者負担割合: 1割, 2割 or 3割 (stored as percent)."""
    return rate in (10, 20, 30)


# -- the certification in effect (issue 9 item 13) -------------------------------------------------


class CertificationPeriodLike(Protocol):
    """What the in-effect rule reads of a 認定 line (a model row or a selector's line)."""

    @property
    def valid_from(self) -> dt.date: ...

    @property
    def valid_to(self) -> dt.date: ...

    @property
    def is_certified(self) -> bool: ...


C = TypeVar("C", bound=CertificationPeriodLike)


def certification_in_effect(lines: Sequence[C], on: dt.date) -> C | None:
    """The certification in effect on a day: a line whose validity contains the day — never the
    newest row (a certification valid from next month does not change today's level and limit).
    認定済 lines come before 申請中 ones (a 区分変更 or a new application is 申請中 until decided:
    介護保険法第27条第8項 — the decision takes effect from the application date); among those, the one
    that started last. None when no line covers the day."""
    covering = [line for line in lines if line.valid_from <= on <= line.valid_to]
    if not covering:
        return None
    return max(covering, key=lambda line: (line.is_certified, line.valid_from))


def day_shown(month: dt.date, today: dt.date) -> dt.date:
    """The day a month's page stands for: today in the current month, the month's last day for a
    past month and its first day for a future one (the certification "in the month shown")."""
    first = month.replace(day=1)
    following = (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return min(max(today, first), following - dt.timedelta(days=1))


def uncovered_days(periods: Sequence[tuple[dt.date, dt.date]], days: Sequence[dt.date]) -> list[dt.date]:
    """The days that no period (valid_from, valid_to) covers."""
    return [day for day in days if not any(start <= day <= end for start, end in periods)]


# -- certification periods (issue 9 item 9) --------------------------------------------------------
# 介護保険法施行規則 (平成11年厚生省令第36号):
# - 第38条 (新規の要介護認定): the validity is the part month from the day it takes effect to that
#   month's end plus 6 months; the 認定審査会 may set 3–12 months.
# - 第41条 (更新認定): 12 months from the day after the previous expiry; 3–36 months, and up to 48
#   when the level is the same as before (since 2021-04).
# - 区分変更 (法第29条) follows the new-certification rule: part month + 6 months, 3–12.
# - 第55条: the same counting for 要支援 (更新) certifications.
# (verify: restated from public copies of the 規則; kept as dated data so a correction is data.)
#
# How months are counted: the part month from a mid-month start to that month's end is not one of
# the N months (第38条 "…月の末日までの期間と六月間を合算"); for a new or 区分変更 certification the
# start month is therefore never counted, for a renewal (which starts on the 1st, the day after the
# previous expiry) it is counted when the period starts on the 1st. E.g. new 2026-04-15〜2026-10-31
# is 6 months (May..Oct); renewal 2026-04-01〜2027-03-31 is 12 months (Apr..Mar).


class CertificationKind(StrEnum):
    NEW = "new"
    RENEWAL = "renewal"
    CHANGE = "change"


@dataclass(frozen=True)
class MonthRange:
    low: int
    high: int
    standard: int


@dataclass(frozen=True)
class PeriodTable:
    effective_from: dt.date
    new: MonthRange
    change: MonthRange
    renewal_same_level: MonthRange
    renewal_other_level: MonthRange


# Newest first; add a table when the 規則 changes.
CERTIFICATION_PERIOD_TABLES: tuple[PeriodTable, ...] = (
    PeriodTable(
        effective_from=dt.date(2021, 4, 1),
        new=MonthRange(3, 12, 6),
        change=MonthRange(3, 12, 6),
        renewal_same_level=MonthRange(3, 48, 12),
        renewal_other_level=MonthRange(3, 36, 12),
    ),
)


def period_table(on: dt.date) -> PeriodTable | None:
    return next((t for t in CERTIFICATION_PERIOD_TABLES if on >= t.effective_from), None)


def period_months(valid_from: dt.date, valid_to: dt.date, kind: CertificationKind | str) -> int:
    """The number of months of a validity as the 規則 counts them (see the comment above): the
    months from the first counted month to valid_to's month, both included."""
    first_counted = valid_from.month + valid_from.year * 12
    if not (CertificationKind(kind) == CertificationKind.RENEWAL and valid_from.day == 1):
        first_counted += 1
    return valid_to.month + valid_to.year * 12 - first_counted + 1


class PeriodIssue(StrEnum):
    NOT_MONTH_END = "not_month_end"
    TOO_SHORT = "too_short"
    TOO_LONG = "too_long"


@dataclass(frozen=True)
class PeriodWarning:
    issue: PeriodIssue
    months: int
    allowed: MonthRange


def period_warnings(
    valid_from: dt.date, valid_to: dt.date, kind: CertificationKind | str, *, same_level: bool = False
) -> list[PeriodWarning]:
    """Warnings (never refusals) for a validity that does not end on a month end or whose length is
    outside the allowed range for its kind (規則第38条・第41条, see above). `same_level`: a renewal
    with the level unchanged from the previous certification (up to 48 months)."""
    table = period_table(valid_from)
    if table is None or valid_to < valid_from:
        return []
    kind = CertificationKind(kind)
    if kind == CertificationKind.RENEWAL:
        allowed = table.renewal_same_level if same_level else table.renewal_other_level
    else:
        allowed = table.change if kind == CertificationKind.CHANGE else table.new
    months = period_months(valid_from, valid_to, kind)
    out: list[PeriodWarning] = []
    if (valid_to + dt.timedelta(days=1)).day != 1:
        out.append(PeriodWarning(PeriodIssue.NOT_MONTH_END, months, allowed))
    if months < allowed.low:
        out.append(PeriodWarning(PeriodIssue.TOO_SHORT, months, allowed))
    elif months > allowed.high:
        out.append(PeriodWarning(PeriodIssue.TOO_LONG, months, allowed))
    return out
