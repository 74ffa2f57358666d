"""API of the company's administration under /api/v1/workcare/companies/, as the pages do it
(views/company.py): the list of companies, the profile, the office's contracts and their fee
items, a correction of the latest policy version, the notice texts and HR's approval, and the
雇用環境の整備 measures. Same gates (access.py) and services."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from ninja import Field, Router, Schema, Status

from carebridge.core import messages as core_messages
from carebridge.core.access import actor_of
from carebridge.core.inputs import input_from
from carebridge.core.schemas import Date, Flag, InputSchema, fits

from . import services
from .access import access_company_for, access_company_row, is_hr, is_workplace_staff
from .api_company import DUTIES, CompanyOut, PolicyIn, PolicyOut
from .inputs import (
    ContractInput,
    EnvironmentMeasureInput,
    FeeItemInput,
    NoticeTextInput,
    PolicyInput,
)
from .models import CompanyContract, CompanyPolicy, NoticeText
from .models.choices import ContractMenu
from .models.company import ContractFeeItem
from .models.duties import EnvironmentMeasure
from .selectors import company as selectors

router = Router(tags=["両立支援：企業"])

CONTRACT: dict[str, Any] = {"office": "workcare.contract", "hr": False}
DUTY_EDIT: dict[str, Any] = {"office": "workcare.edit", "hr": True}


@router.get("/companies", response=list[CompanyOut], summary="企業の一覧（事業所の契約先、人事担当者には自社）")
def list_companies(request: HttpRequest) -> Any:
    actor = actor_of(request)
    if not (is_workplace_staff(actor, "workcare.contract") or is_hr(actor)):
        raise PermissionDenied(core_messages.PERMISSION_DENIED)
    return list(selectors.company_list(actor=actor))


class FeeItemOut(Schema):
    id: int
    label: str
    unit: str
    unit_price: int
    included_count: int


class ContractOut(Schema):
    id: int
    starts_on: dt.date
    ends_on: dt.date | None
    menu: list[str]
    note: str
    workplace_care_manager_id: int | None
    fee_items: list[FeeItemOut]


class ContractIn(InputSchema):
    starts_on: Date
    ends_on: Date | None = None
    menu: list[ContractMenu] = Field(default_factory=list, max_length=len(ContractMenu.values))
    note: Annotated[str, fits(CompanyContract, "note")] = ""


class FeeItemIn(InputSchema):
    label: Annotated[str, fits(ContractFeeItem, "label")]
    unit: Annotated[str, fits(ContractFeeItem, "unit")]
    unit_price: Annotated[int, Field(ge=0, le=100_000_000)]
    included_count: Annotated[int, Field(ge=0, le=10_000)] = 0


def _contract_out(contract: CompanyContract) -> dict[str, Any]:
    return {
        "id": contract.pk,
        "starts_on": contract.starts_on,
        "ends_on": contract.ends_on,
        "menu": list(contract.menu),
        "note": contract.note,
        "workplace_care_manager_id": contract.workplace_care_manager_id,
        "fee_items": list(contract.fee_items.all()),
    }


@router.get("/companies/{company_id}/contracts", response=list[ContractOut], summary="企業との契約と料金項目")
def list_contracts(request: HttpRequest, company_id: int) -> Any:
    company = access_company_for(actor_of(request), company_id, **CONTRACT)
    return [_contract_out(c) for c in selectors.contracts(company)]


@router.post("/companies/{company_id}/contracts", response={201: ContractOut}, summary="企業との契約の記録")
def create_contract(request: HttpRequest, company_id: int, payload: ContractIn) -> Status[Any]:
    actor = actor_of(request)
    company = access_company_for(actor, company_id, **CONTRACT)
    values = payload.dict()
    values["menu"] = tuple(str(v) for v in values["menu"])
    contract = services.contract_create(actor=actor, company=company, data=ContractInput(**values))
    return Status(201, _contract_out(contract))


@router.post(
    "/companies/{company_id}/contracts/{contract_id}/fees", response={201: FeeItemOut}, summary="料金項目の追加"
)
def create_fee_item(request: HttpRequest, company_id: int, contract_id: int, payload: FeeItemIn) -> Status[Any]:
    actor = actor_of(request)
    company = access_company_for(actor, company_id, **CONTRACT)
    contract = access_company_row(actor, company, CompanyContract.objects.filter(company=company), contract_id)
    return Status(201, services.fee_item_create(actor=actor, contract=contract, data=FeeItemInput(**payload.dict())))


class PolicyPut(PolicyIn):
    updated_at: dt.datetime | None = Field(None, description="読んだときの値（その後に変わっていれば 409）")


@router.put(
    "/companies/{company_id}/policies/{policy_id}",
    response=PolicyOut,
    summary="両立支援制度の最新の版の修正（後の版がある版は変えられません）",
)
def update_policy(request: HttpRequest, company_id: int, policy_id: int, payload: PolicyPut) -> Any:
    actor = actor_of(request)
    company = access_company_for(actor, company_id, office="workcare.edit", hr=True)
    policy = access_company_row(actor, company, CompanyPolicy.objects.filter(company=company), policy_id)
    values = payload.dict()
    expected = values.pop("updated_at", None)
    values["reduced_measures"] = tuple(str(v) for v in values["reduced_measures"])
    values["labor_agreement_excludes"] = tuple(str(v) for v in values["labor_agreement_excludes"])
    return services.policy_update(actor=actor, policy=policy, data=PolicyInput(**values), expected_updated_at=expected)


class NoticeTextOut(Schema):
    id: int
    kind: str
    version: int
    body: str
    includes_ltc_insurance: bool
    approved_on: dt.date | None
    approved_by: str


class NoticeTextIn(InputSchema):
    kind: Annotated[str, fits(NoticeText, "kind")]
    body: Annotated[str, fits(NoticeText, "body")]
    includes_ltc_insurance: Flag = False


class ApproveIn(InputSchema):
    approved_on: Date


@router.get("/companies/{company_id}/notice-texts", response=list[NoticeTextOut], summary="周知文（版ごと）")
def list_notice_texts(request: HttpRequest, company_id: int) -> Any:
    company = access_company_for(actor_of(request), company_id, **DUTIES)
    return list(selectors.notice_texts(company))


@router.post(
    "/companies/{company_id}/notice-texts",
    response={201: NoticeTextOut},
    summary="周知文の新しい版（人事担当者の承認まで下書き）",
)
def create_notice_text(request: HttpRequest, company_id: int, payload: NoticeTextIn) -> Status[Any]:
    actor = actor_of(request)
    company = access_company_for(actor, company_id, **DUTY_EDIT)
    data = input_from(NoticeTextInput, payload.dict())
    return Status(201, services.notice_text_create(actor=actor, company=company, data=data))


@router.post(
    "/companies/{company_id}/notice-texts/{text_id}/approve",
    response=NoticeTextOut,
    summary="周知文の承認（人事担当者。利用をためらわせる表現があれば 422）",
)
def approve_notice_text(request: HttpRequest, company_id: int, text_id: int, payload: ApproveIn) -> Any:
    actor = actor_of(request)
    company = access_company_for(actor, company_id, office=None, hr=True)
    text = access_company_row(actor, company, NoticeText.objects.filter(company=company), text_id)
    return services.notice_text_approve(actor=actor, text=text, approved_on=payload.approved_on)


class EnvironmentOut(Schema):
    id: int
    kind: str
    carried_out_on: dt.date
    evidence: str


class EnvironmentIn(InputSchema):
    kind: Annotated[str, fits(EnvironmentMeasure, "kind")]
    carried_out_on: Date
    evidence: Annotated[str, fits(EnvironmentMeasure, "evidence")] = ""


@router.post(
    "/companies/{company_id}/environment",
    response={201: EnvironmentOut},
    summary="雇用環境の整備の措置の記録（研修・相談窓口など）",
)
def create_environment_measure(request: HttpRequest, company_id: int, payload: EnvironmentIn) -> Status[Any]:
    actor = actor_of(request)
    company = access_company_for(actor, company_id, **DUTY_EDIT)
    data = input_from(EnvironmentMeasureInput, payload.dict())
    return Status(201, services.environment_measure_create(actor=actor, company=company, data=data))
