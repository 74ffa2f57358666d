"""Calendar months — pure Python. Monthly duties (monitoring, billing) are counted per month."""

from __future__ import annotations

import datetime as dt

from . import limits


def month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def month_end(day: dt.date) -> dt.date:
    following = (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return following - dt.timedelta(days=1)


def previous_month(month: dt.date) -> dt.date:
    return month_start(month_start(month) - dt.timedelta(days=1))


def next_month(month: dt.date) -> dt.date:
    return month_end(month) + dt.timedelta(days=1)


def parse_month(text: str) -> dt.date | None:
    """'2026-11' -> 2026-11-01; None for anything else, and for a month outside the range every
    stored date keeps to (core/limits.py: 1868-02 .. 2100-12)."""
    parts = text.strip().split("-")
    if len(parts) != 2 or not all(p.isascii() and p.isdigit() for p in parts) or len(parts[0]) != 4:
        return None
    year, month = int(parts[0]), int(parts[1])
    if not 1 <= month <= 12:
        return None
    first = dt.date(year, month, 1)
    if first < limits.MIN_DATE.replace(day=1) or first > limits.MAX_DATE:
        return None
    return first


def format_month(month: dt.date) -> str:
    return f"{month.year}年{month.month}月"
