"""API of the leave ledger: an employee's balances and records (the same gate as the page: the
workplace care manager, the employee, HR or the manager only while the employee shares the
ledger with them), and recording a use (workplace care manager, HR)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from django.http import HttpRequest
from ninja import Router, Schema, Status

from carebridge.core.access import actor_of
from carebridge.core.inputs import input_from
from carebridge.core.schemas import Date, Id, InputSchema, fits

from . import services
from .access import access_leave_record, access_ledger_employee
from .inputs import LeaveRecordInput
from .models import LeaveRecord
from .selectors.ledger import employee_ledger

router = Router(tags=["両立支援"])


class LedgerFamilyOut(Schema):
    care_recipient_id: int
    label: str
    relation: str
    in_care: bool
    days_used: int
    days_left: int
    periods_used: int
    periods_left: int
    reduced_hours_uses: int


class LedgerCareDaysOffOut(Schema):
    fiscal_year_start: dt.date
    entitled_days: int
    unit_hours: int
    used_hours: int
    left_days: int
    left_hours: int


class LedgerRecordOut(Schema):
    id: int
    employee_id: int
    care_recipient_id: int
    kind: str
    starts_on: dt.date
    ends_on: dt.date
    hours: int | None
    requested_on: dt.date | None
    note: str


class LedgerOut(Schema):
    employee_id: int
    as_of: dt.date
    policy_effective_from: dt.date | None
    care_leave: list[LedgerFamilyOut]
    care_days_off: LedgerCareDaysOffOut
    records: list[LedgerRecordOut]


class LedgerRecordIn(InputSchema):
    care_recipient_id: Id
    kind: Annotated[str, fits(LeaveRecord, "kind")]
    starts_on: Date
    ends_on: Date
    hours: Annotated[int | None, fits(LeaveRecord, "hours")] = None
    requested_on: Date | None = None
    note: Annotated[str, fits(LeaveRecord, "note")] = ""


@router.get("/employees/{employee_id}/ledger", response=LedgerOut, summary="休業・休暇の取得状況（従業員）")
def ledger(request: HttpRequest, employee_id: int) -> Any:
    actor = actor_of(request)
    book = employee_ledger(actor, employee_id)
    services.ledger_viewed(actor=actor, employee=book.employee)
    off = book.care_days_off
    return {
        "employee_id": book.employee.pk,
        "as_of": book.as_of,
        "policy_effective_from": book.policy.effective_from if book.policy else None,
        "care_leave": [
            {
                "care_recipient_id": row.recipient.pk,
                "label": row.recipient.label,
                "relation": row.recipient.relation,
                "in_care": row.recipient.is_active,
                "days_used": row.care_leave.days_used,
                "days_left": row.care_leave.days_left,
                "periods_used": row.care_leave.periods_used,
                "periods_left": row.care_leave.periods_left,
                "reduced_hours_uses": row.reduced_hours_uses,
            }
            for row in book.family
        ],
        "care_days_off": {
            "fiscal_year_start": off.fiscal_year_start,
            "entitled_days": off.entitled_days,
            "unit_hours": off.unit_hours,
            "used_hours": off.used_hours,
            "left_days": off.left_days,
            "left_hours": off.left_hours,
        },
        "records": book.records,
    }


@router.post(
    "/employees/{employee_id}/ledger/records", response={201: LedgerRecordOut}, summary="休業・休暇の利用を記録"
)
def create_record(request: HttpRequest, employee_id: int, payload: LedgerRecordIn) -> Status[Any]:
    actor = actor_of(request)
    employee = access_ledger_employee(actor, employee_id, for_edit=True)
    data = input_from(LeaveRecordInput, payload.dict())
    return Status(201, services.leave_record_create(actor=actor, employee=employee, data=data))


@router.delete("/ledger/records/{record_id}", response={204: None}, summary="取得記録の削除（誤って記録したもの）")
def delete_record(request: HttpRequest, record_id: int) -> Status[None]:
    actor = actor_of(request)
    record = access_leave_record(actor, record_id, for_edit=True)
    services.leave_record_delete(actor=actor, record=record)
    return Status(204, None)
