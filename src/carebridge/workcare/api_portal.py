"""API of the portals: the employee's sharing choices (read and change) and HR's consented list."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from ninja import Field, Router, Schema

from carebridge.core import messages as core_messages
from carebridge.core.access import actor_of
from carebridge.core.schemas import InputSchema, fits
from carebridge.core.services import records_listed

from . import messages, services
from .access import is_hr, require_own_employee
from .models import Employee, SharingConsent
from .selectors import portal as selectors

router = Router(tags=["両立支援"])


class SharingOut(Schema):
    item: str = Field(description="caregiving_fact / plan_measures / leave_ledger")
    item_label: str
    audience: str = Field(description="hr / manager")
    audience_label: str
    shared: bool
    granted_at: dt.datetime | None


class SharingIn(InputSchema):
    item: Annotated[str, fits(SharingConsent, "item")]
    audience: Annotated[str, fits(SharingConsent, "audience")]
    action: str = Field(
        ...,
        title="操作",
        description="grant: 共有する / withdraw: 共有をやめる",
        json_schema_extra={"enum": ["grant", "withdraw"]},
    )


class SharedEmployeeOut(Schema):
    id: int
    name: str
    department: str
    since: dt.datetime | None
    items: list[str]
    plan_url: str | None
    ledger_url: str | None


def _choices(employee: Employee) -> list[dict[str, Any]]:
    return [
        {
            "item": c.item,
            "item_label": c.item_label,
            "audience": c.audience,
            "audience_label": c.audience_label,
            "shared": c.shared,
            "granted_at": c.granted_at,
        }
        for c in selectors.sharing_choices(employee)
    ]


@router.get("/me/sharing", response=list[SharingOut], summary="人事・上司への共有（本人）")
def my_sharing(request: HttpRequest) -> Any:
    employee = require_own_employee(actor_of(request))
    return _choices(employee)


@router.post("/me/sharing", response=list[SharingOut], summary="共有を始める・やめる（本人）")
def change_my_sharing(request: HttpRequest, payload: SharingIn) -> Any:
    actor = actor_of(request)
    employee = require_own_employee(actor)
    if payload.action == "grant":
        services.sharing_grant(actor=actor, item=payload.item, audience=payload.audience)
    elif payload.action == "withdraw":
        services.sharing_withdraw(actor=actor, item=payload.item, audience=payload.audience)
    else:  # the schema refuses other values already
        raise ValidationError({"action": messages.SHARING_ACTION_UNKNOWN})
    return _choices(employee)


@router.get("/hr/employees", response=list[SharedEmployeeOut], summary="介護を共有している従業員（人事）")
def hr_shared_employees(request: HttpRequest) -> Any:
    actor = actor_of(request)
    if not is_hr(actor):
        raise PermissionDenied(core_messages.PERMISSION_DENIED)
    rows = selectors.hr_shared_list(actor)
    records_listed(actor=actor, subject=Employee, client_ids=[], record_ids=[r.employee.pk for r in rows])
    return [
        {
            "id": r.employee.pk,
            "name": r.employee.name,
            "department": r.employee.department,
            "since": r.since,
            "items": list(r.items),
            "plan_url": f"/workcare/shared/{r.employee.pk}/plan/" if r.shares_plan else None,
            "ledger_url": f"/workcare/employees/{r.employee.pk}/ledger/" if r.shares_ledger else None,
        }
        for r in rows
    ]
