"""Audit recipes of the fee and 集中減算 services."""

from __future__ import annotations

import datetime as dt

from carebridge.billing import concentration_services, fee_services
from carebridge.billing.fee_inputs import FeeEventInput, FeeSettingInput

from ..audit_recipe import Recipe

D = dt.date

RECIPES = {
    "fee_event_create": Recipe(
        lambda o: (
            lambda: fee_services.fee_event_create(
                actor=o.world.cm_a, client=o.client, data=FeeEventInput(kind="outpatient", day=D(2026, 10, 5))
            )
        ),
        # 入院時情報連携加算 needs the day information was given.
        lambda o: (
            lambda: fee_services.fee_event_create(
                actor=o.world.cm_a, client=o.client, data=FeeEventInput(kind="admission", day=D(2026, 10, 5))
            )
        ),
    ),
    "fee_setting_save": Recipe(
        lambda o: (
            lambda: fee_services.fee_setting_save(
                actor=o.world.admin_a, data=FeeSettingInput(valid_from=D(2026, 4, 1), tier="2")
            )
        ),
        lambda o: (
            lambda: fee_services.fee_setting_save(
                actor=o.world.admin_a, data=FeeSettingInput(valid_from=D(2026, 4, 1), tier="9")
            )
        ),
    ),
    "concentration_reason_record": Recipe(
        lambda o: (
            lambda: concentration_services.concentration_reason_record(
                actor=o.world.clerk_a, period="2026H1", service_group="11", reason="事業所が少数"
            )
        ),
        lambda o: (
            lambda: concentration_services.concentration_reason_record(
                actor=o.world.clerk_a, period="2026H1", service_group="11", reason=" "
            )
        ),
    ),
}
