"""Audit recipes of the company area's services (tests/test_audit_every_service.py): how each one
succeeds, and how it is refused with a ValidationError (writing no event)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from carebridge.workcare import services
from carebridge.workcare.inputs import (
    CompanyProfileInput,
    ContractInput,
    EarlyBulkInput,
    EnvironmentMeasureInput,
    FeeItemInput,
    NoticeRecordInput,
    NoticeReportInput,
    NoticeTextInput,
    PolicyInput,
)

from ..audit_recipe import Recipe
from ..permission_matrix import Objs
from .factories import CompanyPolicyFactory, EmployeeFactory
from .factories_company import ContractFactory, NoticeFactory, NoticeTextFactory, in_window_employee, this_fiscal_year

D = dt.date
Call = Callable[[], object]


def _profile(o: Objs, postal: str) -> Call:
    w = o.world
    return lambda: services.company_update(
        actor=w.hr, company=w.company, data=CompanyProfileInput(industry="製造業", postal_code=postal)
    )


def _contract(o: Objs, overlap: bool) -> Call:
    w = o.world
    if overlap:
        ContractFactory(company=w.company, starts_on=D(2025, 4, 1))
    return lambda: services.contract_create(
        actor=w.admin_a, company=w.company, data=ContractInput(starts_on=D(2026, 4, 1), menu=("consultation",))
    )


def _fee(o: Objs, price: int) -> Call:
    w = o.world
    contract = ContractFactory(company=w.company)
    return lambda: services.fee_item_create(
        actor=w.wcm_a, contract=contract, data=FeeItemInput(label="月額", unit="month", unit_price=price)
    )


def _policy(o: Objs, taken: bool) -> Call:
    w = o.world
    if taken:
        CompanyPolicyFactory(company=w.company, effective_from=D(2026, 4, 1))
    return lambda: services.policy_create(
        actor=w.wcm_a, company=w.company, data=PolicyInput(effective_from=D(2026, 4, 1), reduced_measures=("flextime",))
    )


def _policy_update(o: Objs, later: bool) -> Call:
    w = o.world
    policy = CompanyPolicyFactory(company=w.company, effective_from=D(2025, 4, 1))
    if later:
        CompanyPolicyFactory(company=w.company, effective_from=D(2026, 4, 1))
    data = PolicyInput(effective_from=D(2025, 4, 1), reduced_measures=("flextime",), telework=True)
    return lambda: services.policy_update(actor=w.hr, policy=policy, data=data)


def _text(o: Objs, body: str) -> Call:
    w = o.world
    return lambda: services.notice_text_create(
        actor=w.hr, company=w.company, data=NoticeTextInput(kind="individual", body=body)
    )


def _approve(o: Objs, body: str) -> Call:
    w = o.world
    text = NoticeTextFactory(company=w.company, body=body)
    return lambda: services.notice_text_approve(actor=w.hr, text=text, approved_on=D(2026, 11, 1))


def _report(o: Objs, active: bool) -> Call:
    w = o.world
    employee = EmployeeFactory(company=w.company, is_active=active)
    return lambda: services.individual_notice_create(
        actor=w.wcm_a, employee=employee, data=NoticeReportInput(reported_on=D(2026, 11, 2))
    )


def _record(o: Objs, wished: bool) -> Call:
    w = o.world
    notice = NoticeFactory(employee=EmployeeFactory(company=w.company), reported_on=D(2026, 11, 2))
    data = NoticeRecordInput(
        item_systems=True,
        item_contact=True,
        item_benefit=True,
        method="email",
        employee_wished_method=wished,
        given_on=D(2026, 11, 5),
        intention="will_use",
    )
    return lambda: services.individual_notice_record(actor=w.hr, notice=notice, data=data)


def _early(o: Objs, email: str) -> Call:
    w = o.world
    in_window_employee(w.company, email=email)
    data = EarlyBulkInput(fiscal_year=this_fiscal_year(), method="email", provided_on=D(2026, 11, 1))
    return lambda: services.early_information_provide(actor=w.hr, company=w.company, data=data)


def _measure(o: Objs, kind: str) -> Call:
    w = o.world
    return lambda: services.environment_measure_create(
        actor=w.hr, company=w.company, data=EnvironmentMeasureInput(kind=kind, carried_out_on=D(2026, 5, 1))
    )


RECIPES = {
    "company_update": Recipe(lambda o: _profile(o, "100-0001"), lambda o: _profile(o, "1-2")),
    "contract_create": Recipe(lambda o: _contract(o, False), lambda o: _contract(o, True)),
    "fee_item_create": Recipe(lambda o: _fee(o, 50000), lambda o: _fee(o, -1)),
    "policy_create": Recipe(lambda o: _policy(o, False), lambda o: _policy(o, True)),
    "policy_update": Recipe(lambda o: _policy_update(o, False), lambda o: _policy_update(o, True)),
    "notice_text_create": Recipe(lambda o: _text(o, "介護休業の制度があります。"), lambda o: _text(o, "")),
    "notice_text_approve": Recipe(
        lambda o: _approve(o, "介護休業の制度があります。"), lambda o: _approve(o, "繁忙期の取得は控えてください。")
    ),
    "individual_notice_create": Recipe(lambda o: _report(o, True), lambda o: _report(o, False)),
    "individual_notice_record": Recipe(lambda o: _record(o, True), lambda o: _record(o, False)),
    "early_information_provide": Recipe(lambda o: _early(o, "a@example.com"), lambda o: _early(o, "")),
    "environment_measure_create": Recipe(lambda o: _measure(o, "window"), lambda o: _measure(o, "party")),
}
