"""Records the leave-ledger tests reach: the world's employee linked to their Employee row, a
family member, sharing with HR or the manager, records (each made once per Objs)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.utils import timezone

from carebridge.workcare.models import SharingConsent

from .factories import CareRecipientFactory, EmployeeFactory, LeaveRecordFactory


def _once(o: Any, key: str, make: Callable[[], Any]) -> Any:
    if key not in o.__dict__:
        o.__dict__[key] = make()
    return o.__dict__[key]


def ledger_employee(o: Any) -> Any:
    """emp_sakura1's Employee row (さくら製作所, 製造部)."""
    return _once(
        o,
        "ledger_employee",
        lambda: EmployeeFactory(company=o.world.company, user=o.world.employee, name="両立 花子", department="製造部"),
    )


def mother(o: Any) -> Any:
    return _once(o, "ledger_mother", lambda: CareRecipientFactory(employee=ledger_employee(o), label="母"))


def share(o: Any, audience: str) -> Any:
    """The employee shares the leave ledger with HR or with their manager (mgr_sakura, 製造部)."""
    employee = ledger_employee(o)
    if audience == "manager":
        _once(
            o,
            "ledger_manager_row",
            lambda: EmployeeFactory(
                company=o.world.company, user=o.world.manager, name="上司 一郎", department="製造部"
            ),
        )
    return _once(
        o,
        f"ledger_share_{audience}",
        lambda: SharingConsent.objects.get_or_create(  # one live grant (a case's url may be built twice)
            employee=employee,
            audience=audience,
            item="leave_ledger",
            withdrawn_at=None,
            defaults={"office": employee.office, "granted_at": timezone.now() - dt.timedelta(minutes=1)},
        )[0],
    )


def leave_record(o: Any) -> Any:
    return _once(
        o,
        "ledger_record",
        lambda: LeaveRecordFactory(
            employee=ledger_employee(o),
            care_recipient=mother(o),
            starts_on=dt.date(2026, 1, 5),
            ends_on=dt.date(2026, 2, 3),
        ),
    )
