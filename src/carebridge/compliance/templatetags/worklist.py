"""Template filters of the work list: the page that does an item's action."""

from __future__ import annotations

from django import template

from carebridge.compliance.deadlines import WorkItem
from carebridge.compliance.worklist import action_url as url_of

register = template.Library()


@register.filter
def action_url(item: WorkItem) -> str:
    return url_of(item)


@register.filter
def get_client(clients: dict[int, object], client_id: int) -> object:
    """The client of an item, from the work list's clients (read once for the whole page)."""
    return clients.get(client_id)
