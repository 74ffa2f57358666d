"""API of the roster and of care recipients (対象家族)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Any

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status
from pydantic import Strict

from carebridge.clients.models import CareLevel
from carebridge.core.access import actor_of
from carebridge.core.audit import audit_view
from carebridge.core.inputs import input_from
from carebridge.core.limits import OFFSET_LIMIT
from carebridge.core.schemas import Date, Flag, InputSchema, PatchSchema, QuerySchema, fits
from carebridge.core.services import records_listed

from .access import access_family_employee, access_roster_company, access_roster_employee
from .inputs import CareRecipientInput, EmployeeInput
from .models import CareRecipient, Employee
from .selectors import people as selectors
from .services import people as services

router = Router(tags=["両立支援: 従業員"])

WeeklyDays = Annotated[int, Strict(), Field(ge=1, le=7, title="週の所定労働日数")]
DailyHours = Annotated[Decimal, Field(ge=1, le=24, max_digits=4, decimal_places=2, title="1日の所定労働時間")]
Age = Annotated[int, Strict(), Field(ge=0, le=130, title="年齢")]
CareLevelValue = Annotated[
    str, Field(max_length=20, title="要介護度", json_schema_extra={"enum": ["", *CareLevel.values]})
]


class EmployeeOut(Schema):
    id: int
    company_id: int
    employee_number: str
    name: str
    department: str
    birth_date: dt.date
    weekly_days: int
    daily_hours: Decimal
    hired_on: dt.date
    fixed_term_end: dt.date | None
    email: str
    is_active: bool
    has_login: bool
    updated_at: dt.datetime

    @staticmethod
    def resolve_has_login(obj: Employee) -> bool:
        return obj.user_id is not None


class EmployeeListOut(Schema):
    items: list[EmployeeOut]
    count: int


class EmployeeFilter(QuerySchema):
    q: str = Field("", max_length=100, description="社員番号・氏名・所属")
    inactive: Flag = False
    limit: int = Field(100, ge=1, le=500)
    offset: int = Field(0, ge=0, le=OFFSET_LIMIT)


class EmployeeIn(InputSchema):
    employee_number: Annotated[str, fits(Employee, "employee_number")]
    name: Annotated[str, fits(Employee, "name")]
    birth_date: Annotated[Date, fits(Employee, "birth_date")]
    hired_on: Annotated[Date, fits(Employee, "hired_on")]
    department: Annotated[str, fits(Employee, "department")] = ""
    weekly_days: WeeklyDays = 5
    daily_hours: DailyHours = Decimal("8.00")
    fixed_term_end: Annotated[Date, fits(Employee, "fixed_term_end")] | None = None
    email: Annotated[str, fits(Employee, "email")] = ""


class EmployeePatch(PatchSchema):
    employee_number: Annotated[str, fits(Employee, "employee_number")] | None = None
    name: Annotated[str, fits(Employee, "name")] | None = None
    birth_date: Annotated[Date, fits(Employee, "birth_date")] | None = None
    hired_on: Annotated[Date, fits(Employee, "hired_on")] | None = None
    department: Annotated[str, fits(Employee, "department")] | None = None
    weekly_days: WeeklyDays | None = None
    daily_hours: DailyHours | None = None
    fixed_term_end: Annotated[Date, fits(Employee, "fixed_term_end")] | None = None
    email: Annotated[str, fits(Employee, "email")] | None = None


class CareRecipientOut(Schema):
    id: int
    employee_id: int
    label: str
    relation: str
    age: int | None
    lives_together: bool
    care_level: str
    prefecture: str
    municipality: str
    is_active: bool
    updated_at: dt.datetime


class CareRecipientIn(InputSchema):
    label: Annotated[str, fits(CareRecipient, "label")]
    relation: Annotated[str, fits(CareRecipient, "relation")]
    age: Age | None = None
    lives_together: Flag = False
    care_level: CareLevelValue = ""
    prefecture: Annotated[str, fits(CareRecipient, "prefecture")] = ""
    municipality: Annotated[str, fits(CareRecipient, "municipality")] = ""


@router.get("/companies/{company_id}/employees", response=EmployeeListOut, summary="従業員名簿")
def list_employees(request: HttpRequest, company_id: int, filters: Query[EmployeeFilter]) -> dict[str, Any]:
    actor = actor_of(request)
    company = access_roster_company(actor, company_id)
    rows = selectors.roster_list(actor=actor, company=company, query=filters.q, include_inactive=filters.inactive)
    items = list(rows[filters.offset : filters.offset + filters.limit])
    records_listed(
        actor=actor,
        subject=Employee,
        client_ids=[],
        record_ids=[e.pk for e in items],
        search=bool(filters.q.strip()),
        page=filters.offset // filters.limit + 1,
    )
    return {"items": items, "count": rows.count()}


@router.post("/companies/{company_id}/employees", response={201: EmployeeOut}, summary="従業員の追加")
def create_employee(request: HttpRequest, company_id: int, payload: EmployeeIn) -> Status[Any]:
    actor = actor_of(request)
    company = access_roster_company(actor, company_id, for_edit=True)
    data = input_from(EmployeeInput, payload.dict())
    return Status(201, services.employee_create(actor=actor, company=company, data=data))


@router.get("/employees/{employee_id}", response=EmployeeOut, summary="従業員の取得（名簿の項目）")
def get_employee(request: HttpRequest, employee_id: int) -> Any:
    actor = actor_of(request)
    employee = access_roster_employee(actor, employee_id)
    audit_view(actor=actor, subject=employee, client_id=None)
    return employee


@router.patch("/employees/{employee_id}", response=EmployeeOut, summary="従業員の更新（名簿の項目）")
def update_employee(request: HttpRequest, employee_id: int, payload: EmployeePatch) -> Any:
    actor = actor_of(request)
    employee = access_roster_employee(actor, employee_id, for_edit=True)
    values = payload.dict(exclude_unset=True)
    expected = values.pop("updated_at", None)
    data = input_from(EmployeeInput, values, base=employee)
    return services.employee_update(actor=actor, employee=employee, data=data, expected_updated_at=expected)


@router.get(
    "/employees/{employee_id}/care-recipients",
    response=list[CareRecipientOut],
    summary="対象家族の一覧（産業ケアマネと本人のみ）",
)
def list_care_recipients(request: HttpRequest, employee_id: int) -> Any:
    actor = actor_of(request)
    employee = access_family_employee(actor, employee_id)
    recipients = selectors.care_recipients_of(employee=employee)
    records_listed(actor=actor, subject=CareRecipient, client_ids=[], record_ids=[r.pk for r in recipients])
    return recipients


@router.post(
    "/employees/{employee_id}/care-recipients",
    response={201: CareRecipientOut},
    summary="対象家族の追加（産業ケアマネと本人のみ）",
)
def create_care_recipient(request: HttpRequest, employee_id: int, payload: CareRecipientIn) -> Status[Any]:
    actor = actor_of(request)
    employee = access_family_employee(actor, employee_id)
    data = input_from(CareRecipientInput, payload.dict())
    return Status(201, services.care_recipient_create(actor=actor, employee=employee, data=data))
