"""Audit recipes of the month set services (tests/test_audit_every_service.py). The slip a recipe
needs is made in the outer function, so the call itself writes only what the service writes."""

from __future__ import annotations

from typing import Any

from carebridge.interop import exchange_month_services as services
from tests.billing.annex_helpers import APRIL, over_limit_slip

from ..audit_recipe import Recipe

NOBODY = ("9999999999", "15")  # not a destination of the month: refused with a ValidationError


def _slip(o: Any) -> Any:
    o.cert  # noqa: B018 - the month is under the client's certification
    return over_limit_slip(o.world.office_a, o.world.cm_a, client=o.client)


def _export(o: Any, only: tuple[str, str] | None = None) -> Any:
    slip = _slip(o)
    return lambda: services.exchange_month_export(
        actor=o.world.cm_a, office=o.world.office_a, month=APRIL, client_ids=[slip.client_id], only=only
    )


def _withdraw(o: Any, only: tuple[str, str] | None = None) -> Any:
    slip = _slip(o)
    return lambda: services.exchange_month_withdraw(actor=o.world.cm_a, client=slip.client, month=APRIL, only=only)


RECIPES = {
    "exchange_month_export": Recipe(lambda o: _export(o), lambda o: _export(o, NOBODY)),
    "exchange_month_withdraw": Recipe(lambda o: _withdraw(o), lambda o: _withdraw(o, NOBODY)),
}
