"""Issue 11's property: random plans → month export → an UPJSK built from the exported UPPLAN →
import → the actuals equal the plan.

The provider's side is what rules-v4.1.md describes: UPJSK has the UPPLAN layout (§8, No.1–25 the
same columns), the 予定 record becomes the 実績 record with the provider as 更新業者コード (No.24),
one file per provider and service type, named with the provider as sender (§3). A provider that
did exactly what was planned reports every UPPLAN record back, so importing its files must give
actual days equal to the planned days, line by line."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from carebridge.billing import slip_services
from carebridge.billing.models import UsageLine
from carebridge.billing.slip_inputs import UsageLineInput
from carebridge.interop.exchange_check import read_file
from carebridge.interop.exchange_import_services import exchange_actuals_import
from carebridge.interop.exchange_month_services import exchange_month_export
from carebridge.interop.exchange_writer import write_file

from .jsk_helpers import name, ready_slip
from .month_helpers import PLAN_CODE, PLAN_PROVIDER

pytestmark = pytest.mark.django_db

MAY = dt.date(2026, 5, 1)
UPDATER = 23  # No.24 更新業者コード, 0-based

# A month of planned days: each day 0–2 times, at least one day (a line planned on no day has no
# UPPLAN record, so there is nothing for a provider to report).
days_of_month = st.lists(st.integers(0, 2), min_size=31, max_size=31).filter(any).map(lambda d: "".join(map(str, d)))
stamps = itertools.count(1)


def _plan(world, lines: list[UsageLine], planned: list[str]) -> None:
    for line, days in zip(lines, planned, strict=True):
        slip_services.slip_line_update(
            actor=world.cm_a,
            line=line,
            data=UsageLineInput(
                provider_id=line.provider_id,
                service_type=line.service_type,
                service_code=line.service_code,
                service_name=line.service_name,
                units=line.units,
                start_time=line.start_time,
                end_time=line.end_time,
                planned_days=days,
            ),
        )


def _upjsk_from_upplan(upplan: list[list[str]], *, office: str) -> list[tuple[str, bytes]]:
    """The provider's report of having done what was planned: each UPPLAN record as an UPJSK
    record, grouped per provider and service type."""
    groups: dict[tuple[str, str], list[list[str]]] = {}
    for row in upplan:
        record = list(row)
        record[UPDATER] = row[PLAN_PROVIDER]
        groups.setdefault((row[PLAN_PROVIDER], row[PLAN_CODE][:2]), []).append(record[1:])  # writer adds No.1
    stamp = f"20260605{next(stamps):06d}"
    files = []
    for (provider, kind), rows in sorted(groups.items()):
        written = write_file("UPJSK", rows, month="202605")
        files.append(
            (
                name("UPJSK", month="202605", provider=provider, provider_type=kind, office=office, stamp=stamp),
                written.data,
            )
        )
    return files


@pytest.fixture
def may_slip(world):
    _client, slip, lines = ready_slip(world)
    return world, slip, lines


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(data=st.data())
def test_the_actuals_of_an_upjsk_built_from_our_upplan_equal_the_plan(may_slip, data):
    world, slip, lines = may_slip
    planned = [data.draw(days_of_month, label=f"line {i}") for i in range(len(lines))]
    _plan(world, lines, planned)

    result = exchange_month_export(actor=world.cm_a, office=world.office_a, month=MAY, client_ids=[slip.client_id])
    assert result.archives, result.skipped
    # Every destination receives the client's whole 利用票 (§5): one UPPLAN holds every line.
    upplan = next(read_file(f.data) for f in result.archives[0].files if f.name.startswith("UPPLAN_"))
    files = _upjsk_from_upplan(upplan, office=world.office_a.office_number)

    exchange_actuals_import(actor=world.cm_a, office=world.office_a, files=files)

    actual = list(UsageLine.objects.filter(slip=slip).order_by("position", "id").values_list("actual_days", flat=True))
    assert actual == planned
