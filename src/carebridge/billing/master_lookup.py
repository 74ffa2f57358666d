"""Reads of the service master for a month: the codes, the types' 人件費割合 and the unit prices in
force on the month's first day (revisions of the 告示 take effect on a 1st). Three queries; the
result is plain data the pure calculator's callers use (simulate.py, the slips, the close)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q

from carebridge.directory.models import ServiceType

from .models import ServiceCode, UnitPrice


@dataclass(frozen=True, slots=True)
class CodeFacts:
    code: str
    service_type: str
    name: str
    units: int | None
    limit_managed: bool
    rate_permille: int | None
    product_code_required: bool


@dataclass(frozen=True)
class MonthMaster:
    day: dt.date
    labor_ratio_class: dict[str, str]  # service type -> "70" | "55" | "45" | "flat"
    type_names: dict[str, str]
    codes: dict[str, CodeFacts]
    prices: dict[tuple[str, str], int]  # (region grade, labour class) -> 単価 ×100

    def unit_price(self, region_grade: str, service_type: str) -> int | None:
        labour = self.labor_ratio_class.get(service_type)
        return None if labour is None else self.prices.get((region_grade, labour))


def _valid_on(day: dt.date) -> Q:
    return Q(valid_from__lte=day) & (Q(valid_to__isnull=True) | Q(valid_to__gte=day))


def month_master(day: dt.date) -> MonthMaster:
    """The master in force on `day` (pass the month's first day). The latest valid_from wins."""
    labour: dict[str, str] = {}
    names: dict[str, str] = {}
    for code, name, labor_ratio_class in (
        ServiceType.objects.filter(_valid_on(day))
        .order_by("code", "valid_from")
        .values_list("code", "name", "labor_ratio_class")
    ):
        labour[code] = labor_ratio_class
        names[code] = name
    codes = {
        c.code: CodeFacts(
            c.code, c.service_type, c.name, c.units, c.limit_managed, c.rate_permille, c.product_code_required
        )
        for c in ServiceCode.objects.filter(_valid_on(day)).order_by("code", "valid_from")
    }
    prices = {
        (grade, labor_ratio_class): price
        for grade, labor_ratio_class, price in UnitPrice.objects.filter(_valid_on(day))
        .order_by("valid_from")
        .values_list("region_grade", "labor_ratio_class", "price_x100")
    }
    return MonthMaster(day, labour, names, codes, prices)
