"""Audit recipes of the exchange services (tests/test_audit_every_service.py)."""

from __future__ import annotations

from carebridge.interop import exchange_services as services

from ..audit_recipe import Recipe

NOBODY = ("9999999999", "15")  # not a destination of the plan: refused with a ValidationError


def sent(o, plan):
    """A send of the plan set made beforehand (the first destination's record)."""
    return services.exchange_plan_export(actor=o.world.cm_a, office=o.world.office_a, plans=[plan]).archives[0].send


RECIPES = {
    "exchange_plan_export": Recipe(
        lambda o: lambda: services.exchange_plan_export(actor=o.world.cm_a, office=o.world.office_a, plans=[o.plan]),
        lambda o: (
            lambda: services.exchange_plan_export(
                actor=o.world.cm_a, office=o.world.office_a, plans=[o.plan], only=NOBODY
            )
        ),
    ),
    "exchange_send_deliver": Recipe(
        lambda o: (lambda s: lambda: services.exchange_send_deliver(actor=o.world.cm_a, send=s))(
            sent(o, o.consented_plan)
        ),
        # a draft plan cannot be delivered yet
        lambda o: (lambda s: lambda: services.exchange_send_deliver(actor=o.world.cm_a, send=s))(sent(o, o.plan)),
    ),
    "exchange_plan_withdraw": Recipe(
        lambda o: lambda: services.exchange_plan_withdraw(actor=o.world.cm_a, plan=o.plan),
        lambda o: lambda: services.exchange_plan_withdraw(actor=o.world.cm_a, plan=o.plan, only=NOBODY),
    ),
}
