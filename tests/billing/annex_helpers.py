"""An over-limit client's April slip, built with the models (第6表 rows), for the 第7表 tests."""

from __future__ import annotations

import datetime as dt
from typing import Any

from carebridge.billing.models import UsageLine, UsageSlip
from tests.factories import CertificationFactory, ClientFactory, ProviderFactory

APRIL = dt.date(2026, 4, 1)


def days(count: int, start: int = 1) -> str:
    cells = ["0"] * 31
    for d in range(start - 1, start - 1 + count):
        cells[d] = "1"
    return "".join(cells)


def add_line(
    slip: UsageSlip, provider: Any, kind: str, code: str, name: str, units: int, count: int, **extra: Any
) -> UsageLine:
    return UsageLine.objects.create(
        office=slip.office,
        slip=slip,
        position=slip.lines.count(),
        provider=provider,
        provider_name=provider.name if provider else "",
        service_type=kind,
        service_code=code,
        service_name=name,
        units=units,
        planned_days=extra.pop("planned_days", days(count)),
        **extra,
    )


def over_limit_slip(office: Any, care_manager: Any = None, *, client: Any = None, extra_lines: int = 0) -> UsageSlip:
    """要介護2 (19,705単位): 訪問介護 387×20 + 220×12 and 通所介護 777×13 + 40×13 = 21,001 → 1,296 over."""
    if client is None:
        client = ClientFactory(office=office, care_manager=care_manager, name="超過 一郎")
        CertificationFactory(client=client, care_level="care_2")
    helper = ProviderFactory(office=office, name="ヘルパーステーションあおば", service_type_codes=["11"])
    day = ProviderFactory(office=office, name="デイサービスひかり", service_type_codes=["15"])
    slip = UsageSlip.objects.create(office=office, client=client, month=APRIL, care_manager=care_manager)
    add_line(slip, helper, "11", "111211", "身体介護2", 387, 20)
    add_line(slip, helper, "11", "112111", "生活援助3", 220, 12)
    for _ in range(extra_lines):
        add_line(slip, helper, "11", "111111", "身体介護1", 244, 0)
    add_line(slip, day, "15", "151112", "通所介護7-8時間", 777, 13)
    add_line(slip, day, "15", "155011", "入浴介助加算Ⅰ", 40, 13)
    return slip
