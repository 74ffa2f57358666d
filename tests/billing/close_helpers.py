"""Records for the month-close tests: a client with a certification, a plan in effect and a
confirmed slip of May 2026 (made with the models: the slip services belong to b10_slips)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from carebridge.billing.models import SlipStatus, UsageLine, UsageSlip
from carebridge.careplans.models import CarePlan, PlanStatus

from ..factories import CertificationFactory, ClientFactory, ProviderFactory

MONTH = dt.date(2026, 5, 1)


def days(count: int) -> str:
    return ("1" * count).ljust(31, "0")


def plan_for(client: Any, *, start: dt.date = dt.date(2026, 4, 1)) -> CarePlan:
    return CarePlan.objects.create(
        office=client.office,
        client=client,
        version=1,
        status=PlanStatus.ACTIVE,
        made_on=start,
        drafted_on=start,
        service_start_on=start,
    )


def confirmed_slip(
    client: Any,
    lines: list[dict[str, Any]],
    *,
    month: dt.date = MONTH,
    version: int = 1,
    status: str = SlipStatus.CONFIRMED,
    replaces: UsageSlip | None = None,
    care_manager: Any = None,
) -> UsageSlip:
    slip = UsageSlip.objects.create(
        office=client.office,
        client=client,
        month=month,
        version=version,
        status=status,
        replaces=replaces,
        care_manager=care_manager,
    )
    for i, line in enumerate(lines):
        UsageLine.objects.create(office=client.office, slip=slip, position=i, **line)
    return slip


def home_help(provider: Any, count: int = 8, units: int = 387) -> dict[str, Any]:
    return {
        "provider": provider,
        "provider_name": provider.name,
        "service_type": "11",
        "service_code": "112111",
        "service_name": "身体介護2",
        "units": units,
        "planned_days": days(count),
    }


def ready_client(office: Any, care_manager: Any, *, name: str = "締め 太郎", provider: Any = None, **slip: Any) -> Any:
    """A client of `office` ready to close: certified (要介護2), plan in effect, confirmed slip."""
    client = ClientFactory(office=office, care_manager=care_manager, name=name)
    CertificationFactory(client=client)
    plan_for(client)
    provider = provider or ProviderFactory(office=office)
    confirmed_slip(client, [home_help(provider)], **slip)
    return client
