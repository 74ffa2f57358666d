"""Where the 第7表 takes its master data from — the one place the views and the API wire it.

TEMPORARY: the service master (billing/master_lookup.py, branch b10_master) is not on main yet.
Until it lands, `price_lookup` answers with `temporary_price_until_master`, a flat 10.00円 per
unit (the その他 region's price), so the sheet's layout and arithmetic work end to end; the lead
replaces it with the master's lookup at merge (one line below). Nothing else reads a price.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from carebridge.core.models import Office
from carebridge.directory.rules import SHORT_STAY_SERVICE_TYPES

from .annex import PriceOf


def temporary_price_until_master(service_type: str, on: dt.date) -> int:
    """TEMPORARY (until billing/master_lookup.py lands): 1単位 = 10.00円 (×100) for every type."""
    return 1000


def price_lookup(office: Office) -> PriceOf:
    """The 単位数単価 (×100) of a service type on a day for this office's 地域区分."""
    return temporary_price_until_master


def code_units(office: Office, on: dt.date) -> Callable[[str], int | None]:
    """The units of a サービスコード in force on the day (None: not in the master). TEMPORARY:
    no code is known until the master lands (the what-if panel then asks for the units)."""
    return lambda code: None


def short_stay_types() -> frozenset[str]:
    """短期入所's service types (directory's master data)."""
    return frozenset(SHORT_STAY_SERVICE_TYPES)
