"""Template filters: 和暦 dates, ages and care-level labels."""

from __future__ import annotations

import datetime as dt

from django import template
from django.utils import timezone

from carebridge.clients import rules as client_rules
from carebridge.core import japanese as jp

register = template.Library()


@register.filter
def wareki(value: dt.date | None) -> str:
    return jp.wareki(value) if value else ""


@register.filter
def wareki_month(value: dt.date | None) -> str:
    return jp.wareki_month(value) if value else ""


@register.filter
def age(birth_date: dt.date | None) -> str:
    return f"{jp.age_on(birth_date, timezone.localdate())}歳" if birth_date else ""


@register.filter
def care_level_label(value: str | None) -> str:
    if not value:
        return "—"
    return client_rules.CARE_LEVEL_LABELS.get(client_rules.CareLevel(value), value)


@register.filter
def days_until(value: dt.date | None) -> int | None:
    return (value - timezone.localdate()).days if value else None
