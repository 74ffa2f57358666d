"""Entitlement rules of 育児・介護休業法 (育児休業、介護休業等育児又は家族介護を行う労働者の福祉に関する
法律, 平成3年法律第76号) for caregiving — pure Python, no Django.

Every rule names its article, and every refusal is a `Refusal(code, article, message)` with a
Japanese message that explains itself. The legal figures are dated data (`LEGAL_FIGURES`, picked
by `legal_figures(on)`), never constants scattered in the code. A company policy more generous
than the law wins (`Policy`: more days, more periods, fewer exclusions); a policy below the law
never lowers an entitlement.

- 介護休業 (第11条〜第15条): per family member (対象家族) 93 calendar days in total in up to 3
  periods (第11条第2項); a fixed-term worker may take it unless the contract clearly ends by
  6 months after the day on which 93 days have passed from the planned start (第11条第1項ただし書);
  a labour agreement may exclude only: under 1 year of employment, leaving within 93 days, 2 days a
  week or less (第12条第2項 → 第6条第1項ただし書・則第24条 (verify)). A request made less than
  2 weeks before its start is not refused: the employer may only set a later start (第12条第3項).
- 介護休暇 (第16条の5): 5 working days a fiscal year, 10 with two or more family members who need
  care (shared between them); the year is the company's fiscal year (第16条の5第1項 "一の年度",
  the employer's own year unless the rules say otherwise). Hours (第16条の5第2項・則第40条第1項: a
  whole number of hours below a day's scheduled hours) add up to a day at the daily scheduled hours
  rounded UP to a whole hour (7.5 h -> 8 h; MHLW Q&A on hourly 介護休暇 (verify the 則 provision)).
  Since 2025-04-01 a labour agreement may exclude only workers of 2 days a week or less (第16条の6
  第2項); the 6-month exclusion was abolished, and a 1-year one never existed.
- 所定外労働の制限 (第16条の9 → 第16条の8): per request 1 month to 1 year, requested 1 month ahead;
  a labour agreement may exclude under 1 year, 2 days a week or less.
- 時間外労働の制限 (第18条 → 第17条): at most 24 h a month and 150 h a year; 1 month to 1 year,
  1 month ahead; by law not for under 1 year nor 2 days a week or less.
- 深夜業の制限 (第20条 → 第19条): 22:00–5:00; 1 to 6 months, 1 month ahead; by law not for under
  1 year nor 2 days a week or less (the other statutory cases need facts the input does not carry).
- 所定労働時間の短縮等の措置 (第23条第3項): at least 2 uses within 3 years from the first use, per
  family member.

The 常時介護を必要とする状態に関する判断基準 is never a reason to refuse: nothing here reads it.
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from carebridge.core.messages import Message

from . import messages

LAW = "育児・介護休業法"

# Kinds (the API's words; choices.LeaveKind has the same values).
CARE_LEAVE = "care_leave"
CARE_DAYS_OFF = "care_days_off"
OVERTIME_EXEMPTION = "overtime_exemption"
OVERTIME_LIMIT = "overtime_limit"
NIGHT_WORK_LIMIT = "night_work_limit"
REDUCED_HOURS_MEASURE = "reduced_hours_measure"
TELEWORK = "telework"
PERIOD_KINDS = (CARE_LEAVE, OVERTIME_EXEMPTION, OVERTIME_LIMIT, NIGHT_WORK_LIMIT, REDUCED_HOURS_MEASURE)
KINDS = (CARE_LEAVE, CARE_DAYS_OFF, OVERTIME_EXEMPTION, OVERTIME_LIMIT, NIGHT_WORK_LIMIT, REDUCED_HOURS_MEASURE)
REQUEST_KINDS = (*KINDS, TELEWORK)

# Labour-agreement exclusions (choices.AgreementExclusion has the same values).
UNDER_1_YEAR = "under_1_year"
LEAVING_WITHIN_93_DAYS = "leaving_within_93_days"
WEEKLY_2_DAYS_OR_LESS = "weekly_2_days_or_less"
UNDER_6_MONTHS = "under_6_months"  # 介護休暇 before 2025-04-01 only
EXCLUSIONS = (UNDER_1_YEAR, LEAVING_WITHIN_93_DAYS, WEEKLY_2_DAYS_OR_LESS)

SYSTEM_NAMES = {
    CARE_LEAVE: "介護休業",
    CARE_DAYS_OFF: "介護休暇",
    OVERTIME_EXEMPTION: "所定外労働の制限",
    OVERTIME_LIMIT: "時間外労働の制限",
    NIGHT_WORK_LIMIT: "深夜業の制限",
    REDUCED_HOURS_MEASURE: "所定労働時間の短縮等の措置",
    TELEWORK: "テレワーク",
}

# Articles (one place; every refusal quotes one of these).
ART_CARE_LEAVE_PERIODS = f"{LAW} 第11条第2項第1号"
ART_CARE_LEAVE_DAYS = f"{LAW} 第11条第2項第2号・第15条第1項"
ART_CARE_LEAVE_FIXED_TERM = f"{LAW} 第11条第1項ただし書"
ART_CARE_LEAVE_AGREEMENT = f"{LAW} 第12条第2項（第6条第1項ただし書の準用）・施行規則第24条（verify）"
ART_CARE_DAYS_OFF = f"{LAW} 第16条の5第1項"
ART_CARE_DAYS_OFF_HOURS = f"{LAW} 第16条の5第2項・施行規則第40条第1項"
ART_CARE_DAYS_OFF_AGREEMENT = f"{LAW} 第16条の6第2項（2025年4月1日以降は週2日以下のみ）"
ART_OVERTIME_EXEMPTION = f"{LAW} 第16条の9第1項（第16条の8の準用）"
ART_OVERTIME_LIMIT = f"{LAW} 第18条第1項（第17条の準用）"
ART_NIGHT_WORK_LIMIT = f"{LAW} 第20条第1項（第19条の準用）"
ART_REDUCED_HOURS = f"{LAW} 第23条第3項"
ARTICLES = {
    OVERTIME_EXEMPTION: ART_OVERTIME_EXEMPTION,
    OVERTIME_LIMIT: ART_OVERTIME_LIMIT,
    NIGHT_WORK_LIMIT: ART_NIGHT_WORK_LIMIT,
}

# The article that defines each system's period (a second record over the same days is refused).
OVERLAP_ARTICLES = {
    CARE_LEAVE: f"{LAW} 第15条第1項",
    **ARTICLES,
    REDUCED_HOURS_MEASURE: ART_REDUCED_HOURS,
}


@dataclass(frozen=True)
class LegalFigures:
    """The law's figures in force from `effective_from` (until the next row)."""

    effective_from: dt.date
    care_leave_days: int  # 第11条第2項第2号
    care_leave_periods: int  # 第11条第2項第1号
    fixed_term_months_after_93_days: int  # 第11条第1項ただし書
    care_leave_excludable: frozenset[str]  # 第12条第2項
    care_days_off_one: int  # 第16条の5第1項
    care_days_off_two: int  # 第16条の5第1項
    care_days_off_excludable: frozenset[str]  # 第16条の6第2項
    notice_months: int  # 第16条の8第2項・第17条第2項・第19条第2項: 1か月前まで
    overtime_exemption_months: tuple[int, int]  # 1か月以上1年以内
    overtime_limit_months: tuple[int, int]  # 1か月以上1年以内
    night_work_limit_months: tuple[int, int]  # 1か月以上6か月以内
    overtime_limit_hours_month: int  # 第17条第1項: 24時間
    overtime_limit_hours_year: int  # 第17条第1項: 150時間
    reduced_hours_uses: int  # 第23条第3項: 2回以上
    reduced_hours_years: int  # 第23条第3項: 3年以上


LEGAL_FIGURES: tuple[LegalFigures, ...] = (
    # 2017-01-01: 介護休業 in up to 3 periods (平成28年改正); hourly 介護休暇 from 2021-01-01.
    LegalFigures(
        effective_from=dt.date(2017, 1, 1),
        care_leave_days=93,
        care_leave_periods=3,
        fixed_term_months_after_93_days=6,
        care_leave_excludable=frozenset({UNDER_1_YEAR, LEAVING_WITHIN_93_DAYS, WEEKLY_2_DAYS_OR_LESS}),
        care_days_off_one=5,
        care_days_off_two=10,
        care_days_off_excludable=frozenset({UNDER_6_MONTHS, WEEKLY_2_DAYS_OR_LESS}),
        notice_months=1,
        overtime_exemption_months=(1, 12),
        overtime_limit_months=(1, 12),
        night_work_limit_months=(1, 6),
        overtime_limit_hours_month=24,
        overtime_limit_hours_year=150,
        reduced_hours_uses=2,
        reduced_hours_years=3,
    ),
    # 2025-04-01 (令和6年改正): 介護休暇 — a labour agreement may exclude only ≤ 2 days a week.
    LegalFigures(
        effective_from=dt.date(2025, 4, 1),
        care_leave_days=93,
        care_leave_periods=3,
        fixed_term_months_after_93_days=6,
        care_leave_excludable=frozenset({UNDER_1_YEAR, LEAVING_WITHIN_93_DAYS, WEEKLY_2_DAYS_OR_LESS}),
        care_days_off_one=5,
        care_days_off_two=10,
        care_days_off_excludable=frozenset({WEEKLY_2_DAYS_OR_LESS}),
        notice_months=1,
        overtime_exemption_months=(1, 12),
        overtime_limit_months=(1, 12),
        night_work_limit_months=(1, 6),
        overtime_limit_hours_month=24,
        overtime_limit_hours_year=150,
        reduced_hours_uses=2,
        reduced_hours_years=3,
    ),
)


def legal_figures(on: dt.date) -> LegalFigures:
    """The row of LEGAL_FIGURES in force on `on` (the first row for earlier dates)."""
    chosen = LEGAL_FIGURES[0]
    for row in LEGAL_FIGURES:
        if row.effective_from <= on:
            chosen = row
    return chosen


@dataclass(frozen=True)
class Refusal:
    code: str
    article: str
    message: str

    def as_dict(self) -> dict[str, str]:
        return {"code": self.code, "article": self.article, "message": self.message}


def _refuse(template: Message, article: str, **params: object) -> Refusal:
    return Refusal(code=template.code, article=article, message=str(template.format(**params)))


@dataclass(frozen=True)
class EmployeeFacts:
    weekly_days: int
    daily_hours: Decimal
    hired_on: dt.date
    fixed_term_end: dt.date | None = None


@dataclass(frozen=True)
class Policy:
    """The company's rules. `None` figures mean "as the law"; smaller figures than the law's are
    ignored (the law is the floor)."""

    fiscal_year_start: tuple[int, int] = (4, 1)  # (month, day)
    labor_agreement_excludes: frozenset[str] = frozenset()
    care_leave_days: int | None = None
    care_leave_periods: int | None = None
    care_days_off_one: int | None = None
    care_days_off_two: int | None = None
    reduced_hours_uses: int | None = None
    reduced_hours_years: int | None = None


@dataclass(frozen=True)
class Use:
    """One use of a system for one family member. Periods: start..end (inclusive). 介護休暇:
    start == end, `hours` for hourly use or None for the whole day."""

    kind: str
    family_id: str
    start: dt.date
    end: dt.date
    hours: int | None = None
    requested_on: dt.date | None = None


def _at_least(law: int, company: int | None) -> int:
    return law if company is None else max(law, company)


def day_unit_hours(daily_hours: Decimal) -> int:
    """Hours that make one day of hourly 介護休暇: the daily scheduled hours rounded UP to a whole
    hour (7.5 h -> 8 h)."""
    return max(1, math.ceil(daily_hours))


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later (the month's last day when it has no such day)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


def add_years(day: dt.date, years: int) -> dt.date:
    return add_months(day, 12 * years)


def fiscal_year_start(on: dt.date, start: tuple[int, int]) -> dt.date:
    """The first day of the company's fiscal year that contains `on`."""
    month, day = start
    this_year = dt.date(on.year, month, min(day, calendar.monthrange(on.year, month)[1]))
    if on >= this_year:
        return this_year
    return dt.date(on.year - 1, month, min(day, calendar.monthrange(on.year - 1, month)[1]))


def _days(use: Use) -> int:
    return (use.end - use.start).days + 1


def _overlaps(a: Use, b: Use) -> bool:
    return a.start <= b.end and b.start <= a.end


# --- 介護休業 ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class CareLeaveBalance:
    family_id: str
    days_entitled: int
    days_used: int
    days_left: int
    periods_entitled: int
    periods_used: int
    periods_left: int

    def as_dict(self) -> dict[str, object]:
        return {
            "family_id": self.family_id,
            "days_used": self.days_used,
            "days_left": self.days_left,
            "periods_used": self.periods_used,
            "periods_left": self.periods_left,
        }


def care_leave_entitlement(policy: Policy, on: dt.date) -> tuple[int, int]:
    """(days, periods) per family member: the law's (第11条第2項) or the company's if more."""
    law = legal_figures(on)
    return (
        _at_least(law.care_leave_days, policy.care_leave_days),
        _at_least(law.care_leave_periods, policy.care_leave_periods),
    )


def care_leave_balance(family_id: str, history: Iterable[Use], policy: Policy, on: dt.date) -> CareLeaveBalance:
    """Days and periods of 介護休業 used and left for one family member (第11条第2項)."""
    days, periods = care_leave_entitlement(policy, on)
    uses = [u for u in history if u.kind == CARE_LEAVE and u.family_id == family_id]
    days_used = min(days, sum(_days(u) for u in uses))
    periods_used = min(periods, len(uses))
    return CareLeaveBalance(
        family_id=family_id,
        days_entitled=days,
        days_used=days_used,
        days_left=days - days_used,
        periods_entitled=periods,
        periods_used=periods_used,
        periods_left=periods - periods_used,
    )


def check_care_leave(
    request: Use, employee: EmployeeFacts, policy: Policy, history: Sequence[Use], as_of: dt.date
) -> list[Refusal]:
    law = legal_figures(request.start)
    reasons: list[Refusal] = []
    balance = care_leave_balance(request.family_id, history, policy, request.start)
    if balance.periods_used >= balance.periods_entitled:
        reasons.append(
            _refuse(
                messages.CARE_LEAVE_PERIODS_EXCEEDED,
                ART_CARE_LEAVE_PERIODS,
                used=balance.periods_used,
                limit=balance.periods_entitled,
            )
        )
    requested = _days(request)
    if requested > balance.days_left:
        reasons.append(
            _refuse(
                messages.CARE_LEAVE_DAYS_EXCEEDED,
                ART_CARE_LEAVE_DAYS,
                limit=balance.days_entitled,
                used=balance.days_used,
                requested=requested,
                left=balance.days_left,
            )
        )
    reasons += _overlap(request, history)
    if employee.fixed_term_end is not None:
        # 「介護休業開始予定日から起算して93日を経過する日から6月を経過する日までに、その労働契約が
        # 満了することが明らかでない者」. MHLW's worked example (両立支援のひろば Q&A): a start on
        # 2022-04-01 gives 2023-01-01 — the 93rd day (start + 92), 6 months on, less one day.
        day_93 = request.start + dt.timedelta(days=law.care_leave_days - 1)
        deadline = add_months(day_93, law.fixed_term_months_after_93_days) - dt.timedelta(days=1)
        if employee.fixed_term_end <= deadline:
            reasons.append(
                _refuse(
                    messages.CARE_LEAVE_FIXED_TERM,
                    ART_CARE_LEAVE_FIXED_TERM,
                    end=employee.fixed_term_end.isoformat(),
                    deadline=deadline.isoformat(),
                )
            )
    excludes = policy.labor_agreement_excludes & law.care_leave_excludable
    applied_on = request.requested_on or as_of
    if UNDER_1_YEAR in excludes and add_years(employee.hired_on, 1) > applied_on:
        reasons.append(
            _refuse(
                messages.CARE_LEAVE_EXCLUDED_UNDER_1_YEAR,
                ART_CARE_LEAVE_AGREEMENT,
                hired_on=employee.hired_on.isoformat(),
            )
        )
    if (
        LEAVING_WITHIN_93_DAYS in excludes
        and employee.fixed_term_end is not None
        and employee.fixed_term_end <= applied_on + dt.timedelta(days=law.care_leave_days)
    ):
        reasons.append(
            _refuse(
                messages.CARE_LEAVE_EXCLUDED_LEAVING_WITHIN_93_DAYS,
                ART_CARE_LEAVE_AGREEMENT,
                end=employee.fixed_term_end.isoformat(),
            )
        )
    if WEEKLY_2_DAYS_OR_LESS in excludes and employee.weekly_days <= 2:
        reasons.append(
            _refuse(messages.CARE_LEAVE_EXCLUDED_WEEKLY_2_DAYS, ART_CARE_LEAVE_AGREEMENT, days=employee.weekly_days)
        )
    return reasons


def _overlap(request: Use, history: Sequence[Use]) -> list[Refusal]:
    for use in history:
        if use.kind == request.kind and use.family_id == request.family_id and _overlaps(use, request):
            return [
                _refuse(
                    messages.REQUEST_OVERLAPS,
                    OVERLAP_ARTICLES[request.kind],
                    system=SYSTEM_NAMES[request.kind],
                    start=use.start.isoformat(),
                    end=use.end.isoformat(),
                )
            ]
    return []


# --- 介護休暇 ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class CareDaysOffBalance:
    fiscal_year_start: dt.date
    entitled_days: int
    unit_hours: int  # hours that make one day
    used_hours: int
    left_days: int
    left_hours: int  # the remainder after whole days

    @property
    def entitled_hours(self) -> int:
        return self.entitled_days * self.unit_hours

    @property
    def left_total_hours(self) -> int:
        return self.left_days * self.unit_hours + self.left_hours

    def as_dict(self) -> dict[str, object]:
        return {
            "fiscal_year_start": self.fiscal_year_start.isoformat(),
            "entitled_days": self.entitled_days,
            "used_hours": self.used_hours,
            "left_days": self.left_days,
            "left_hours": self.left_hours,
        }


def care_days_off_entitled(family_count: int, policy: Policy, on: dt.date) -> int:
    """5 days a fiscal year, 10 with two or more family members who need care (第16条の5第1項);
    the company's figure if more; none without a family member who needs care."""
    law = legal_figures(on)
    if family_count <= 0:
        return 0
    if family_count == 1:
        return _at_least(law.care_days_off_one, policy.care_days_off_one)
    return _at_least(law.care_days_off_two, policy.care_days_off_two)


def use_hours(use: Use, unit: int) -> int:
    """Hours a 介護休暇 use counts: its hours, or a whole day's `unit` hours."""
    return unit * _days(use) if use.hours is None else use.hours


def care_days_off_balance(
    on: dt.date, family_count: int, history: Iterable[Use], employee: EmployeeFacts, policy: Policy
) -> CareDaysOffBalance:
    """介護休暇 of the company's fiscal year that contains `on`, shared by all family members."""
    start = fiscal_year_start(on, policy.fiscal_year_start)
    end = add_years(start, 1) - dt.timedelta(days=1)
    unit = day_unit_hours(employee.daily_hours)
    entitled = care_days_off_entitled(family_count, policy, on)
    used = sum(use_hours(u, unit) for u in history if u.kind == CARE_DAYS_OFF and start <= u.start <= end)
    used = min(used, entitled * unit)
    left = entitled * unit - used
    return CareDaysOffBalance(
        fiscal_year_start=start,
        entitled_days=entitled,
        unit_hours=unit,
        used_hours=used,
        left_days=left // unit,
        left_hours=left % unit,
    )


def check_care_days_off(
    request: Use, employee: EmployeeFacts, policy: Policy, history: Sequence[Use], family_count: int
) -> list[Refusal]:
    law = legal_figures(request.start)
    reasons: list[Refusal] = []
    unit = day_unit_hours(employee.daily_hours)
    if request.hours is not None and not (request.hours >= 1 and Decimal(request.hours) < employee.daily_hours):
        reasons.append(
            _refuse(
                messages.CARE_DAYS_OFF_HOURS,
                ART_CARE_DAYS_OFF_HOURS,
                daily=_format_hours(employee.daily_hours),
                unit=unit,
            )
        )
    balance = care_days_off_balance(request.start, family_count, history, employee, policy)
    requested = use_hours(request, unit)
    if requested > balance.left_total_hours:
        reasons.append(
            _refuse(
                messages.CARE_DAYS_OFF_EXCEEDED,
                ART_CARE_DAYS_OFF,
                fiscal_year_start=balance.fiscal_year_start.isoformat(),
                entitled=balance.entitled_days,
                entitled_hours=balance.entitled_hours,
                used=balance.used_hours,
                requested=requested,
                left=balance.left_total_hours,
            )
        )
    # Since 2025-04-01 only "2 days a week or less" may be excluded, and only by agreement.
    excludes = policy.labor_agreement_excludes & law.care_days_off_excludable
    if WEEKLY_2_DAYS_OR_LESS in excludes and employee.weekly_days <= 2:
        reasons.append(
            _refuse(
                messages.CARE_DAYS_OFF_EXCLUDED_WEEKLY_2_DAYS, ART_CARE_DAYS_OFF_AGREEMENT, days=employee.weekly_days
            )
        )
    return reasons


def _format_hours(hours: Decimal) -> str:
    return format(hours.normalize(), "f")


# --- 所定外労働の制限・時間外労働の制限・深夜業の制限 --------------------------------------------------


def _months_text(months: int) -> str:
    return f"{months // 12}年" if months % 12 == 0 else f"{months}か月"


def check_work_limit(request: Use, employee: EmployeeFacts, policy: Policy, as_of: dt.date) -> list[Refusal]:
    """所定外労働の制限 (第16条の9), 時間外労働の制限 (第18条), 深夜業の制限 (第20条): a period of
    1 month to 1 year (深夜業: 6 months), requested 1 month before its start."""
    law = legal_figures(request.start)
    article = ARTICLES[request.kind]
    system = SYSTEM_NAMES[request.kind]
    minimum, maximum = {
        OVERTIME_EXEMPTION: law.overtime_exemption_months,
        OVERTIME_LIMIT: law.overtime_limit_months,
        NIGHT_WORK_LIMIT: law.night_work_limit_months,
    }[request.kind]
    reasons: list[Refusal] = []
    requested_on = request.requested_on or as_of
    deadline = add_months(request.start, -law.notice_months)
    if requested_on > deadline:
        reasons.append(
            _refuse(
                messages.REQUEST_NOTICE_LATE,
                article,
                system=system,
                deadline=deadline.isoformat(),
                requested_on=requested_on.isoformat(),
            )
        )
    span = {"start": request.start.isoformat(), "end": request.end.isoformat(), "system": system}
    if request.end < add_months(request.start, minimum) - dt.timedelta(days=1):
        reasons.append(_refuse(messages.REQUEST_PERIOD_TOO_SHORT, article, minimum=_months_text(minimum), **span))
    if request.end > add_months(request.start, maximum) - dt.timedelta(days=1):
        reasons.append(_refuse(messages.REQUEST_PERIOD_TOO_LONG, article, maximum=_months_text(maximum), **span))
    under_1_year = add_years(employee.hired_on, 1) > requested_on
    if request.kind == OVERTIME_EXEMPTION:
        # 第16条の8第1項ただし書: only where a labour agreement says so.
        if UNDER_1_YEAR in policy.labor_agreement_excludes and under_1_year:
            reasons.append(
                _refuse(
                    messages.REQUEST_AGREEMENT_UNDER_1_YEAR,
                    article,
                    hired_on=employee.hired_on.isoformat(),
                    system=system,
                )
            )
        if WEEKLY_2_DAYS_OR_LESS in policy.labor_agreement_excludes and employee.weekly_days <= 2:
            reasons.append(
                _refuse(messages.REQUEST_AGREEMENT_WEEKLY_2_DAYS, article, days=employee.weekly_days, system=system)
            )
    else:
        # 第17条第1項各号・第19条第1項各号 (and 則): excluded by the law itself.
        if under_1_year:
            reasons.append(
                _refuse(
                    messages.REQUEST_EXCLUDED_UNDER_1_YEAR,
                    article,
                    hired_on=employee.hired_on.isoformat(),
                    system=system,
                )
            )
        if employee.weekly_days <= 2:
            reasons.append(
                _refuse(messages.REQUEST_EXCLUDED_WEEKLY_2_DAYS, article, days=employee.weekly_days, system=system)
            )
    return reasons


# --- 所定労働時間の短縮等の措置 ------------------------------------------------------------------


def check_reduced_hours(request: Use, policy: Policy, history: Sequence[Use]) -> list[Refusal]:
    """At least `uses` uses within `years` from the first use, per family member (第23条第3項);
    the company's figures if more generous."""
    law = legal_figures(request.start)
    uses_limit = _at_least(law.reduced_hours_uses, policy.reduced_hours_uses)
    years = _at_least(law.reduced_hours_years, policy.reduced_hours_years)
    earlier = sorted(
        (u for u in history if u.kind == REDUCED_HOURS_MEASURE and u.family_id == request.family_id),
        key=lambda u: u.start,
    )
    reasons: list[Refusal] = []
    if len(earlier) >= uses_limit:
        reasons.append(
            _refuse(messages.REDUCED_HOURS_USES_EXCEEDED, ART_REDUCED_HOURS, used=len(earlier), limit=uses_limit)
        )
    first = earlier[0].start if earlier and earlier[0].start <= request.start else request.start
    last = add_years(first, years) - dt.timedelta(days=1)
    if request.end > last:
        reasons.append(
            _refuse(
                messages.REDUCED_HOURS_WINDOW_ENDED,
                ART_REDUCED_HOURS,
                first=first.isoformat(),
                years=years,
                last=last.isoformat(),
            )
        )
    reasons += _overlap(request, history)
    return reasons


# --- everything at once -----------------------------------------------------------------------


@dataclass(frozen=True)
class Ledger:
    care_leave: list[CareLeaveBalance]
    care_days_off: CareDaysOffBalance


@dataclass(frozen=True)
class Evaluation:
    ledger: Ledger
    allowed: bool | None = None  # None without a request
    reasons: list[Refusal] = field(default_factory=list)


def ledger(
    as_of: dt.date, family_ids: Sequence[str], history: Sequence[Use], employee: EmployeeFacts, policy: Policy
) -> Ledger:
    return Ledger(
        care_leave=[care_leave_balance(f, history, policy, as_of) for f in family_ids],
        care_days_off=care_days_off_balance(as_of, len(family_ids), history, employee, policy),
    )


def check_request(
    request: Use,
    *,
    as_of: dt.date,
    family_ids: Sequence[str],
    history: Sequence[Use],
    employee: EmployeeFacts,
    policy: Policy,
) -> list[Refusal]:
    """Every refusal the law (with the company's more generous policy) gives this request; an
    empty list means it is allowed."""
    if request.kind == CARE_LEAVE:
        return check_care_leave(request, employee, policy, history, as_of)
    if request.kind == CARE_DAYS_OFF:
        return check_care_days_off(request, employee, policy, history, len(family_ids))
    if request.kind in (OVERTIME_EXEMPTION, OVERTIME_LIMIT, NIGHT_WORK_LIMIT):
        return check_work_limit(request, employee, policy, as_of)
    if request.kind == REDUCED_HOURS_MEASURE:
        return check_reduced_hours(request, policy, history)
    return []  # テレワーク (第24条第2項): an effort obligation, nothing to refuse


def evaluate_facts(
    *,
    as_of: dt.date,
    family_ids: Sequence[str],
    history: Sequence[Use],
    employee: EmployeeFacts,
    policy: Policy,
    request: Use | None = None,
) -> Evaluation:
    balances = ledger(as_of, family_ids, history, employee, policy)
    if request is None:
        return Evaluation(ledger=balances)
    reasons = check_request(
        request, as_of=as_of, family_ids=family_ids, history=history, employee=employee, policy=policy
    )
    return Evaluation(ledger=balances, allowed=not reasons, reasons=reasons)
