"""Permission matrix of the leave ledger and the entitlement calculator: the workplace care
manager; the employee (own ledger, may not record); HR and the manager only while the employee
shares `leave_ledger` with them (another company's HR, HR without consent and the manager
without consent get 404, like a missing record); the calculator for anyone logged in."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from carebridge.core.models import AuditEvent
from carebridge.workcare.models import LeaveRecord

from ..permission_matrix import Case, matrix, removed, state
from .factories_ledger import leave_record, ledger_employee, mother, share
from .test_entitlements_cli_api import EXAMPLE


def page(o: Any) -> str:
    mother(o)
    return reverse("workcare:employee_ledger", args=[ledger_employee(o).pk])


def page_shared(audience: str):
    def url(o: Any) -> str:
        share(o, audience)
        return page(o)

    return url


def api_ledger(o: Any) -> str:
    mother(o)
    return f"/api/v1/workcare/employees/{ledger_employee(o).pk}/ledger"


def api_ledger_shared(o: Any) -> str:
    share(o, "hr")
    return api_ledger(o)


def api_records(o: Any) -> str:
    return f"/api/v1/workcare/employees/{ledger_employee(o).pk}/ledger/records"


def api_records_shared(o: Any) -> str:
    share(o, "hr")
    return api_records(o)


def form(o: Any) -> dict[str, Any]:
    return {"care_recipient": mother(o).pk, "kind": "care_leave", "starts_on": "2026-12-01", "ends_on": "2026-12-31"}


def body(o: Any) -> dict[str, Any]:
    return {"care_recipient_id": mother(o).pk, "kind": "care_leave", "starts_on": "2026-12-01", "ends_on": "2026-12-31"}


def recorded(o: Any, actor: Any, before: dict[str, Any]) -> None:
    """A new record in the employee's ledger, in the employee's (the contracting) office."""
    assert before.get(LeaveRecord._meta.label, []) == []  # none before the call
    rows = LeaveRecord.objects.filter(employee=ledger_employee(o))
    assert rows.count() == 1
    assert rows.get().office_id == o.world.office_a.pk


recorded.__name__ = "recorded(LeaveRecord)"


def nothing_stored(o: Any, actor: Any, before: dict[str, Any]) -> None:
    """The calculator keeps nothing and writes no event."""
    assert state() == before
    assert AuditEvent.objects.count() == len(before[AuditEvent._meta.label])


PAGE = "workcare:employee_ledger"
API_LEDGER = "GET /api/v1/workcare/employees/{employee_id}/ledger"
API_RECORDS = "POST /api/v1/workcare/employees/{employee_id}/ledger/records"

CASES = [
    Case("ledger page: workplace care manager", "get", page, PAGE, "wcm_a", "cm_a", 404, 200, reads_client=True),
    Case("ledger page: the employee", "get", page, PAGE, "employee", "manager", 404, 200, reads_client=True),
    Case("ledger page: HR when shared", "get", page_shared("hr"), PAGE, "hr", "hr_b", 404, 200, reads_client=True),
    Case("ledger page: HR without consent", "get", page, PAGE, "wcm_a", "hr", 404, 200, reads_client=True),
    Case(
        "ledger page: manager when shared",
        "get",
        page_shared("manager"),
        PAGE,
        "manager",
        "hr",
        404,
        200,
        reads_client=True,
    ),
    Case("ledger record: wcm", "post", page, PAGE, "wcm_a", "employee", 403, 302, data=form, post=recorded),
    Case(
        "ledger record: HR when shared",
        "post",
        page_shared("hr"),
        PAGE,
        "hr",
        "hr_b",
        404,
        302,
        data=form,
        post=recorded,
    ),
    Case(
        "ledger record: manager may not",
        "post",
        page_shared("manager"),
        PAGE,
        "wcm_a",
        "manager",
        403,
        302,
        data=form,
        post=recorded,
    ),
    Case(
        "ledger record delete",
        "post",
        lambda o: reverse("workcare:ledger_record_delete", args=[leave_record(o).pk]),
        "workcare:ledger_record_delete",
        "wcm_a",
        "employee",
        403,
        302,
        post=removed("ledger_record"),
    ),
    Case("API ledger: wcm", "get", api_ledger, API_LEDGER, "wcm_a", "cm_a", 404, 200, reads_client=True),
    Case("API ledger: the employee", "get", api_ledger, API_LEDGER, "employee", "hr", 404, 200, reads_client=True),
    Case(
        "API ledger: HR when shared", "get", api_ledger_shared, API_LEDGER, "hr", "manager", 404, 200, reads_client=True
    ),
    Case("API record: wcm", "post", api_records, API_RECORDS, "wcm_a", "employee", 403, 201, data=body, post=recorded),
    Case(
        "API record: HR when shared",
        "post",
        api_records_shared,
        API_RECORDS,
        "hr",
        "hr_b",
        404,
        201,
        data=body,
        post=recorded,
    ),
    Case(
        "API entitlements: anyone logged in",
        "post",
        lambda o: "/api/v1/workcare/entitlements",
        "POST /api/v1/workcare/entitlements",
        "hr",
        None,
        403,
        200,
        data=EXAMPLE,
        other_office=200,
        post=nothing_stored,
    ),
]

test_anonymous, test_other_office, test_without_role, test_with_role = matrix(CASES)
