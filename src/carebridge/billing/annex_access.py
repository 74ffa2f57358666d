"""Gates of the 第7表 pages and API: the client of the actor's office (billing.view; 404 for
another office's client, a month without a slip, or a malformed month)."""

from __future__ import annotations

import datetime as dt
import re

from django.http import Http404

from carebridge.clients.models import Client
from carebridge.core import messages
from carebridge.core.access import access_office_record
from carebridge.core.models import User

_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


def parse_month(text: str) -> dt.date:
    """ "2026-04" → 2026-04-01; anything else is "not found" (it is part of the address)."""
    match = _MONTH.match(text)
    if not match:
        raise Http404(messages.NOT_FOUND)
    year, month = int(match.group(1)), int(match.group(2))
    if not (1 <= month <= 12 and 2000 <= year <= 2100):
        raise Http404(messages.NOT_FOUND)
    return dt.date(year, month, 1)


def access_billing_client(actor: User, client_id: object) -> Client:
    """The client as the subject of 給付管理: billing.view (care staff and clerks)."""
    return access_office_record(
        actor, Client.objects.select_related("office", "care_manager"), client_id, "billing.view"
    )
