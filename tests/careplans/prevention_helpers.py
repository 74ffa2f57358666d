"""Office A's 介護予防 records that the permission matrix and the audit recipes reach, each made
once per Objs (tests/permission_matrix.py) through the services, as a care manager would."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from carebridge.careplans import prevention_services as services
from carebridge.careplans.prevention_inputs import PreventionPlanInput, SupportRowInput
from carebridge.careplans.prevention_models import PreventionPlan, PreventionSupportRow

from ..factories import CertificationFactory, ClientFactory
from ..permission_matrix import Objs

D = dt.date
PLAN = PreventionPlanInput(
    drafted_on=D(2026, 4, 5),
    commissioning_center="地域包括支援センター中央",
    mobility_status="杖で屋外歩行",
    goal_day="毎朝体操をする",
    goal_year="買い物に一人で行く",
    policy="活動量を保つ",
)
ROW = SupportRowInput(
    goal="スーパーまで歩いて往復できる",
    self_care="毎朝の体操",
    insured_service="通所型サービス",
    service_kind="介護予防通所リハビリテーション",
    provider_name="デイケアさくら",
    period_start=D(2026, 4, 15),
    period_end=D(2026, 9, 30),
)


def _once(o: Objs, key: str, make: Callable[[], Any]) -> Any:
    if key not in o.__dict__:
        o.__dict__[key] = make()
    return o.__dict__[key]


def support_client(o: Objs) -> Any:
    """A 要支援2 client of office A with the matrix's care manager."""

    def make() -> Any:
        client = ClientFactory(office=o.world.office_a, care_manager=o.world.cm_a, name="予防 花子")
        CertificationFactory(client=client, care_level="support_2")
        return client

    return _once(o, "prev_client", make)


def _plan(o: Objs, client: Any) -> PreventionPlan:
    plan = services.preventionplan_create(actor=o.world.cm_a, client=client, data=PLAN)
    services.prevention_row_add(actor=o.world.cm_a, plan=plan, data=ROW)
    return plan


def pplan(o: Objs) -> PreventionPlan:
    """A draft with one 支援計画 row."""
    return _once(o, "prev_plan", lambda: _plan(o, support_client(o)))


def prow(o: Objs) -> PreventionSupportRow:
    return _once(o, "prev_row", lambda: pplan(o).support_rows.first())


def pconsented(o: Objs) -> PreventionPlan:
    """Another 要支援 client's plan, consented and not yet delivered."""

    def make() -> PreventionPlan:
        client = ClientFactory(office=o.world.office_a, care_manager=o.world.cm_a, name="同意 予防")
        CertificationFactory(client=client, care_level="support_1")
        plan = _plan(o, client)
        return services.preventionplan_consent(
            actor=o.world.cm_a, plan=plan, consented_on=D(2026, 4, 10), signer_name="同意 予防"
        )

    return _once(o, "prev_consented", make)


def pdelivered(o: Objs) -> PreventionPlan:
    def make() -> PreventionPlan:
        plan = pconsented(o)
        return services.preventionplan_deliver(
            actor=o.world.cm_a, plan=plan, delivered_on=D(2026, 4, 10), service_start_on=D(2026, 4, 15)
        )

    return _once(o, "prev_delivered", make)
