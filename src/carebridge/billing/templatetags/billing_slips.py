"""Template helpers of the 利用票 day grid."""

from __future__ import annotations

from django import template

register = template.Library()


@register.filter
def toggled(count: str) -> int:
    """A tap on a day cell: an empty cell becomes 1, a filled one 0."""
    return 0 if count and count != "0" else 1
