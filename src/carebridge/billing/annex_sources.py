"""Where the 第7表 takes its master data from — the one place the views and the API wire it: the
service master (billing/master_lookup.py: codes, the types' 人件費割合, 単位数単価 per 地域区分)
and directory's service types (短期入所). Three queries per month read, whatever the lines."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from carebridge.core.models import Office
from carebridge.directory import service_types

from .annex import PriceOf
from .master_lookup import MonthMaster, month_master


def _cached_master() -> Callable[[dt.date], MonthMaster]:
    masters: dict[dt.date, MonthMaster] = {}

    def master_on(day: dt.date) -> MonthMaster:
        if day not in masters:
            masters[day] = month_master(day)
        return masters[day]

    return master_on


def price_lookup(office: Office) -> PriceOf:
    """The 単位数単価 (×100) of a service type on a day for this office's 地域区分 (LookupError for
    a type the master does not price)."""
    master_on = _cached_master()

    def price_of(service_type: str, on: dt.date) -> int:
        price = master_on(on).unit_price(office.region_grade, service_type)
        if price is None:
            raise LookupError(service_type)
        return price

    return price_of


def code_units(office: Office, on: dt.date) -> Callable[[str], int | None]:
    """The units of a サービスコード in force on the day (None: not in the master, or set per product)."""
    master_on = _cached_master()  # read only when a code is looked up

    def units_of(code: str) -> int | None:
        facts = master_on(on).codes.get(code)
        return facts.units if facts is not None else None

    return units_of


def short_stay_types() -> frozenset[str]:
    """短期入所's service types (the service master's flag on directory.ServiceType)."""
    return service_types.short_stay_codes()
