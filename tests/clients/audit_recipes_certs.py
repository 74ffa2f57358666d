"""Audit recipes of the certification services added for issue 9 (items 6 and 13)."""

from __future__ import annotations

import datetime as dt

from carebridge.clients import services as clients
from carebridge.clients.inputs import ShortStayApprovalInput

from ..audit_recipe import Recipe

D = dt.date

RECIPES = {
    "short_stay_approval_create": Recipe(
        lambda o: (
            lambda: clients.short_stay_approval_create(
                actor=o.world.cm_a,
                client=o.client,
                data=ShortStayApprovalInput(certification=o.cert, approved_on=D(2026, 5, 1), note="理由書を提出し承認"),
            )
        ),
        lambda o: (
            lambda: clients.short_stay_approval_create(
                actor=o.world.cm_a,
                client=o.client,
                data=ShortStayApprovalInput(certification=o.cert, approved_on=D(2026, 5, 1), note="  "),
            )
        ),
    ),
}
