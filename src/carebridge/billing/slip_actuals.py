"""Actuals (実績) reported per service code and day, matched to the lines of a 第6表 — pure Python.

A provider reports its 実績 as one record per service code and date with a count (the exchange's
UPJSK, ケアプランデータ連携標準仕様 §8: 「1レコード＝1サービスコード×1日」). A slip line is one
service code in one time band, with a count per day. The report replaces the actuals of every line
of that provider and service type on the slip (rules-v4.1.md §5: the provider resends all of a
type when it corrects one), so a line the report does not mention gets 0 on every day.

Matching (the time a provider reports is the real one and may differ from the plan's):
1. the lines with the same service code; none → the record is unmatched;
2. among them, those with the same start and end time, if any, else all of them;
3. the day's count goes to those lines up to each line's planned count that day (position
   order), and what is left to the first of them — so a report equal to the plan gives the plan.
A day's count above 9 cannot be written in a day cell (a digit): such a record is unmatched.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from .slip_rules import DAYS

MAX_PER_DAY = 9  # one digit per day cell (UsageLine.actual_days)


@dataclass(frozen=True, slots=True)
class ActualEntry:
    """One reported occurrence: a service code on a day (1–31), `count` times, at a time (None: no time)."""

    service_code: str
    day: int
    count: int
    start: dt.time | None = None
    end: dt.time | None = None


@dataclass(frozen=True, slots=True)
class LineFacts:
    """What the matching reads of a slip line of the provider and service type."""

    key: int
    service_code: str
    start: dt.time | None
    end: dt.time | None
    planned_days: str


@dataclass(frozen=True, slots=True)
class Unmatched:
    entry: ActualEntry
    reason: str


@dataclass(frozen=True)
class Matched:
    days: dict[int, str]  # line key → the new 31-digit actuals
    unmatched: list[Unmatched]


NO_LINE = "利用票にこのサービスコードの行がありません"
TOO_MANY = "1日の回数が9を超えるため利用票に書けません"


def match(lines: Sequence[LineFacts], entries: Sequence[ActualEntry]) -> Matched:
    """The new actuals of every line (all zero when nothing is reported for it) and what matched no line."""
    counts = {line.key: [0] * DAYS for line in lines}
    unmatched: list[Unmatched] = []
    ordered = sorted(entries, key=lambda e: (e.service_code, e.day, e.start or dt.time.min, e.end or dt.time.min))
    for entry in ordered:
        candidates = [line for line in lines if line.service_code == entry.service_code]
        if not candidates:
            unmatched.append(Unmatched(entry, NO_LINE))
            continue
        exact = [line for line in candidates if (line.start, line.end) == (entry.start, entry.end)]
        pool = exact or candidates
        index = entry.day - 1
        left = entry.count
        given: dict[int, int] = {}
        for line in pool:
            room = int(line.planned_days[index]) - counts[line.key][index] if len(line.planned_days) == DAYS else 0
            take = max(0, min(room, left))
            given[line.key] = take
            left -= take
        first = pool[0].key
        given[first] = given.get(first, 0) + left
        if any(counts[key][index] + n > MAX_PER_DAY for key, n in given.items()):
            unmatched.append(Unmatched(entry, TOO_MANY))
            continue
        for key, n in given.items():
            counts[key][index] += n
    return Matched({key: "".join(map(str, days)) for key, days in counts.items()}, unmatched)
