"""Permission matrix of the company pages and API (tests/permission_matrix.py). HR of another
company (もみじ商事) gets 404 on さくら製作所's pages; an employee 403 or 404; the office's
管理者 sees the contract side but not the duties' registers (403)."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django.utils import timezone

from carebridge.core.models import User
from carebridge.workcare.models import (
    CompanyContract,
    CompanyPolicy,
    ContractFeeItem,
    EarlyInformation,
    EnvironmentMeasure,
    IndividualNotice,
    NoticeText,
)

from ..permission_matrix import Case, Objs, _ids, changed, matrix
from .factories import CompanyPolicyFactory, EmployeeFactory
from .factories_company import ContractFactory, NoticeFactory, NoticeTextFactory, in_window_employee, this_fiscal_year

TODAY = timezone.localdate()


def landed_a(model: Any) -> Any:
    """A new `model` row in office A (company users have no office of their own)."""

    def check(o: Objs, actor: User, before: dict[str, Any]) -> None:
        rows = model._default_manager.exclude(pk__in=_ids(before, model))
        assert rows.exists(), f"no new {model.__name__}"
        assert not rows.exclude(office=o.world.office_a).exists(), "a row landed outside office A"

    check.__name__ = f"landed_a({model.__name__})"
    return check


def once(o: Objs, key: str, make: Any) -> Any:
    """A record a case reaches, made on first use only."""
    if key not in o.__dict__:
        o.__dict__[key] = make()
    return o.__dict__[key]


def co(o: Objs) -> int:
    o.__dict__.setdefault("company", o.world.company)
    return o.world.company.pk


def base(o: Objs) -> str:
    return f"/workcare/companies/{co(o)}"


def api(o: Objs) -> str:
    return f"/api/v1/workcare/companies/{co(o)}"


def emp(o: Objs) -> Any:
    return once(o, "emp", lambda: EmployeeFactory(company=o.world.company, name="周知 一郎"))


def contract(o: Objs) -> Any:
    return once(o, "contract", lambda: ContractFactory(company=o.world.company))


def notice(o: Objs) -> Any:
    return once(o, "notice", lambda: NoticeFactory(employee=emp(o)))


def text(o: Objs) -> Any:
    return once(o, "text", lambda: NoticeTextFactory(company=o.world.company))


def policy(o: Objs) -> Any:
    if "policy" not in o.__dict__:  # one version per day: the fuzzer calls this again in the same test
        found = CompanyPolicy.objects.filter(company=o.world.company, effective_from=dt.date(2025, 4, 1)).first()
        o.__dict__["policy"] = found or CompanyPolicyFactory(
            company=o.world.company, effective_from=dt.date(2025, 4, 1)
        )
    return o.__dict__["policy"]


def window_emp(o: Objs) -> Any:
    return once(o, "window_emp", lambda: in_window_employee(o.world.company, name="四十 花子"))


PROFILE = {
    "industry": "製造業",
    "employee_count": "200",
    "fiscal_year_start_month": "4",
    "fiscal_year_start_day": "1",
    "postal_code": "100-0001",
    "address": "東京都千代田区",
}
POLICY_FORM = {
    "effective_from": "2026-10-01",
    "care_leave_days": "93",
    "care_leave_periods": "3",
    "care_days_off_one": "5",
    "care_days_off_two": "10",
    "care_days_off_hourly": "on",
    "reduced_measures": ["short_hours"],
    "reduced_measure_uses": "2",
    "reduced_measure_years": "3",
    "overtime_exemption": "on",
    "overtime_limit": "on",
    "night_work_limit": "on",
    "early_info_timing": "fiscal_year_of_40",
    "notice_due_days": "14",
}
RECORD = {
    "item_systems": "on",
    "item_contact": "on",
    "item_benefit": "on",
    "method": "meeting",
    "given_on": TODAY.isoformat(),
    "intention": "considering",
}


def _record(o: Objs) -> dict[str, Any]:
    notice(o)
    return RECORD


CASES = [
    # -- pages -------------------------------------------------------------------------------------
    Case("company list (workplace care manager)", "get", lambda o: "/workcare/companies/", "workcare:company_list",
         "wcm_a", "clerk_a", 403, 200, other_office=403),
    Case("company list (HR: own company only)", "get", lambda o: "/workcare/companies/", "workcare:company_list",
         "hr", "employee", 403, 200, other_office=200),
    Case("company detail (HR)", "get", lambda o: f"{base(o)}/", "workcare:company_detail", "hr", "hr_b", 404, 200),
    Case("company detail (admin)", "get", lambda o: f"{base(o)}/", "workcare:company_detail",
         "admin_a", "employee", 404, 200),
    Case("company edit form", "get", lambda o: f"{base(o)}/edit/", "workcare:company_edit",
         "admin_a", "cm_a", 404, 200),
    Case("company edit (HR)", "post", lambda o: f"{base(o)}/edit/", "workcare:company_edit", "hr", "hr_b", 404, 302,
         data=PROFILE, post=changed("company", "industry", "製造業")),
    Case("contract form", "get", lambda o: f"{base(o)}/contracts/new/", "workcare:contract_create",
         "admin_a", "hr", 403, 200),
    Case("contract create", "post", lambda o: f"{base(o)}/contracts/new/", "workcare:contract_create",
         "admin_a", "hr", 403, 302, data={"starts_on": "2026-04-01", "menu": ["consultation"]},
         post=landed_a(CompanyContract)),
    Case("fee item form", "get", lambda o: f"{base(o)}/contracts/{contract(o).pk}/fees/new/",
         "workcare:fee_item_create", "wcm_a", "hr", 403, 200),
    Case("fee item create", "post", lambda o: f"{base(o)}/contracts/{contract(o).pk}/fees/new/",
         "workcare:fee_item_create", "admin_a", "hr", 403, 302,
         data={"label": "個別相談", "unit": "consultation", "unit_price": "8000", "included_count": "3"},
         post=landed_a(ContractFeeItem)),
    Case("policy form", "get", lambda o: f"{base(o)}/policies/new/", "workcare:policy_create",
         "hr", "admin_a", 403, 200),
    Case("policy create (workplace care manager)", "post", lambda o: f"{base(o)}/policies/new/",
         "workcare:policy_create", "wcm_a", "admin_a", 403, 302, data=POLICY_FORM, post=landed_a(CompanyPolicy)),
    Case("policy create (HR)", "post", lambda o: f"{base(o)}/policies/new/",
         "workcare:policy_create", "hr", "hr_b", 404, 302, data=POLICY_FORM, post=landed_a(CompanyPolicy)),
    Case("policy edit form", "get", lambda o: f"{base(o)}/policies/{policy(o).pk}/edit/", "workcare:policy_edit",
         "wcm_a", "admin_a", 403, 200),
    Case("policy edit (HR)", "post", lambda o: f"{base(o)}/policies/{policy(o).pk}/edit/", "workcare:policy_edit",
         "hr", "hr_b", 404, 302, data={**POLICY_FORM, "effective_from": "2025-04-01", "telework": "on"},
         post=changed("policy", "telework", True)),
    Case("checklist (HR)", "get", lambda o: f"{base(o)}/checklist/", "workcare:company_checklist", "hr", "hr_b", 404,
         200, lists_clients=True),
    Case("checklist (workplace care manager)", "get", lambda o: f"{base(o)}/checklist/", "workcare:company_checklist",
         "wcm_a", "admin_a", 403, 200, lists_clients=True),
    Case("notice register", "get", lambda o: f"{base(o)}/notices/", "workcare:notice_register", "hr", "employee", 404,
         200, lists_clients=True),
    Case("notice report", "post", lambda o: f"{base(o)}/notices/", "workcare:notice_register", "wcm_a", "manager",
         404, 302, data=lambda o: {"employee": str(emp(o).pk), "reported_on": TODAY.isoformat()},
         post=landed_a(IndividualNotice)),
    Case("notice record page", "get", lambda o: f"{base(o)}/notices/{notice(o).pk}/", "workcare:notice_record",
         "wcm_a", "hr_b", 404, 200, reads_client=True),
    Case("notice record", "post", lambda o: f"{base(o)}/notices/{notice(o).pk}/", "workcare:notice_record",
         "hr", "admin_a", 403, 302, data=_record, post=changed("notice", "given_on", TODAY)),
    Case("notice texts", "get", lambda o: f"{base(o)}/notice-texts/", "workcare:notice_texts", "hr", "cm_a", 404, 200),
    Case("notice text create", "post", lambda o: f"{base(o)}/notice-texts/", "workcare:notice_texts", "wcm_a",
         "admin_a", 403, 302, data={"kind": "individual", "body": "介護休業の制度があります。"},
         post=landed_a(NoticeText)),
    Case("notice text approve (HR only)", "post", lambda o: f"{base(o)}/notice-texts/{text(o).pk}/approve/",
         "workcare:notice_text_approve", "hr", "wcm_a", 403, 302, data={"approved_on": TODAY.isoformat()},
         post=changed("text", "approved_on", TODAY)),
    Case("40-year register", "get", lambda o: f"{base(o)}/early-information/", "workcare:early_info_register",
         "wcm_a", "hr_b", 404, 200, lists_clients=True),
    Case("40-year bulk provision", "post",
         lambda o: (window_emp(o), f"{base(o)}/early-information/?year={this_fiscal_year()}")[1],
         "workcare:early_info_register", "hr", "manager", 404, 302,
         data={"method": "email", "provided_on": TODAY.isoformat(), "includes_ltc_insurance": "on"},
         post=landed_a(EarlyInformation)),
    Case("environment form", "get", lambda o: f"{base(o)}/environment/new/", "workcare:environment_create", "hr",
         "admin_a", 403, 200),
    Case("environment create", "post", lambda o: f"{base(o)}/environment/new/", "workcare:environment_create",
         "wcm_a", "hr_b", 404, 302, data={"kind": "training", "carried_out_on": "2026-05-01", "evidence": "管理職研修"},
         post=landed_a(EnvironmentMeasure)),
    Case("invoice (office)", "get", lambda o: f"{base(o)}/invoice/?month=2026-11", "workcare:company_invoice",
         "admin_a", "cm_a", 404, 200),
    Case("invoice (HR)", "get", lambda o: f"{base(o)}/invoice/", "workcare:company_invoice",
         "hr", "employee", 404, 200),
    # -- API ---------------------------------------------------------------------------------------
    Case("API company", "get", lambda o: api(o), "GET /api/v1/workcare/companies/{company_id}", "hr", "hr_b", 404, 200),
    Case("API policies", "get", lambda o: f"{api(o)}/policies", "GET /api/v1/workcare/companies/{company_id}/policies",
         "admin_a", "cm_a", 404, 200),
    Case("API policy create", "post", lambda o: f"{api(o)}/policies",
         "POST /api/v1/workcare/companies/{company_id}/policies", "hr", "admin_a", 403, 201,
         data={"effective_from": "2026-10-01", "reduced_measures": ["flextime"]}, post=landed_a(CompanyPolicy)),
    Case("API gaps", "get", lambda o: f"{api(o)}/gaps", "GET /api/v1/workcare/companies/{company_id}/gaps",
         "wcm_a", "employee", 404, 200),
    Case("API checklist", "get", lambda o: f"{api(o)}/checklist",
         "GET /api/v1/workcare/companies/{company_id}/checklist", "hr", "admin_a", 403, 200),
    Case("API notice report", "post", lambda o: f"{api(o)}/notices",
         "POST /api/v1/workcare/companies/{company_id}/notices", "wcm_a", "manager", 404, 201,
         data=lambda o: {"employee_id": emp(o).pk, "reported_on": TODAY.isoformat()}, post=landed_a(IndividualNotice)),
    Case("API notice", "get", lambda o: f"{api(o)}/notices/{notice(o).pk}",
         "GET /api/v1/workcare/companies/{company_id}/notices/{notice_id}", "hr", "hr_b", 404, 200, reads_client=True),
    Case("API notice record", "post", lambda o: f"{api(o)}/notices/{notice(o).pk}/record",
         "POST /api/v1/workcare/companies/{company_id}/notices/{notice_id}/record", "hr", "admin_a", 403, 200,
         data={"item_systems": True, "item_contact": True, "item_benefit": True, "method": "meeting",
               "given_on": TODAY.isoformat(), "intention": "will_use"},
         post=changed("notice", "intention", "will_use")),
    Case("API 40-year bulk", "post", lambda o: f"{api(o)}/early-information",
         "POST /api/v1/workcare/companies/{company_id}/early-information", "hr", "admin_a", 403, 201,
         data=lambda o: {"fiscal_year": this_fiscal_year(), "method": "document", "provided_on": TODAY.isoformat(),
                         "employee_ids": [window_emp(o).pk]},
         post=landed_a(EarlyInformation)),
    Case("API invoice", "get", lambda o: f"{api(o)}/invoice?month=2026-11",
         "GET /api/v1/workcare/companies/{company_id}/invoice", "admin_a", "employee", 404, 200),
]  # fmt: skip

test_anonymous, test_other_office, test_without_role, test_with_role = matrix(CASES)


def test_hr_of_another_company_gets_404_everywhere(world, client):
    """もみじ商事's HR reaches none of さくら製作所's pages (404, so ids leak nothing)."""
    client.force_login(world.hr_b)
    company = world.company.pk
    for url in (
        f"/workcare/companies/{company}/",
        f"/workcare/companies/{company}/checklist/",
        f"/workcare/companies/{company}/notices/",
        f"/workcare/companies/{company}/early-information/",
        f"/workcare/companies/{company}/invoice/",
        f"/workcare/companies/{company}/notice-texts/",
    ):
        assert client.get(url).status_code == 404, url


def test_the_company_list_of_hr_shows_only_their_company(world, client):
    client.force_login(world.hr)
    body = client.get("/workcare/companies/").content.decode()
    assert "さくら製作所" in body
    assert "もみじ商事" not in body


def test_bad_ids_and_months_never_500(world, client):
    client.force_login(world.wcm_a)
    company = world.company.pk
    for url in (
        "/workcare/companies/99999999999999999999/",
        f"/workcare/companies/{company}/notices/99999999/",
        f"/workcare/companies/{company}/invoice/?month=2026-13",
        f"/workcare/companies/{company}/invoice/?month=%00",
        f"/workcare/companies/{company}/early-information/?year=abc",
        f"/workcare/companies/{company}/early-information/?year=99999",
    ):
        assert client.get(url).status_code in (200, 400, 404), url
    response = client.get(f"/api/v1/workcare/companies/{company}/invoice?month=2026-13", HTTP_AUTHORIZATION="")
    assert response.status_code in (401, 422)


def test_api_invoice_month_is_validated(world, client):
    from carebridge.core.services import api_token_create

    token = api_token_create(actor=None, user=world.admin_a)
    response = client.get(
        f"/api/v1/workcare/companies/{world.company.pk}/invoice?month=2026-13", HTTP_AUTHORIZATION=f"Bearer {token}"
    )
    assert response.status_code == 422
    assert json.loads(response.content)  # a field error, not a crash
