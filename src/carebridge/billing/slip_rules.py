"""第6表 サービス利用票: generation from the plan's weekly schedule, day strings, holiday marks and
the month's findings — pure Python, no Django.

- A slip line is one provider's service in one time band; its planned days are every date of the
  month on the schedule's weekdays that falls within the planned service's period (第2表の期間).
- Public holidays (jpholiday) are MARKED, never dropped: whether a provider serves on a holiday
  is the care manager's call when confirming the slip.
- A schedule entry is mapped to its planned service by the entry's explicit link when it has one,
  else by its label (the service kind or content, width-folded); an entry that maps to no single
  service still makes a line, with provider and code blank for the care manager to fill.
- The service code and units come from an injected lookup `code_for(service_type, minutes,
  care_level, on)` (the service master): no code is guessed here.
- The month's 利用票 is explained to the client and consented, and the 提供票 delivered to each
  provider (居宅介護支援 運営基準第13条第10号・第11号の趣旨; 老企第29号 第6表・第7表の記載要領).
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

import jpholiday

DAYS = 31
NO_DAYS = "0" * DAYS
RENTAL_TYPE = "17"  # 福祉用具貸与: the product code (TAIS・届出コード) is required on its lines


@dataclass(frozen=True, slots=True)
class CodeChoice:
    """What the service master answers for a service in a time band."""

    code: str
    name: str
    units: int
    limit_managed: bool = True
    rate_permille: int | None = None


CodeLookup = Callable[[str, int, str, dt.date], "CodeChoice | None"]


def no_master(service_type: str, minutes: int, care_level: str, on: dt.date) -> CodeChoice | None:
    """The lookup while no master is wired: every line comes out with its code blank."""
    return None


@dataclass(frozen=True, slots=True)
class ServiceFacts:
    """A planned service of 第2表 (insured ones only are billed)."""

    service_id: int
    service_type: str
    kind: str
    content: str
    provider_id: int | None
    provider_name: str
    period_start: dt.date
    period_end: dt.date


@dataclass(frozen=True, slots=True)
class ScheduleFacts:
    """A row of 第3表 週間サービス計画表."""

    weekday: int  # 0 = Monday
    start: dt.time
    end: dt.time
    label: str
    service_id: int | None = None


@dataclass(frozen=True, slots=True)
class LineDraft:
    """A generated slip line; `mapped` is False when no single planned service matched."""

    service_type: str
    service_code: str
    service_name: str
    units: int
    limit_managed: bool
    rate_permille: int | None
    provider_id: int | None
    provider_name: str
    start: dt.time
    end: dt.time
    planned_days: str
    mapped: bool
    label: str
    weekdays: tuple[int, ...] = field(default=())


def month_days(month: dt.date) -> list[dt.date]:
    first = month.replace(day=1)
    out = []
    day = first
    while day.month == first.month:
        out.append(day)
        day += dt.timedelta(days=1)
    return out


def holidays(month: dt.date) -> dict[int, str]:
    """Day of month → the holiday's name (祝日・振替休日), for the marks on screen and PDF."""
    return {d.day: str(jpholiday.is_holiday_name(d)) for d in month_days(month) if jpholiday.is_holiday(d)}


def days_on_weekdays(month: dt.date, weekdays: Iterable[int], start: dt.date, end: dt.date) -> str:
    """31 digits: "1" on each date of `month` on one of `weekdays` within [start, end]."""
    wanted = set(weekdays)
    cells = ["0"] * DAYS
    for d in month_days(month):
        if d.weekday() in wanted and start <= d <= end:
            cells[d.day - 1] = "1"
    return "".join(cells)


def count(days: str) -> int:
    return sum(int(c) for c in days) if days else 0


def set_day(days: str, day: int, value: int) -> str:
    """`days` with the count of `day` (1..31) set to `value` (0..9)."""
    if not 1 <= day <= DAYS:
        raise ValueError(day)
    if not 0 <= value <= 9:
        raise ValueError(value)
    cells = list(days or NO_DAYS)
    cells[day - 1] = str(value)
    return "".join(cells)


def beyond_month(month: dt.date, days: str) -> list[int]:
    """Days with a count that the month does not have (the 31st of a 30-day month)."""
    last = len(month_days(month))
    return [i + 1 for i, c in enumerate(days or "") if c != "0" and i + 1 > last]


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).replace(" ", "").replace("　", "").lower()


def map_entry(entry: ScheduleFacts, services: Sequence[ServiceFacts]) -> ServiceFacts | None:
    """The planned service of a schedule entry: its explicit link, else the one service whose
    kind or content the label names (or that names the label); None when none or several match."""
    if entry.service_id is not None:
        return next((s for s in services if s.service_id == entry.service_id), None)
    label = _fold(entry.label)
    if not label:
        return None
    exact = [s for s in services if label in (_fold(s.kind), _fold(s.content))]
    if len(exact) == 1:
        return exact[0]
    loose = [
        s
        for s in services
        if any(part and (part in label or label in part) for part in (_fold(s.kind), _fold(s.content)))
    ]
    return loose[0] if len(loose) == 1 else None


def minutes(start: dt.time, end: dt.time) -> int:
    return (end.hour * 60 + end.minute) - (start.hour * 60 + start.minute)


def generate(
    *,
    month: dt.date,
    entries: Sequence[ScheduleFacts],
    services: Sequence[ServiceFacts],
    care_level: str,
    code_for: CodeLookup,
) -> list[LineDraft]:
    """The draft lines of a month: one per (service, time band), its weekdays merged; unmapped
    entries kept (one per label and band) with provider and code blank. Lines whose period misses
    the month entirely are left out (nothing planned that month); order: by start time, weekday."""
    first = month.replace(day=1)
    last = month_days(first)[-1]
    groups: dict[tuple[object, dt.time, dt.time], list[ScheduleFacts]] = {}
    targets: dict[tuple[object, dt.time, dt.time], ServiceFacts | None] = {}
    for entry in sorted(entries, key=lambda e: (e.start, e.weekday, e.end, e.label)):
        service = map_entry(entry, services)
        key: tuple[object, dt.time, dt.time] = (
            ("s", service.service_id) if service else ("label", _fold(entry.label)),
            entry.start,
            entry.end,
        )
        groups.setdefault(key, []).append(entry)
        targets[key] = service
    out: list[LineDraft] = []
    for key, group in groups.items():
        service = targets[key]
        start, end = group[0].start, group[0].end
        weekdays = tuple(sorted({e.weekday for e in group}))
        if service is None:
            days = days_on_weekdays(first, weekdays, first, last)
            out.append(
                LineDraft(
                    service_type="",
                    service_code="",
                    service_name=group[0].label,
                    units=0,
                    limit_managed=True,
                    rate_permille=None,
                    provider_id=None,
                    provider_name="",
                    start=start,
                    end=end,
                    planned_days=days,
                    mapped=False,
                    label=group[0].label,
                    weekdays=weekdays,
                )
            )
            continue
        if service.period_end < first or service.period_start > last:
            continue
        days = days_on_weekdays(first, weekdays, service.period_start, service.period_end)
        choice = (
            code_for(service.service_type, minutes(start, end), care_level, first) if service.service_type else None
        )
        out.append(
            LineDraft(
                service_type=service.service_type,
                service_code=choice.code if choice else "",
                service_name=choice.name if choice else (service.kind or group[0].label),
                units=choice.units if choice else 0,
                limit_managed=choice.limit_managed if choice else True,
                rate_permille=choice.rate_permille if choice else None,
                provider_id=service.provider_id,
                provider_name=service.provider_name,
                start=start,
                end=end,
                planned_days=days,
                mapped=True,
                label=group[0].label,
                weekdays=weekdays,
            )
        )
    return out


# -- the month's findings (compliance shows them; billing registers the source) -------------------


@dataclass(frozen=True, slots=True)
class SlipState:
    """A client's slip of a month as the findings need it."""

    client_id: int
    month: dt.date
    status: str  # draft / confirmed / closed / superseded
    consented_on: dt.date | None
    providers: int  # providers named on the slip
    providers_delivered: int
    blank_lines: int = 0  # lines without provider or code


@dataclass(frozen=True, slots=True)
class SlipFinding:
    client_id: int
    month: dt.date
    code: str
    message: str
    due: dt.date


def consent_due(month: dt.date) -> dt.date:
    """The 利用票 is explained and consented before the month's services: by its first day."""
    return month.replace(day=1)


def findings(state: SlipState, today: dt.date) -> list[SlipFinding]:
    """What is missing for a month that has started: the client's consent, the providers' 提供票,
    lines without code or provider."""
    first = state.month.replace(day=1)
    if today < first - dt.timedelta(days=7) or state.status == "superseded":
        return []
    out: list[SlipFinding] = []
    if state.consented_on is None:
        out.append(
            SlipFinding(
                state.client_id,
                first,
                "slip_consent_missing",
                f"{first.year}年{first.month}月のサービス利用票の説明・同意が記録されていません。",
                consent_due(first),
            )
        )
    if state.providers > state.providers_delivered:
        out.append(
            SlipFinding(
                state.client_id,
                first,
                "slip_delivery_missing",
                f"{first.year}年{first.month}月のサービス提供票が交付されていない事業所が"
                f"{state.providers - state.providers_delivered}件あります。",
                consent_due(first),
            )
        )
    if state.blank_lines:
        out.append(
            SlipFinding(
                state.client_id,
                first,
                "slip_lines_blank",
                f"{first.year}年{first.month}月のサービス利用票に事業所またはサービスコードが未入力の行が"
                f"{state.blank_lines}行あります。",
                consent_due(first),
            )
        )
    return out
