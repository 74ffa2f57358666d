"""Template filters: 和暦 dates and ages."""

from __future__ import annotations

import datetime as dt

from django import template
from django.utils import timezone

from carebridge.core import japanese as jp

register = template.Library()


@register.filter
def wareki(value: dt.date | None) -> str:
    """令和8年4月1日; a date before 明治 (no 和暦) in the western calendar instead of an error.
    A datetime shows its date in Japan."""
    if not value:
        return ""
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    try:
        return jp.wareki(value)
    except ValueError:
        return f"{value.year}年{value.month}月{value.day}日"


@register.filter
def wareki_time(value: dt.datetime | None) -> str:
    """令和8年4月1日 14:05 — a moment (a login, a token's use) in Japan's time."""
    if not value:
        return ""
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    return f"{wareki(local.date())} {local:%H:%M}"


def _local_date(value: dt.date) -> dt.date:
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value


@register.filter
def wareki_short(value: dt.date | None) -> str:
    """R8.12.2 — the one short style of dates in lists and tables."""
    return jp.wareki_short(_local_date(value)) if value else ""


@register.filter
def wareki_short_time(value: dt.datetime | None) -> str:
    """R8.12.2 14:05 — a moment, short, in Japan's time."""
    if not value:
        return ""
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    return f"{jp.wareki_short(local.date())} {local:%H:%M}"


@register.filter
def month_day(value: dt.date | None) -> str:
    """12/2(水) — deadlines in this month's work list."""
    return jp.month_day_weekday(_local_date(value)) if value else ""


@register.filter
def wareki_month(value: dt.date | None) -> str:
    if not value:
        return ""
    try:
        return jp.wareki_month(value)
    except ValueError:
        return f"{value.year}年{value.month}月"


@register.filter
def age(birth_date: dt.date | None) -> str:
    return f"{jp.age_on(birth_date, timezone.localdate())}歳" if birth_date else ""


@register.filter
def days_until(value: dt.date | None) -> int | None:
    return (value - timezone.localdate()).days if value else None
