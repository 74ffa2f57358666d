"""Audit recipes of the month close services (tests/test_audit_every_service.py)."""

from __future__ import annotations

from carebridge.billing import close_services

from ..audit_recipe import Recipe
from .close_helpers import MONTH
from .test_permissions_close import _closed, _ready

RECIPES = {
    "month_close": Recipe(
        ok=lambda o: (_ready(o), lambda: close_services.month_close(actor=o.world.clerk_a, month=MONTH))[1],
        # nothing confirmed and nothing to send: refused
        refused=lambda o: lambda: close_services.month_close(actor=o.world.clerk_a, month=MONTH),
    ),
    "federation_export": Recipe(
        ok=lambda o: (_closed(o), lambda: close_services.federation_export(actor=o.world.clerk_a, month=MONTH))[1],
        refused=lambda o: lambda: close_services.federation_export(actor=o.world.clerk_a, month=MONTH),
    ),
}
