"""Audit recipes of the leave-ledger services (tests/test_audit_every_service.py)."""

from __future__ import annotations

import datetime as dt

from carebridge.workcare import services
from carebridge.workcare.inputs import LeaveRecordInput

from ..audit_recipe import Recipe
from .factories_ledger import leave_record, ledger_employee, mother


def _use(o, start: dt.date, end: dt.date) -> LeaveRecordInput:
    return LeaveRecordInput(care_recipient_id=mother(o).pk, kind="care_leave", starts_on=start, ends_on=end)


RECIPES = {
    "leave_record_create": Recipe(
        lambda o: (
            lambda: services.leave_record_create(
                actor=o.world.wcm_a,
                employee=ledger_employee(o),
                data=_use(o, dt.date(2026, 12, 1), dt.date(2026, 12, 31)),
            )
        ),
        # 育児・介護休業法 第11条第2項第2号: 94 days in one go are refused.
        lambda o: (
            lambda: services.leave_record_create(
                actor=o.world.wcm_a,
                employee=ledger_employee(o),
                data=_use(o, dt.date(2026, 12, 1), dt.date(2027, 3, 4)),
            )
        ),
    ),
    "leave_record_delete": Recipe(
        lambda o: lambda: services.leave_record_delete(actor=o.world.wcm_a, record=leave_record(o)),
        None,
        "a mistaken record is removed; only the gate refuses (PermissionDenied), before any write",
    ),
    "ledger_viewed": Recipe(
        lambda o: lambda: services.ledger_viewed(actor=o.world.wcm_a, employee=ledger_employee(o)),
        None,
        "a read is recorded, never refused (the gate refuses before it)",
    ),
}
