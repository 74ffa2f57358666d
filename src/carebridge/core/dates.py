"""Calendar months — pure Python. Monthly duties (monitoring, billing) are counted per month."""

from __future__ import annotations

import datetime as dt


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
    """'2026-11' -> 2026-11-01; None for anything else (including years before 1868's 和暦)."""
    parts = text.strip().split("-")
    if len(parts) != 2 or not all(p.isdigit() for p in parts) or len(parts[0]) != 4:
        return None
    year, month = int(parts[0]), int(parts[1])
    if not 1868 <= year <= 9998 or not 1 <= month <= 12:
        return None
    return dt.date(year, month, 1)


def format_month(month: dt.date) -> str:
    return f"{month.year}年{month.month}月"
