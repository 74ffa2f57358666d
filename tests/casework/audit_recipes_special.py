"""Audit recipe of 特段の事情 (casework.services.special_circumstance_record)."""

from __future__ import annotations

import datetime as dt

from carebridge.casework import services as casework
from carebridge.casework.inputs import SpecialCircumstanceInput

from ..audit_recipe import Recipe

D = dt.date

RECIPES = {
    "special_circumstance_record": Recipe(
        lambda o: (
            lambda: casework.special_circumstance_record(
                actor=o.world.cm_a,
                client=o.client,
                month=D(2026, 9, 1),
                data=SpecialCircumstanceInput(reason="hospital", evidence="9/1〜9/30 入院（○○病院）"),
            )
        ),
        # The care manager's own circumstances are no reason to choose.
        lambda o: (
            lambda: casework.special_circumstance_record(
                actor=o.world.cm_a,
                client=o.client,
                month=D(2026, 9, 1),
                data=SpecialCircumstanceInput(reason="care_manager_busy", evidence="担当者の都合"),
            )
        ),
    ),
}
