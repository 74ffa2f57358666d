"""Template filter of the clients app: 要介護状態区分 labels."""

from __future__ import annotations

from django import template

from carebridge.clients import rules

register = template.Library()


@register.filter
def care_level_label(value: str | None) -> str:
    if not value:
        return "—"
    try:
        return rules.CARE_LEVEL_LABELS[rules.CareLevel(value)]
    except ValueError:
        return value
