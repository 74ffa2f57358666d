"""The gap report of a company's systems against 育児・介護休業法, and the 40-year window.

Pure Python (no Django): the callers pass plain data. Every finding names its article. The
legal figures are effective-dated data (`LEGAL_MINIMUMS`): the version in force on a date is the
latest whose `effective_from` is on or before it.

Notes on the law encoded here (hand-checked against the statute and 則; "(verify)" marks what was
not read in a primary source):

- 介護休業: 93 days in total and 3 periods per family member (第11条第2項・第15条第1項); a labour
  agreement may exclude workers employed under 1 year, leaving within 93 days, or working 2 days
  a week or less (第12条第2項, 則第24条).
- 介護休暇: 5 days a year, 10 with two or more family members, also in hours (第16条の5, 則第40条の3);
  since 2025-04-01 a labour agreement may exclude only workers of 2 days a week or less
  (第16条の6第2項; the under-6-months exclusion was abolished).
- 所定外労働の制限 第16条の9, 時間外労働の制限 第18条, 深夜業の制限 第20条: the employer must grant them.
- 所定労働時間の短縮等の措置 (第23条第3項, 則第74条第3項): at least one of the four measures, usable
  at least twice within at least three years from the first use.
- 2025 duties: 個別周知・意向確認 第21条第2項, 40歳時等の情報提供 第21条第3項, 雇用環境の整備 第22条第2項,
  テレワーク (effort obligation) 第24条第4項.
- The 40-year window (則第69条の8 (verify)): either the fiscal year in which the worker reaches
  40 (a person reaches an age at the end of the day before the birthday: 年齢計算ニ関スル法律, 民法
  第143条), or one year from the day after reaching 40 (the 40th birthday). This module takes the
  fiscal year as the company's own fiscal year (`fiscal_year_start`, default 4/1).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

ERROR = "error"  # below the legal minimum / a duty without a record
WARNING = "warning"  # a record that is due soon or a doubtful setting
ADVISORY = "advisory"  # an effort obligation (努力義務)

FISCAL_YEAR_OF_40 = "fiscal_year_of_40"
YEAR_AFTER_40 = "year_after_40"

CARE_LEAVE_EXCLUSIONS_ALL = frozenset({"under_1_year", "leaving_within_93_days", "weekly_2_days_or_less"})
REDUCED_MEASURES = frozenset({"short_hours", "flextime", "staggered", "cost_subsidy"})


@dataclass(frozen=True)
class LegalMinimum:
    """The law's figures in force from `effective_from`."""

    effective_from: dt.date
    care_leave_days: int
    care_leave_periods: int
    care_days_off_one: int
    care_days_off_two: int
    care_days_off_hourly: bool
    reduced_measure_uses: int
    reduced_measure_years: int
    care_leave_exclusions: frozenset[str]
    care_days_off_exclusions: frozenset[str]
    duties_2025: bool  # 個別周知・意向確認, 40歳情報提供, 雇用環境の整備, テレワーク努力義務


LEGAL_MINIMUMS: tuple[LegalMinimum, ...] = (
    # 2021-01-01: 介護休暇 by the hour for every worker (則第40条の3 as amended); the under-6-months
    # exclusion of 介護休暇 is not among our exclusion choices, so only ≤ 2 days/week is allowed here.
    LegalMinimum(
        effective_from=dt.date(2021, 1, 1),
        care_leave_days=93,
        care_leave_periods=3,
        care_days_off_one=5,
        care_days_off_two=10,
        care_days_off_hourly=True,
        reduced_measure_uses=2,
        reduced_measure_years=3,
        care_leave_exclusions=CARE_LEAVE_EXCLUSIONS_ALL,
        care_days_off_exclusions=frozenset({"weekly_2_days_or_less"}),
        duties_2025=False,
    ),
    # 2025-04-01: the 2024 amendment in force (duties of 第21条第2項・第3項, 第22条第2項, 第24条第4項).
    LegalMinimum(
        effective_from=dt.date(2025, 4, 1),
        care_leave_days=93,
        care_leave_periods=3,
        care_days_off_one=5,
        care_days_off_two=10,
        care_days_off_hourly=True,
        reduced_measure_uses=2,
        reduced_measure_years=3,
        care_leave_exclusions=CARE_LEAVE_EXCLUSIONS_ALL,
        care_days_off_exclusions=frozenset({"weekly_2_days_or_less"}),
        duties_2025=True,
    ),
)


def legal_minimum(on: dt.date) -> LegalMinimum:
    """The legal figures in force on `on` (the oldest version before the first one)."""
    found = LEGAL_MINIMUMS[0]
    for version in LEGAL_MINIMUMS:
        if version.effective_from <= on:
            found = version
    return found


@dataclass(frozen=True)
class PolicyFacts:
    """The company's own systems (a CompanyPolicy version as plain data)."""

    care_leave_days: int = 93
    care_leave_periods: int = 3
    care_days_off_one: int = 5
    care_days_off_two: int = 10
    care_days_off_hourly: bool = True
    reduced_measures: tuple[str, ...] = ()
    reduced_measure_uses: int = 2
    reduced_measure_years: int = 3
    telework: bool = False
    overtime_exemption: bool = True
    overtime_limit: bool = True
    night_work_limit: bool = True
    labor_agreement_excludes: tuple[str, ...] = ()


@dataclass(frozen=True)
class DutyFacts:
    """What the company's registers hold, as counts (no one is named in the gap report)."""

    notices_pending: int = 0  # 個別周知: employees who reported caregiving, no completed notice
    notices_overdue: int = 0  # … of which the due date has passed
    early_info_missing: int = 0  # 40歳情報提供: employees whose window has begun, no record
    environment_measures: int = 0  # 雇用環境の整備: measures recorded


DUTY_CODES = frozenset({"individual_notice_pending", "early_info_missing", "environment_none", "telework_none"})


@dataclass(frozen=True)
class Finding:
    code: str
    article: str
    message: str
    severity: str


_EXCLUSION_LABELS = {
    "under_1_year": "継続雇用1年未満",
    "leaving_within_93_days": "93日以内に退職予定",
    "weekly_2_days_or_less": "週の所定労働日数2日以下",
}


def policy_gaps(policy: PolicyFacts, on: dt.date) -> list[Finding]:
    """Each rule of the company's policy below the legal minimum in force on `on`."""
    law = legal_minimum(on)
    found: list[Finding] = []
    if policy.care_leave_days < law.care_leave_days:
        found.append(
            Finding(
                "care_leave_days",
                "育児・介護休業法 第11条第2項・第15条第1項",
                f"介護休業の日数が{policy.care_leave_days}日です。対象家族1人につき通算{law.care_leave_days}日まで"
                "取得できるようにする必要があります。",
                ERROR,
            )
        )
    if policy.care_leave_periods < law.care_leave_periods:
        found.append(
            Finding(
                "care_leave_periods",
                "育児・介護休業法 第11条第2項",
                f"介護休業の分割回数が{policy.care_leave_periods}回です。対象家族1人につき{law.care_leave_periods}回"
                "まで分割して取得できるようにする必要があります。",
                ERROR,
            )
        )
    if policy.care_days_off_one < law.care_days_off_one or policy.care_days_off_two < law.care_days_off_two:
        found.append(
            Finding(
                "care_days_off_days",
                "育児・介護休業法 第16条の5第1項",
                f"介護休暇が年{policy.care_days_off_one}日（対象家族2人以上は{policy.care_days_off_two}日）です。"
                f"年{law.care_days_off_one}日（2人以上は{law.care_days_off_two}日）以上にする必要があります。",
                ERROR,
            )
        )
    if law.care_days_off_hourly and not policy.care_days_off_hourly:
        found.append(
            Finding(
                "care_days_off_hourly",
                "育児・介護休業法 第16条の5第2項",
                "介護休暇を時間単位で取得できません。時間単位での取得を認める必要があります。",
                ERROR,
            )
        )
    offered = [m for m in policy.reduced_measures if m in REDUCED_MEASURES]
    if not offered:
        found.append(
            Finding(
                "reduced_measure_none",
                "育児・介護休業法 第23条第3項",
                "所定労働時間の短縮等の措置（短時間勤務・フレックスタイム・時差出勤・介護費用の助成）が"
                "一つも講じられていません。いずれか一つ以上を講じる必要があります。",
                ERROR,
            )
        )
    elif policy.reduced_measure_uses < law.reduced_measure_uses or (
        policy.reduced_measure_years < law.reduced_measure_years
    ):
        found.append(
            Finding(
                "reduced_measure_uses",
                "育児・介護休業法 第23条第3項",
                f"所定労働時間の短縮等の措置が{policy.reduced_measure_years}年間に{policy.reduced_measure_uses}回"
                f"までです。利用開始から{law.reduced_measure_years}年以上の間に{law.reduced_measure_uses}回以上"
                "利用できるようにする必要があります。",
                ERROR,
            )
        )
    for flag, code, article, name in (
        (policy.overtime_exemption, "overtime_exemption", "育児・介護休業法 第16条の9", "所定外労働の制限"),
        (policy.overtime_limit, "overtime_limit", "育児・介護休業法 第18条", "時間外労働の制限"),
        (policy.night_work_limit, "night_work_limit", "育児・介護休業法 第20条", "深夜業の制限"),
    ):
        if not flag:
            found.append(
                Finding(
                    code,
                    article,
                    f"{name}の制度がありません。介護をする労働者が請求できるようにする必要があります。",
                    ERROR,
                )
            )
    for exclusion in policy.labor_agreement_excludes:
        label = _EXCLUSION_LABELS.get(exclusion, exclusion)
        if exclusion not in law.care_leave_exclusions:
            found.append(
                Finding(
                    f"exclusion_care_leave_{exclusion}",
                    "育児・介護休業法 第12条第2項",
                    f"労使協定の除外「{label}」は介護休業について法が認める除外ではありません。",
                    ERROR,
                )
            )
        if exclusion not in law.care_days_off_exclusions:
            since = "2025年4月1日以降、" if law.duties_2025 else ""
            found.append(
                Finding(
                    f"exclusion_care_days_off_{exclusion}",
                    "育児・介護休業法 第16条の6第2項",
                    f"{since}介護休暇について労使協定で除外できるのは週の所定労働日数2日以下の労働者のみです。"
                    f"「{label}」を介護休暇の除外に適用することはできません。",
                    ERROR,
                )
            )
    return found


def duty_gaps(duties: DutyFacts, policy: PolicyFacts | None, on: dt.date) -> list[Finding]:
    """Each 2025 duty with no record yet (nothing before the duties are in force)."""
    if not legal_minimum(on).duties_2025:
        return []
    found: list[Finding] = []
    if duties.notices_pending:
        overdue = f"（うち期限超過{duties.notices_overdue}件）" if duties.notices_overdue else ""
        found.append(
            Finding(
                "individual_notice_pending",
                "育児・介護休業法 第21条第2項",
                f"介護に直面した旨の申出をした従業員{duties.notices_pending}人{overdue}に、個別の周知・意向確認が"
                "完了していません。",
                ERROR if duties.notices_overdue else WARNING,
            )
        )
    if duties.early_info_missing:
        found.append(
            Finding(
                "early_info_missing",
                "育児・介護休業法 第21条第3項",
                f"40歳時等の情報提供の対象期間に入った従業員{duties.early_info_missing}人に、情報提供の記録がありません。",
                ERROR,
            )
        )
    if not duties.environment_measures:
        found.append(
            Finding(
                "environment_none",
                "育児・介護休業法 第22条第2項",
                "雇用環境の整備（研修・相談窓口の設置・事例の収集と提供・利用促進の方針の周知）の記録がありません。"
                "いずれか一つ以上を講じる必要があります。",
                ERROR,
            )
        )
    if policy is not None and not policy.telework:
        found.append(
            Finding(
                "telework_none",
                "育児・介護休業法 第24条第4項",
                "介護をする労働者がテレワークを選択できる措置がありません（努力義務）。",
                ADVISORY,
            )
        )
    return found


def gap_report(policy: PolicyFacts | None, duties: DutyFacts, on: dt.date) -> list[Finding]:
    """The whole gap report: the policy's gaps (or that no policy is registered) and the duties'."""
    if policy is None:
        head = [
            Finding(
                "policy_missing",
                "育児・介護休業法 第11条〜第24条",
                "両立支援制度（会社の規程）が登録されていません。",
                ERROR,
            )
        ]
    else:
        head = policy_gaps(policy, on)
    return [*head, *duty_gaps(duties, policy, on)]


# -- dates: fiscal years and the 40-year window ----------------------------------------------------------


def _add_years(day: dt.date, years: int) -> dt.date | None:
    """The corresponding day `years` later, or None when it does not exist (2/29 in a common year)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return None


def reaches_age(birth_date: dt.date, age: int) -> dt.date:
    """The day a person reaches `age`: the end of the day before the birthday (年齢計算ニ関スル法律,
    民法第143条第2項; for a 2/29 birthday in a common year, the period ends on 2/28)."""
    anniversary = _add_years(birth_date, age)
    if anniversary is None:
        return dt.date(birth_date.year + age, 2, 28)
    return anniversary - dt.timedelta(days=1)


def one_year_from(start: dt.date) -> dt.date:
    """The last day of one year counted from `start` (民法第143条: the day before the corresponding
    day; without one — from 2/29 — the last day of the month)."""
    corresponding = _add_years(start, 1)
    if corresponding is None:
        return dt.date(start.year + 1, 2, 28)
    return corresponding - dt.timedelta(days=1)


def fiscal_year_of(day: dt.date, fiscal_year_start: tuple[int, int]) -> tuple[dt.date, dt.date]:
    """The fiscal year (first and last day) holding `day`; `fiscal_year_start` is (month, day),
    the day at most 28 as Company keeps it."""
    month, first = fiscal_year_start
    start = dt.date(day.year, month, first)
    if day < start:
        start = dt.date(day.year - 1, month, first)
    return start, dt.date(start.year + 1, month, first) - dt.timedelta(days=1)


def fiscal_year_bounds(year: int, fiscal_year_start: tuple[int, int]) -> tuple[dt.date, dt.date]:
    """Fiscal year `year` (named by the calendar year it starts in)."""
    return fiscal_year_of(dt.date(year, *fiscal_year_start), fiscal_year_start)


def early_info_window(birth_date: dt.date, timing: str, fiscal_year_start: tuple[int, int]) -> tuple[dt.date, dt.date]:
    """The period in which the 40歳情報提供 is due (第21条第3項): the fiscal year in which the worker
    reaches 40 (`fiscal_year_of_40`), or one year from the day after reaching 40, that is from the
    40th birthday (`year_after_40`)."""
    reached = reaches_age(birth_date, 40)
    if timing == YEAR_AFTER_40:
        start = reached + dt.timedelta(days=1)
        return start, one_year_from(start)
    if timing == FISCAL_YEAR_OF_40:
        return fiscal_year_of(reached, fiscal_year_start)
    raise ValueError(timing)


def birth_date_range(first: dt.date, last: dt.date) -> tuple[dt.date, dt.date]:
    """Birth dates wide enough for every window that starts between `first` and `last` (a
    database pre-filter; `early_info_window` decides exactly)."""
    margin = dt.timedelta(days=3)
    low = _add_years(first, -40) or dt.date(first.year - 40, 2, 28)
    high = _add_years(last, -40) or dt.date(last.year - 40, 2, 28)
    return low - margin, high + margin


def window_starts_in(window: tuple[dt.date, dt.date], first: dt.date, last: dt.date) -> bool:
    return first <= window[0] <= last


# -- the compliance checklist ---------------------------------------------------------------------------

DONE = "done"
OPEN = "open"
OVERDUE = "overdue"
NOT_APPLICABLE = "not_applicable"
STATUS_LABELS = {DONE: "済", OPEN: "未", OVERDUE: "期限超過", NOT_APPLICABLE: "該当なし"}


def notice_status(pending: int, overdue: int) -> str:
    if overdue:
        return OVERDUE
    return OPEN if pending else DONE


def early_status(missing: int, missing_past_window: int) -> str:
    if missing_past_window:
        return OVERDUE
    return OPEN if missing else DONE


def count_status(count: int) -> str:
    return DONE if count else OPEN


def severities(findings: Sequence[Finding]) -> dict[str, int]:
    counts = {ERROR: 0, WARNING: 0, ADVISORY: 0}
    for finding in findings:
        counts[finding.severity] = counts.get(finding.severity, 0) + 1
    return counts


# -- the text of a notice: nothing may discourage use (第21条第2項・指針) ---------------------------------

# Expressions that discourage using the systems. A small documented list, not a judgement of
# meaning: HR reads the text; the software refuses to approve a text holding one of these.
DISCOURAGING_EXPRESSIONS: tuple[str, ...] = (
    "控えて",
    "控える",
    "遠慮",
    "迷惑",
    "推奨しません",
    "推奨しない",
    "望ましくない",
    "好ましくない",
    "自粛",
    "評価に影響",
    "査定に影響",
    "なるべく取得しない",
)


def discouraging_expressions(text: str) -> list[str]:
    """The listed expressions found in `text` (in list order)."""
    return [word for word in DISCOURAGING_EXPRESSIONS if word in text]
