"""Matching reported actuals (one record per service code and day, ケアプランデータ連携 UPJSK §8) to
the lines of a 第6表 (billing/slip_actuals.py)."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from carebridge.billing.slip_actuals import NO_LINE, TOO_MANY, ActualEntry, LineFacts, match

T9, T10, T14, T15 = dt.time(9), dt.time(10), dt.time(14), dt.time(15)


def days(*marks: int, count: int = 1) -> str:
    cells = ["0"] * 31
    for d in marks:
        cells[d - 1] = str(count)
    return "".join(cells)


def test_a_record_goes_to_the_line_with_its_code_and_time():
    lines = [LineFacts(1, "111111", T9, T10, days(1, 2)), LineFacts(2, "111111", T14, T15, days(1, 2))]
    result = match(lines, [ActualEntry("111111", 2, 1, T14, T15)])
    assert result.days == {1: days(), 2: days(2)} and not result.unmatched


def test_a_different_time_still_finds_the_line_of_the_code():
    """The provider reports the real time (UPJSK No.12/13); it may differ from the plan's."""
    lines = [LineFacts(1, "151111", T9, T15, days(5))]
    result = match(lines, [ActualEntry("151111", 5, 1, T10, T15)])
    assert result.days == {1: days(5)}


def test_without_a_time_match_the_count_follows_the_plan_of_each_line():
    lines = [LineFacts(1, "111111", T9, T10, days(3)), LineFacts(2, "111111", T14, T15, days(4))]
    result = match(lines, [ActualEntry("111111", 3, 1), ActualEntry("111111", 4, 1)])
    assert result.days == {1: days(3), 2: days(4)}


def test_a_line_nothing_is_reported_for_gets_zero_and_an_unknown_code_is_unmatched():
    lines = [LineFacts(1, "111111", None, None, days(1))]
    result = match(lines, [ActualEntry("119999", 1, 1)])
    assert result.days == {1: days()}
    assert [u.reason for u in result.unmatched] == [NO_LINE]


def test_more_than_nine_a_day_cannot_be_written():
    lines = [LineFacts(1, "111111", None, None, days(1))]
    result = match(lines, [ActualEntry("111111", 1, 10)])
    assert [u.reason for u in result.unmatched] == [TOO_MANY] and result.days == {1: days()}


@st.composite
def slips(draw):
    codes = draw(st.lists(st.sampled_from(["111111", "111211", "151111"]), min_size=1, max_size=5))
    times = [None, (T9, T10), (T14, T15)]
    lines = []
    for key, code in enumerate(codes):
        t = draw(st.sampled_from(times))
        planned = "".join(draw(st.lists(st.sampled_from("0012"), min_size=31, max_size=31)))
        lines.append(LineFacts(key, code, t[0] if t else None, t[1] if t else None, planned))
    return lines


@given(slips())
def test_a_report_equal_to_the_plan_gives_the_plan(lines):
    """What the provider did = what was planned (the UPJSK built from the UPPLAN, summed per code,
    time and day as a provider's system would) → the actuals equal the plan, even with duplicate lines."""
    totals: dict[tuple, int] = {}
    for line in lines:
        for index, ch in enumerate(line.planned_days):
            if ch != "0":
                key = (line.service_code, index + 1, line.start, line.end)
                totals[key] = totals.get(key, 0) + int(ch)
    entries = [ActualEntry(code, day, n, start, end) for (code, day, start, end), n in totals.items() if n <= 9]
    if len(entries) != len(totals):
        return  # a day over 9 in one cell is not writable (covered above)
    result = match(lines, entries)
    assert not result.unmatched
    assert result.days == {line.key: line.planned_days for line in lines}
