"""Audit recipes of the actuals import (tests/test_audit_every_service.py): billing's
slip_actuals_replace and interop's exchange_actuals_import. The slip is made in the outer function,
so the call itself writes only what the service writes."""

from __future__ import annotations

from typing import Any

from carebridge.billing import slip_services
from carebridge.billing.slip_actuals import ActualEntry
from carebridge.interop.exchange_import_services import exchange_actuals_import

from ..audit_recipe import Recipe
from ..billing.audit_recipes_slips import JUNE, _ready
from .jsk_helpers import csv_bytes, name, records_from_days


def _replace(o: Any, code: str) -> Any:
    slip = _ready(o)
    line = slip.lines.select_related("provider").get()
    return lambda: slip_services.slip_actuals_replace(
        actor=o.world.cm_a,
        client=slip.client,
        month=JUNE,
        provider_number=line.provider.provider_number,
        service_type="15",
        entries=[ActualEntry(code, line.planned_days.index("1") + 1, 1)],
    )


def _import(o: Any, broken: bool) -> Any:
    slip = _ready(o)
    line = slip.lines.select_related("provider").get()
    office = o.world.office_a.office_number
    records = records_from_days(slip.client, line, line.planned_days, office=office, month="202606")
    if broken:
        records[0] = records[0][:-1]  # 24 columns
    file_name = name("UPJSK", month="202606", provider=line.provider.provider_number, office=office)
    return lambda: exchange_actuals_import(
        actor=o.world.cm_a, office=o.world.office_a, files=[(file_name, csv_bytes(records))]
    )


RECIPES = {
    # a code the slip does not have: the record matches no line and is refused
    "slip_actuals_replace": Recipe(lambda o: _replace(o, "151111"), lambda o: _replace(o, "159999")),
    # a record of 24 columns: the whole import is refused
    "exchange_actuals_import": Recipe(lambda o: _import(o, False), lambda o: _import(o, True)),
}
