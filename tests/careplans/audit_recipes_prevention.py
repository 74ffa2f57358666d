"""Audit recipes of the 介護予防 plan services (tests/test_audit_every_service.py): the records a
call reaches are made when the recipe is prepared, so only the service's own writes count."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from carebridge.careplans import prevention_services as services

from ..audit_recipe import Recipe
from .prevention_helpers import PLAN, ROW, pconsented, pdelivered, pplan, prow, support_client

D = dt.date
BAD_ROW = replace(ROW, period_start=D(2026, 9, 1), period_end=D(2026, 4, 1))

RECIPES = {
    "preventionplan_create": Recipe(
        lambda o: (lambda c: lambda: services.preventionplan_create(actor=o.world.cm_a, client=c, data=PLAN))(
            support_client(o)
        ),
        lambda o: (
            lambda c: (
                lambda: services.preventionplan_create(
                    actor=o.world.cm_a, client=c, data=replace(PLAN, commissioning_center="")
                )
            )
        )(support_client(o)),
    ),
    "preventionplan_update": Recipe(
        lambda o: (
            lambda p: (
                lambda: services.preventionplan_update(
                    actor=o.world.cm_a, plan=p, data=replace(PLAN, policy="新しい方針")
                )
            )
        )(pplan(o)),
        lambda o: (
            lambda p: (
                lambda: services.preventionplan_update(
                    actor=o.world.cm_a, plan=p, data=replace(PLAN, policy="新しい方針")
                )
            )
        )(pconsented(o)),
    ),
    "prevention_row_add": Recipe(
        lambda o: (lambda p: lambda: services.prevention_row_add(actor=o.world.cm_a, plan=p, data=ROW))(pplan(o)),
        lambda o: (lambda p: lambda: services.prevention_row_add(actor=o.world.cm_a, plan=p, data=BAD_ROW))(pplan(o)),
    ),
    "prevention_row_delete": Recipe(
        lambda o: (lambda p, r: lambda: services.prevention_row_delete(actor=o.world.cm_a, plan=p, row=r))(
            pplan(o), prow(o)
        ),
        lambda o: (
            lambda p: lambda: services.prevention_row_delete(actor=o.world.cm_a, plan=p, row=p.support_rows.first())
        )(pconsented(o)),
    ),
    "preventionplan_consent": Recipe(
        lambda o: (
            lambda p: (
                lambda: services.preventionplan_consent(
                    actor=o.world.cm_a, plan=p, consented_on=D(2026, 4, 10), signer_name="予防 花子"
                )
            )
        )(pplan(o)),
        lambda o: (
            lambda p: (
                lambda: services.preventionplan_consent(
                    actor=o.world.cm_a, plan=p, consented_on=D(2026, 4, 1), signer_name="予防 花子"
                )
            )
        )(pplan(o)),
    ),
    "preventionplan_deliver": Recipe(
        lambda o: (
            lambda p: (
                lambda: services.preventionplan_deliver(
                    actor=o.world.cm_a, plan=p, delivered_on=D(2026, 4, 10), service_start_on=D(2026, 4, 15)
                )
            )
        )(pconsented(o)),
        lambda o: (
            lambda p: (
                lambda: services.preventionplan_deliver(
                    actor=o.world.cm_a, plan=p, delivered_on=D(2026, 4, 10), service_start_on=D(2026, 4, 15)
                )
            )
        )(pplan(o)),
    ),
    "preventionplan_revise": Recipe(
        lambda o: (
            lambda p: lambda: services.preventionplan_revise(actor=o.world.cm_a, plan=p, drafted_on=D(2026, 10, 1))
        )(pdelivered(o)),
        lambda o: (
            lambda p: lambda: services.preventionplan_revise(actor=o.world.cm_a, plan=p, drafted_on=D(2026, 10, 1))
        )(pplan(o)),
    ),
}
