"""Input of the 利用票 services (one dataclass per form/API body)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True, kw_only=True)
class UsageLineInput:
    provider_id: int | None = None
    provider_name: str = ""
    service_type: str = ""
    service_code: str = ""
    service_name: str
    start_time: dt.time | None = None
    end_time: dt.time | None = None
    units: int = 0
    limit_managed: bool = True
    rate_permille: int | None = None
    over_limit_units: int | None = None
    product_code: str = ""
    planned_days: str = "0" * 31
