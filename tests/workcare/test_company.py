"""Companies: profile, contracts, policy versions by effective date, the gap report on the page and
in the API, and the month's invoice from real activity."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.core.exceptions import ValidationError

from carebridge.core.services import api_token_create
from carebridge.workcare import messages, services
from carebridge.workcare.inputs import CompanyProfileInput, ContractInput, PolicyInput
from carebridge.workcare.models import Seminar, ThreePartyMeeting
from carebridge.workcare.selectors import company as selectors

from .factories import CompanyPolicyFactory, ConsultationFactory, EmployeeFactory
from .factories_company import ContractFactory, FeeItemFactory

pytestmark = pytest.mark.django_db
D = dt.date


def test_hr_updates_the_profile_through_the_audited_service(world):
    data = CompanyProfileInput(industry="製造業", employee_count=200, fiscal_year_start_month=1, postal_code="100-0001")
    company = services.company_update(actor=world.hr, company=world.company, data=data)
    company.refresh_from_db()
    assert (company.industry, company.employee_count, company.fiscal_year_start_month) == ("製造業", 200, 1)


def test_another_companys_hr_may_not_update(world):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.company_update(actor=world.hr_b, company=world.company, data=CompanyProfileInput(industry="x"))


def test_the_version_in_force_is_the_latest_effective_on_or_before_the_date(world):
    old = CompanyPolicyFactory(company=world.company, effective_from=D(2025, 4, 1))
    new = CompanyPolicyFactory(company=world.company, effective_from=D(2026, 10, 1))
    assert selectors.policy_in_force(world.company, D(2026, 9, 30)) == old
    assert selectors.policy_in_force(world.company, D(2026, 10, 1)) == new
    assert selectors.policy_in_force(world.company, D(2025, 3, 31)) is None


def test_a_version_with_a_later_one_is_immutable(world):
    old = CompanyPolicyFactory(company=world.company, effective_from=D(2025, 4, 1))
    CompanyPolicyFactory(company=world.company, effective_from=D(2026, 10, 1))
    data = PolicyInput(effective_from=D(2025, 4, 1), care_leave_days=120, reduced_measures=("flextime",))
    with pytest.raises(ValidationError) as caught:
        services.policy_update(actor=world.wcm_a, policy=old, data=data)
    assert caught.value.message_dict["effective_from"] == [messages.POLICY_NOT_LATEST]
    old.refresh_from_db()
    assert old.care_leave_days == 93


def test_a_second_version_on_the_same_day_is_refused(world):
    CompanyPolicyFactory(company=world.company, effective_from=D(2026, 4, 1))
    data = PolicyInput(effective_from=D(2026, 4, 1), reduced_measures=("flextime",))
    with pytest.raises(ValidationError) as caught:
        services.policy_create(actor=world.hr, company=world.company, data=data)
    assert caught.value.message_dict["effective_from"] == [messages.POLICY_DATE_TAKEN]


def test_the_office_admin_reads_but_does_not_write_the_policy(world):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.policy_create(
            actor=world.admin_a, company=world.company, data=PolicyInput(effective_from=D(2026, 4, 1))
        )


def test_overlapping_contracts_are_refused(world):
    ContractFactory(company=world.company, starts_on=D(2025, 4, 1), ends_on=D(2026, 3, 31))
    with pytest.raises(ValidationError) as caught:
        services.contract_create(
            actor=world.admin_a, company=world.company, data=ContractInput(starts_on=D(2026, 3, 1))
        )
    assert caught.value.message_dict["starts_on"] == [messages.CONTRACT_OVERLAP]
    after = services.contract_create(
        actor=world.admin_a, company=world.company, data=ContractInput(starts_on=D(2026, 4, 1))
    )
    assert after.pk


def test_the_gap_report_on_the_page_and_in_the_api(world, client):
    # 介護休暇 without hourly use (第16条の5第2項) and an under-1-year exclusion (第16条の6第2項).
    CompanyPolicyFactory(
        company=world.company,
        effective_from=D(2025, 4, 1),
        care_days_off_hourly=False,
        labor_agreement_excludes=["under_1_year"],
    )
    client.force_login(world.hr)
    body = client.get(f"/workcare/companies/{world.company.pk}/").content.decode()
    assert "第16条の5第2項" in body
    assert "第16条の6第2項" in body
    token = api_token_create(actor=None, user=world.wcm_a)
    found = json.loads(
        client.get(f"/api/v1/workcare/companies/{world.company.pk}/gaps", HTTP_AUTHORIZATION=f"Bearer {token}").content
    )
    codes = {f["code"]: f["article"] for f in found}
    assert codes["care_days_off_hourly"] == "育児・介護休業法 第16条の5第2項"
    assert codes["exclusion_care_days_off_under_1_year"] == "育児・介護休業法 第16条の6第2項"
    assert codes["environment_none"] == "育児・介護休業法 第22条第2項"


def _activity(world):
    employee = EmployeeFactory(company=world.company)
    for held in (D(2026, 11, 2), D(2026, 11, 9), D(2026, 11, 30), D(2026, 12, 1)):
        ConsultationFactory(employee=employee, held_on=held)
    ConsultationFactory(employee=employee, held_on=None)  # requested, not held: not billed
    other = EmployeeFactory(company=world.company_b)
    ConsultationFactory(employee=other, held_on=D(2026, 11, 5))  # another company
    ThreePartyMeeting.objects.create(office=world.office_a, employee=employee, kind="initial", held_on=D(2026, 11, 20))
    Seminar.objects.create(
        office=world.office_a, company=world.company, topic="介護保険の基礎", held_on=D(2026, 11, 25)
    )


def test_the_invoice_of_a_month_by_hand(world):
    contract = ContractFactory(company=world.company, starts_on=D(2025, 4, 1))
    FeeItemFactory(contract=contract, label="相談窓口 月額", unit="month", unit_price=50000)
    FeeItemFactory(contract=contract, label="個別相談", unit="consultation", unit_price=8000, included_count=2)
    FeeItemFactory(contract=contract, label="三者面談", unit="meeting", unit_price=12000)
    FeeItemFactory(contract=contract, label="セミナー", unit="seminar", unit_price=100000)
    _activity(world)
    bill = selectors.invoice(world.company, D(2026, 11, 1))
    # November: 3 consultations held (11/2, 11/9, 11/30) − 2 included = 1 × 8,000; 1 meeting; 1 seminar.
    assert bill.activity == {"consultation": 3, "meeting": 1, "seminar": 1, "survey": 0}
    assert [(line.label, line.quantity, line.amount) for line in bill.lines] == [
        ("相談窓口 月額", 1, 50000),
        ("個別相談", 1, 8000),
        ("三者面談", 1, 12000),
        ("セミナー", 1, 100000),
    ]
    assert bill.total == 170000


def test_no_contract_in_force_no_lines(world, client):
    ContractFactory(company=world.company, starts_on=D(2025, 4, 1), ends_on=D(2026, 3, 31))
    bill = selectors.invoice(world.company, D(2026, 11, 1))
    assert bill.contract is None and bill.lines == [] and bill.total == 0
    client.force_login(world.hr)
    body = client.get(f"/workcare/companies/{world.company.pk}/invoice/?month=2026-11").content.decode()
    assert "有効な契約はありません" in body


def test_the_invoice_page_and_api(world, client):
    contract = ContractFactory(company=world.company, starts_on=D(2025, 4, 1))
    FeeItemFactory(contract=contract, label="相談窓口 月額", unit="month", unit_price=50000)
    client.force_login(world.admin_a)
    body = client.get(f"/workcare/companies/{world.company.pk}/invoice/?month=2026-11").content.decode()
    assert "50000円" in body
    token = api_token_create(actor=None, user=world.hr)
    answer = json.loads(
        client.get(
            f"/api/v1/workcare/companies/{world.company.pk}/invoice?month=2026-11",
            HTTP_AUTHORIZATION=f"Bearer {token}",
        ).content
    )
    assert answer["total"] == 50000 and answer["month"] == "2026-11"


def test_every_page_renders_with_records(world, client):
    from carebridge.workcare.models import EarlyInformation

    from .factories_company import (
        MeasureFactory,
        NoticeFactory,
        NoticeTextFactory,
        in_window_employee,
        this_fiscal_year,
    )

    contract = ContractFactory(company=world.company, starts_on=D(2025, 4, 1))
    FeeItemFactory(contract=contract, label="相談窓口 月額", unit="month", unit_price=50000)
    CompanyPolicyFactory(company=world.company, effective_from=D(2025, 4, 1), reduced_measures=["short_hours"])
    MeasureFactory(company=world.company)
    NoticeTextFactory(company=world.company, kind="individual", body="制度のご案内（個別）")
    NoticeTextFactory(company=world.company, kind="early", body="制度のご案内（40歳）", approved_on=D(2025, 4, 1))
    notice = NoticeFactory(employee=EmployeeFactory(company=world.company, name="申出 太郎"))
    in_window_employee(world.company, name="四十 未子")
    given = in_window_employee(world.company, name="四十 済子", employee_number="G0001")
    EarlyInformation.objects.create(
        office=world.office_a, employee=given, fiscal_year=this_fiscal_year(), method="email", provided_on=D(2026, 5, 1)
    )
    pk = world.company.pk
    pages = {
        f"/workcare/companies/{pk}/": ["相談窓口 月額", "適用中"],
        f"/workcare/companies/{pk}/checklist/": ["四十 未子", "相談窓口の設置"],
        f"/workcare/companies/{pk}/notices/": ["申出 太郎"],
        f"/workcare/companies/{pk}/notices/{notice.pk}/": ["申出 太郎"],
        f"/workcare/companies/{pk}/notice-texts/": ["制度のご案内（個別）", "未承認", "承認済み"],
        f"/workcare/companies/{pk}/early-information/": ["四十 未子", "四十 済子"],
        f"/workcare/companies/{pk}/environment/new/": ["雇用環境の整備"],
        f"/workcare/companies/{pk}/policies/new/": ["両立支援制度"],
        f"/workcare/companies/{pk}/invoice/": ["請求明細"],
    }
    for user in (world.wcm_a, world.hr):
        client.force_login(user)
        for url, texts in pages.items():
            response = client.get(url)
            assert response.status_code == 200, url
            body = response.content.decode()
            for text in texts:
                if text == "相談窓口 月額" and user == world.hr:
                    assert text not in body  # contracts are the office side only
                    continue
                assert text in body, (url, text)


def test_a_stale_profile_edit_is_refused(world, client):
    client.force_login(world.hr)
    url = f"/workcare/companies/{world.company.pk}/edit/"
    form = client.get(url).context["form"]
    stamp = form.initial["updated_at"]
    services.company_update(actor=world.admin_a, company=world.company, data=CompanyProfileInput(industry="小売業"))
    response = client.post(url, {"industry": "製造業", "fiscal_year_start_month": "4", "fiscal_year_start_day": "1",
                                 "updated_at": stamp})  # fmt: skip
    assert response.status_code == 200  # the form again, with the stale-write error
    world.company.refresh_from_db()
    assert world.company.industry == "小売業"


def test_the_company_pages_on_the_demo_data(db, client):
    """The demo company (200 employees, one gap: 介護休業 in 1 period, 第11条第2項) through every
    company page, for its workplace care manager and its HR."""
    from django.utils import timezone

    from carebridge.core.models import Company, User
    from carebridge.desk.demo import load_demo

    load_demo(today=timezone.localdate(), quiet=True)
    company = Company.objects.get(name="さくら製作所")
    for username in ("wcm_a1", "hr_sakura"):
        client.force_login(User.objects.get(username=username))
        detail = client.get(f"/workcare/companies/{company.pk}/").content.decode()
        assert "第11条第2項" in detail, username
        for tail in ("checklist/", "notices/", "early-information/", "notice-texts/", "invoice/"):
            assert client.get(f"/workcare/companies/{company.pk}/{tail}").status_code == 200, (username, tail)
