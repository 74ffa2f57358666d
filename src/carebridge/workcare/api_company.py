"""API of the company area under /api/v1/workcare/companies/: the company, its policy versions,
the gap report, the compliance checklist, the 個別周知 register's new reports, the 40-year bulk
provision and the month's invoice. Same gates as the pages (access.py, section H-company)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Query, Router, Schema, Status

from carebridge.core import messages as core_messages
from carebridge.core.access import actor_of
from carebridge.core.audit import audit_view
from carebridge.core.dates import month_start, parse_month
from carebridge.core.inputs import input_from
from carebridge.core.models import Company
from carebridge.core.schemas import Count, Date, Flag, Id, InputSchema, PatchSchema, QuerySchema, fits

from . import services
from .access import access_company_for, access_company_row, company_visible
from .inputs import CompanyProfileInput, EarlyBulkInput, NoticeRecordInput, NoticeReportInput, PolicyInput
from .models import CompanyPolicy, Employee, IndividualNotice, NoticeText
from .models.choices import AgreementExclusion, EarlyInfoMethod, ReducedMeasure
from .selectors import company as selectors

router = Router(tags=["両立支援：企業"])

DUTIES: dict[str, Any] = {"office": "workcare.view", "hr": True}


class CompanyOut(Schema):
    id: int
    name: str
    industry: str
    employee_count: int | None
    fiscal_year_start_month: int
    fiscal_year_start_day: int
    postal_code: str
    address: str


class PolicyOut(Schema):
    id: int
    effective_from: dt.date
    care_leave_days: int
    care_leave_periods: int
    care_leave_paid: bool
    care_days_off_one: int
    care_days_off_two: int
    care_days_off_hourly: bool
    care_days_off_paid: bool
    reduced_measures: list[str]
    reduced_measure_uses: int
    reduced_measure_years: int
    telework: bool
    overtime_exemption: bool
    overtime_limit: bool
    night_work_limit: bool
    labor_agreement_excludes: list[str]
    consultation_window: str
    early_info_timing: str
    notice_due_days: int
    note: str


class PolicyIn(InputSchema):
    effective_from: Date
    care_leave_days: Count = 93
    care_leave_periods: Count = 3
    care_leave_paid: Flag = False
    care_days_off_one: Count = 5
    care_days_off_two: Count = 10
    care_days_off_hourly: Flag = True
    care_days_off_paid: Flag = False
    reduced_measures: list[ReducedMeasure] = Field(default_factory=list, max_length=4)
    reduced_measure_uses: Count = 2
    reduced_measure_years: Count = 3
    telework: Flag = False
    overtime_exemption: Flag = True
    overtime_limit: Flag = True
    night_work_limit: Flag = True
    labor_agreement_excludes: list[AgreementExclusion] = Field(default_factory=list, max_length=3)
    consultation_window: Annotated[str, fits(CompanyPolicy, "consultation_window")] = ""
    early_info_timing: Annotated[str, fits(CompanyPolicy, "early_info_timing")] = "fiscal_year_of_40"
    notice_due_days: Annotated[int, Field(ge=1, le=60)] = 14
    note: Annotated[str, fits(CompanyPolicy, "note")] = ""


class FindingOut(Schema):
    code: str
    article: str
    message: str
    severity: str


class ChecklistItemOut(Schema):
    key: str
    title: str
    article: str
    status: str
    status_label: str
    summary: str
    advisory: bool


class ChecklistOut(Schema):
    company_id: int
    on: dt.date
    items: list[ChecklistItemOut]
    findings: list[FindingOut]


class NoticeIn(InputSchema):
    employee_id: Id
    reported_on: Date
    note: Annotated[str, fits(IndividualNotice, "note")] = ""


class NoticeOut(Schema):
    id: int
    employee_id: int
    reported_on: dt.date
    due_on: dt.date
    given_on: dt.date | None
    method: str
    intention: str
    is_done: bool


class NoticeRecordIn(InputSchema):
    item_systems: Flag = False
    item_contact: Flag = False
    item_benefit: Flag = False
    method: Annotated[str, fits(IndividualNotice, "method")] = ""
    employee_wished_method: Flag = False
    given_on: Date | None = None
    intention: Annotated[str, fits(IndividualNotice, "intention")] = "unanswered"
    notice_text_id: Id | None = None
    note: Annotated[str, fits(IndividualNotice, "note")] = ""


class EarlyIn(InputSchema):
    fiscal_year: Annotated[int, Field(ge=2025, le=2100)]
    method: EarlyInfoMethod
    provided_on: Date
    includes_ltc_insurance: Flag = True
    notice_text_id: Id | None = None
    employee_ids: list[Id] | None = Field(default=None, max_length=10000)


class EarlyOut(Schema):
    id: int
    employee_id: int
    fiscal_year: int
    method: str
    provided_on: dt.date
    includes_ltc_insurance: bool
    notice_text_id: int | None


class InvoiceLineOut(Schema):
    label: str
    unit: str
    unit_price: int
    activity: int
    included: int
    quantity: int
    amount: int


class InvoiceOut(Schema):
    company_id: int
    month: str
    contract_id: int | None
    activity: dict[str, int]
    lines: list[InvoiceLineOut]
    total: int


class MonthFilter(QuerySchema):
    month: str = Field("", max_length=7, description="YYYY-MM（省略時は今月）")


@router.get("/companies/{company_id}", response=CompanyOut, summary="企業の基本情報")
def get_company(request: HttpRequest, company_id: int) -> Any:
    return company_visible(actor_of(request), company_id)


class CompanyPatch(PatchSchema):
    industry: Annotated[str, fits(Company, "industry")] | None = None
    employee_count: Annotated[int, Field(ge=0, le=10_000_000)] | None = None
    fiscal_year_start_month: Annotated[int, Field(ge=1, le=12)] | None = None
    fiscal_year_start_day: Annotated[int, Field(ge=1, le=31)] | None = None
    postal_code: Annotated[str, fits(Company, "postal_code")] | None = None
    address: Annotated[str, fits(Company, "address")] | None = None


@router.patch("/companies/{company_id}", response=CompanyOut, summary="企業の基本情報の更新")
def update_company(request: HttpRequest, company_id: int, payload: CompanyPatch) -> Any:
    actor = actor_of(request)
    company = access_company_for(actor, company_id, office="workcare.contract", hr=True)
    values = payload.dict(exclude_unset=True)
    expected = values.pop("updated_at", None)
    data = input_from(CompanyProfileInput, values, base=company)
    return services.company_update(actor=actor, company=company, data=data, expected_updated_at=expected)


@router.get("/companies/{company_id}/policies", response=list[PolicyOut], summary="両立支援制度の版")
def list_policies(request: HttpRequest, company_id: int) -> Any:
    company = company_visible(actor_of(request), company_id)
    return list(selectors.policy_versions(company))


@router.post("/companies/{company_id}/policies", response={201: PolicyOut}, summary="両立支援制度の新しい版")
def create_policy(request: HttpRequest, company_id: int, payload: PolicyIn) -> Status[Any]:
    actor = actor_of(request)
    company = access_company_for(actor, company_id, office="workcare.edit", hr=True)
    values = payload.dict()
    values["reduced_measures"] = tuple(str(v) for v in values["reduced_measures"])
    values["labor_agreement_excludes"] = tuple(str(v) for v in values["labor_agreement_excludes"])
    return Status(201, services.policy_create(actor=actor, company=company, data=PolicyInput(**values)))


@router.get("/companies/{company_id}/gaps", response=list[FindingOut], summary="法に照らした点検（ギャップ）")
def get_gaps(request: HttpRequest, company_id: int) -> Any:
    company = company_visible(actor_of(request), company_id)
    return selectors.gap_report(company, timezone.localdate())


@router.get("/companies/{company_id}/checklist", response=ChecklistOut, summary="義務のチェックリスト")
def get_checklist(request: HttpRequest, company_id: int) -> Any:
    actor = actor_of(request)
    company = access_company_for(actor, company_id, **DUTIES)
    checklist = selectors.checklist(company, timezone.localdate())
    return {
        "company_id": company.pk,
        "on": checklist.on,
        "items": checklist.items,
        "findings": checklist.findings,
    }


@router.post("/companies/{company_id}/notices", response={201: NoticeOut}, summary="介護に直面した旨の申出の記録")
def create_notice(request: HttpRequest, company_id: int, payload: NoticeIn) -> Status[Any]:
    actor = actor_of(request)
    company = access_company_for(actor, company_id, office="workcare.edit", hr=True)
    employee = access_company_row(actor, company, Employee.objects.filter(company=company), payload.employee_id)
    data = NoticeReportInput(reported_on=payload.reported_on, note=payload.note)
    notice = services.individual_notice_create(actor=actor, employee=employee, data=data)
    return Status(201, notice)


@router.get("/companies/{company_id}/notices/{notice_id}", response=NoticeOut, summary="個別周知・意向確認の記録")
def get_notice(request: HttpRequest, company_id: int, notice_id: int) -> Any:
    actor = actor_of(request)
    company = access_company_for(actor, company_id, **DUTIES)
    notice = access_company_row(actor, company, IndividualNotice.objects.filter(employee__company=company), notice_id)
    audit_view(actor=actor, subject=notice, client_id=None)
    return notice


@router.post(
    "/companies/{company_id}/notices/{notice_id}/record",
    response=NoticeOut,
    summary="個別周知・意向確認の実施の記録（FAX・メールは本人の希望時のみ）",
)
def record_notice(request: HttpRequest, company_id: int, notice_id: int, payload: NoticeRecordIn) -> Any:
    actor = actor_of(request)
    company = access_company_for(actor, company_id, office="workcare.edit", hr=True)
    notice = access_company_row(actor, company, IndividualNotice.objects.filter(employee__company=company), notice_id)
    values = payload.dict()
    text_id = values.pop("notice_text_id")
    values["notice_text"] = _text(company, text_id)
    return services.individual_notice_record(actor=actor, notice=notice, data=NoticeRecordInput(**values))


def _text(company: Company, text_id: int | None) -> NoticeText | None:
    if text_id is None:
        return None
    text = NoticeText.objects.filter(company=company, pk=text_id).first()
    if text is None:
        raise ValidationError({"notice_text_id": core_messages.NOT_FOUND})
    return text


@router.post(
    "/companies/{company_id}/early-information",
    response={201: list[EarlyOut]},
    summary="40歳時等の情報提供の一括記録（全員分か、何もしないか）",
)
def create_early_information(request: HttpRequest, company_id: int, payload: EarlyIn) -> Status[Any]:
    actor = actor_of(request)
    company = access_company_for(actor, company_id, office="workcare.edit", hr=True)
    text = _text(company, payload.notice_text_id)
    data = EarlyBulkInput(
        fiscal_year=payload.fiscal_year,
        method=str(payload.method),
        provided_on=payload.provided_on,
        includes_ltc_insurance=payload.includes_ltc_insurance,
        notice_text=text,
        employee_ids=tuple(payload.employee_ids) if payload.employee_ids is not None else None,
    )
    return Status(201, services.early_information_provide(actor=actor, company=company, data=data))


@router.get("/companies/{company_id}/invoice", response=InvoiceOut, summary="月の請求明細")
def get_invoice(request: HttpRequest, company_id: int, filters: Query[MonthFilter]) -> Any:
    actor = actor_of(request)
    company = access_company_for(actor, company_id, office="workcare.contract", hr=True)
    month = parse_month(filters.month) if filters.month else month_start(timezone.localdate())
    if month is None:
        raise ValidationError({"month": core_messages.MONTH_FORMAT})
    bill = selectors.invoice(company, month)
    return {
        "company_id": company.pk,
        "month": f"{month:%Y-%m}",
        "contract_id": bill.contract.pk if bill.contract is not None else None,
        "activity": bill.activity,
        "lines": bill.lines,
        "total": bill.total,
    }
