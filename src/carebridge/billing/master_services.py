"""Writes of the service master: apply a checked import plan (billing/master_import.py).

The master is global (no office): each row written is audited without an office, under the user
who ran the import (or none for a command run by the operator without `--as`).
"""

from __future__ import annotations

from django.db import models, transaction

from carebridge.core.models import User
from carebridge.core.writes import create_audited, update_audited
from carebridge.directory import service_types
from carebridge.directory.models import ServiceType

from .master_import import KIND_CODE, KIND_TYPE, Change, ImportPlan
from .models import ServiceCode, UnitPrice

EDITABLE = {
    KIND_TYPE: ("name", "labor_ratio_class", "short_stay", "exchange_scope", "valid_to", "source"),
    KIND_CODE: (
        "service_type",
        "name",
        "units",
        "unit_basis",
        "limit_managed",
        "rate_permille",
        "product_code_required",
        "valid_to",
        "source",
    ),
}
EDITABLE_PRICE = ("price_x100", "valid_to", "source")


def _new_row(change: Change) -> models.Model:
    if change.kind == KIND_TYPE:
        return ServiceType(code=change.key, valid_from=change.valid_from, **change.values)
    if change.kind == KIND_CODE:
        return ServiceCode(code=change.key, valid_from=change.valid_from, **change.values)
    return UnitPrice(valid_from=change.valid_from, **change.values)


def service_master_apply(*, actor: User | None, plan: ImportPlan) -> ImportPlan:
    """Write every added and changed row of the plan in one transaction (audited, office-less);
    the directory's cached list of service types is reloaded once it commits."""
    with transaction.atomic():
        for change in plan.changes:
            if change.status == "added":
                create_audited(actor=actor, instance=_new_row(change), action="servicemaster.imported")
            elif change.status == "changed" and change.row is not None:
                editable = EDITABLE.get(change.kind, EDITABLE_PRICE)
                update_audited(
                    actor=actor,
                    instance=change.row,
                    changes={name: new for name, (_, new) in change.changed.items()},
                    editable=editable,
                    action="servicemaster.imported",
                )
        transaction.on_commit(service_types.reload)
    return plan
