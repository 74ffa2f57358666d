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
from dataclasses import dataclass
from enum import StrEnum


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
