"""Audit recipes of the exchange services (tests/test_audit_every_service.py)."""

from __future__ import annotations

from carebridge.interop import exchange_services as services

from ..audit_recipe import Recipe

NOBODY = ("9999999999", "15")  # not a destination of the plan: refused with a ValidationError

RECIPES = {
    "exchange_plan_export": Recipe(
        lambda o: lambda: services.exchange_plan_export(actor=o.world.cm_a, office=o.world.office_a, plans=[o.plan]),
        lambda o: (
            lambda: services.exchange_plan_export(
                actor=o.world.cm_a, office=o.world.office_a, plans=[o.plan], only=NOBODY
            )
        ),
    ),
    "exchange_plan_withdraw": Recipe(
        lambda o: lambda: services.exchange_plan_withdraw(actor=o.world.cm_a, plan=o.plan),
        lambda o: lambda: services.exchange_plan_withdraw(actor=o.world.cm_a, plan=o.plan, only=NOBODY),
    ),
}
