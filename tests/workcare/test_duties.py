"""The employer's 2025 duties (育児・介護休業法, in force 2025-04-01): 個別周知・意向確認 (第21条第2項),
40歳時等の情報提供 (第21条第3項), 雇用環境の整備 (第22条第2項), and the compliance checklist."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from carebridge.workcare import messages, services
from carebridge.workcare.inputs import EarlyBulkInput, NoticeRecordInput, NoticeReportInput
from carebridge.workcare.models import EarlyInformation, IndividualNotice
from carebridge.workcare.selectors import company as selectors

from .factories import CompanyPolicyFactory, EmployeeFactory
from .factories_company import (
    MeasureFactory,
    NoticeFactory,
    NoticeTextFactory,
    birth_in_window,
    in_window_employee,
    this_fiscal_year,
)

pytestmark = pytest.mark.django_db
D = dt.date
TODAY = timezone.localdate()


def full(**extra):
    values = {
        "item_systems": True,
        "item_contact": True,
        "item_benefit": True,
        "method": "meeting",
        "given_on": D(2026, 11, 5),
        "intention": "will_use",
        **extra,
    }
    return NoticeRecordInput(**values)


# -- 個別周知・意向確認 (第21条第2項) ----------------------------------------------------------------------


def test_a_report_is_due_14_days_later_without_a_policy(world):
    employee = EmployeeFactory(company=world.company)
    notice = services.individual_notice_create(
        actor=world.hr, employee=employee, data=NoticeReportInput(reported_on=D(2026, 11, 2))
    )
    assert notice.due_on == D(2026, 11, 16)  # 11/2 + 14 days (the law says 速やかに; the company's number)


def test_the_due_days_come_from_the_policy_in_force_on_the_report(world):
    CompanyPolicyFactory(company=world.company, effective_from=D(2025, 4, 1), notice_due_days=7)
    CompanyPolicyFactory(company=world.company, effective_from=D(2026, 12, 1), notice_due_days=30)
    employee = EmployeeFactory(company=world.company)
    notice = services.individual_notice_create(
        actor=world.wcm_a, employee=employee, data=NoticeReportInput(reported_on=D(2026, 11, 30))
    )
    assert notice.due_on == D(2026, 12, 7)  # the 2025-04-01 version (7 days) is in force on 11/30


@pytest.mark.parametrize("method", ["fax", "email"])
def test_fax_and_email_only_at_the_employees_wish(world, method):
    # 則第69条の3 (verify): FAX and e-mail only when the employee wishes.
    notice = NoticeFactory(employee=EmployeeFactory(company=world.company), reported_on=D(2026, 11, 2))
    with pytest.raises(ValidationError) as caught:
        services.individual_notice_record(actor=world.hr, notice=notice, data=full(method=method))
    assert caught.value.message_dict["method"] == [messages.NOTICE_METHOD_WISH]
    assert "第69条の3" in messages.NOTICE_METHOD_WISH
    saved = services.individual_notice_record(
        actor=world.hr, notice=notice, data=full(method=method, employee_wished_method=True)
    )
    assert saved.is_done


@pytest.mark.parametrize("method", ["meeting", "document"])
def test_meeting_and_document_need_no_wish(world, method):
    notice = NoticeFactory(employee=EmployeeFactory(company=world.company), reported_on=D(2026, 11, 2))
    assert services.individual_notice_record(actor=world.wcm_a, notice=notice, data=full(method=method)).is_done


def test_a_given_notice_needs_all_three_items(world):
    notice = NoticeFactory(employee=EmployeeFactory(company=world.company), reported_on=D(2026, 11, 2))
    with pytest.raises(ValidationError) as caught:
        services.individual_notice_record(actor=world.hr, notice=notice, data=full(item_benefit=False))
    assert caught.value.message_dict["item_systems"] == [messages.NOTICE_ITEMS_REQUIRED]


def test_a_completed_notice_is_kept_as_it_is(world):
    notice = NoticeFactory(employee=EmployeeFactory(company=world.company), reported_on=D(2026, 11, 2))
    services.individual_notice_record(actor=world.hr, notice=notice, data=full())
    with pytest.raises(ValidationError) as caught:
        services.individual_notice_record(actor=world.hr, notice=notice, data=full(intention="not_now"))
    assert caught.value.message_dict["given_on"] == [messages.NOTICE_DONE]


def test_the_notice_text_must_be_an_approved_individual_text(world):
    notice = NoticeFactory(employee=EmployeeFactory(company=world.company), reported_on=D(2026, 11, 2))
    draft = NoticeTextFactory(company=world.company)
    with pytest.raises(ValidationError) as caught:
        services.individual_notice_record(actor=world.hr, notice=notice, data=full(notice_text=draft))
    assert caught.value.message_dict["notice_text"] == [messages.NOTICE_TEXT_NOT_APPROVED]
    other = NoticeTextFactory(company=world.company_b, approved_on=D(2026, 1, 1))
    with pytest.raises(ValidationError):
        services.individual_notice_record(actor=world.hr, notice=notice, data=full(notice_text=other))
    approved = NoticeTextFactory(company=world.company, approved_on=D(2026, 1, 1))
    saved = services.individual_notice_record(actor=world.hr, notice=notice, data=full(notice_text=approved))
    assert saved.notice_text == approved


def test_a_discouraging_text_cannot_be_approved(world):
    # 第21条第2項 and the 指針: nothing in the notice may discourage using the systems.
    text = NoticeTextFactory(company=world.company, body="介護休業は取得できますが、なるべく遠慮してください。")
    with pytest.raises(ValidationError) as caught:
        services.notice_text_approve(actor=world.hr, text=text, approved_on=D(2026, 11, 1))
    assert caught.value.message_dict["body"] == [messages.NOTICE_TEXT_DISCOURAGING.format(words="遠慮")]
    text.refresh_from_db()
    assert text.approved_on is None


def test_only_hr_approves_a_text(world):
    from django.core.exceptions import PermissionDenied

    text = NoticeTextFactory(company=world.company)
    with pytest.raises(PermissionDenied):
        services.notice_text_approve(actor=world.wcm_a, text=text, approved_on=D(2026, 11, 1))
    approved = services.notice_text_approve(actor=world.hr, text=text, approved_on=D(2026, 11, 1))
    assert approved.approved_by


def test_text_versions_count_per_kind(world):
    from carebridge.workcare.inputs import NoticeTextInput

    first = services.notice_text_create(
        actor=world.hr, company=world.company, data=NoticeTextInput(kind="individual", body="第1版")
    )
    second = services.notice_text_create(
        actor=world.wcm_a, company=world.company, data=NoticeTextInput(kind="individual", body="第2版")
    )
    early = services.notice_text_create(
        actor=world.hr, company=world.company, data=NoticeTextInput(kind="early", body="40歳")
    )
    assert (first.version, second.version, early.version) == (1, 2, 1)


# -- 40歳時等の情報提供 (第21条第3項) ------------------------------------------------------------------------


def test_the_employees_whose_window_starts_in_the_year(world):
    year = this_fiscal_year()
    inside = EmployeeFactory(company=world.company, birth_date=birth_in_window(year))
    # born on 4/1 forty years before the fiscal year's end: reaches 40 on 3/31 of the fiscal year → inside
    april_first = EmployeeFactory(company=world.company, birth_date=D(year - 39, 4, 1))
    # born on 4/2 of the same year: reaches 40 on 4/1 of the next fiscal year → outside
    april_second = EmployeeFactory(company=world.company, birth_date=D(year - 39, 4, 2))
    EmployeeFactory(company=world.company_b, birth_date=birth_in_window(year))  # another company
    due = {row.employee.pk for row in selectors.early_info_due(world.company, year)}
    assert due == {inside.pk, april_first.pk}
    assert april_second.pk not in due


def test_bulk_provision_makes_one_record_per_employee(world):
    year = this_fiscal_year()
    a = in_window_employee(world.company)
    b = in_window_employee(world.company, birth_date=birth_in_window(year, day=20))
    rows = services.early_information_provide(
        actor=world.hr,
        company=world.company,
        data=EarlyBulkInput(fiscal_year=year, method="email", provided_on=TODAY),
    )
    assert sorted(r.employee_id for r in rows) == sorted([a.pk, b.pk])
    assert all(r.includes_ltc_insurance for r in rows)  # 介護保険 basics by default
    assert EarlyInformation.objects.filter(fiscal_year=year).count() == 2


def test_bulk_provision_is_all_or_nothing(world):
    year = this_fiscal_year()
    in_window_employee(world.company)
    without = in_window_employee(world.company, email="", employee_number="X0001")
    data = EarlyBulkInput(fiscal_year=year, method="email", provided_on=TODAY)
    with pytest.raises(ValidationError) as caught:
        services.early_information_provide(actor=world.hr, company=world.company, data=data)
    assert caught.value.message_dict["method"] == [messages.EARLY_NO_EMAIL.format(numbers=without.employee_number)]
    assert EarlyInformation.objects.count() == 0  # nobody got a record
    # by document it works for both
    rows = services.early_information_provide(
        actor=world.hr,
        company=world.company,
        data=EarlyBulkInput(fiscal_year=year, method="document", provided_on=TODAY),
    )
    assert len(rows) == 2


def test_bulk_provision_refuses_someone_outside_the_window(world):
    year = this_fiscal_year()
    inside = in_window_employee(world.company)
    outside = EmployeeFactory(company=world.company, employee_number="OUT01")
    data = EarlyBulkInput(fiscal_year=year, method="document", provided_on=TODAY, employee_ids=(inside.pk, outside.pk))
    with pytest.raises(ValidationError) as caught:
        services.early_information_provide(actor=world.hr, company=world.company, data=data)
    assert caught.value.message_dict["employee_ids"] == [messages.EARLY_NOT_IN_WINDOW.format(numbers="OUT01")]
    assert EarlyInformation.objects.count() == 0


def test_bulk_provision_twice_is_refused(world):
    year = this_fiscal_year()
    in_window_employee(world.company)
    data = EarlyBulkInput(fiscal_year=year, method="document", provided_on=TODAY)
    services.early_information_provide(actor=world.hr, company=world.company, data=data)
    with pytest.raises(ValidationError) as caught:
        services.early_information_provide(actor=world.hr, company=world.company, data=data)
    assert caught.value.message_dict["employee_ids"] == [messages.EARLY_NOBODY]


# -- the checklist ---------------------------------------------------------------------------------------


def statuses(company):
    return {item.key: item.status for item in selectors.checklist(company, TODAY).items}


def test_checklist_of_a_company_with_nothing_recorded(world):
    s = statuses(world.company)
    assert s["policy"] == "open"  # no policy registered
    assert s["individual_notice"] == "not_applicable"  # nobody reported caregiving
    assert s["environment"] == "open"  # 第22条第2項: no measure
    assert s["individual_text"] == "open"
    assert s["telework"] == "open"


def test_checklist_statuses_follow_the_records(world):
    CompanyPolicyFactory(company=world.company, effective_from=D(2025, 4, 1), telework=True)
    MeasureFactory(company=world.company)
    NoticeTextFactory(company=world.company, approved_on=D(2025, 4, 1))
    employee = EmployeeFactory(company=world.company)
    NoticeFactory(employee=employee, reported_on=TODAY - dt.timedelta(days=30), due_on=TODAY - dt.timedelta(days=16))
    in_window_employee(world.company)
    s = statuses(world.company)
    assert s["policy"] == "done"
    assert s["environment"] == "done"
    assert s["individual_text"] == "done"
    assert s["early_text"] == "open"
    assert s["individual_notice"] == "overdue"  # past its due date, not done
    assert s["early_information"] == "open"  # window running, no record yet
    assert s["telework"] == "done"
    item = next(i for i in selectors.checklist(world.company, TODAY).items if i.key == "individual_notice")
    assert [n.employee for n in item.rows] == [employee]  # the overdue one is listed with its evidence link


def test_a_notice_due_within_7_days_is_listed_but_not_overdue(world):
    employee = EmployeeFactory(company=world.company)
    NoticeFactory(employee=employee, reported_on=TODAY, due_on=TODAY + dt.timedelta(days=5))
    NoticeFactory(
        employee=EmployeeFactory(company=world.company), reported_on=TODAY, due_on=TODAY + dt.timedelta(days=14)
    )
    checklist = selectors.checklist(world.company, TODAY)
    item = next(i for i in checklist.items if i.key == "individual_notice")
    assert item.status == "open"
    assert [n.employee for n in item.rows] == [employee]


def test_the_checklist_page_shows_the_overdue_employee(world, client):
    employee = EmployeeFactory(company=world.company, name="期限 過子")
    NoticeFactory(employee=employee, reported_on=TODAY - dt.timedelta(days=30), due_on=TODAY - dt.timedelta(days=16))
    client.force_login(world.hr)
    body = client.get(f"/workcare/companies/{world.company.pk}/checklist/").content.decode()
    assert "期限 過子" in body
    assert "期限超過" in body


def _checklist_queries(world, count: int) -> int:
    year = this_fiscal_year()
    for n in range(count):
        employee = EmployeeFactory(company=world.company, birth_date=birth_in_window(year, day=1 + n % 28))
        if n % 3 == 0:
            IndividualNotice.objects.create(
                office=world.office_a, employee=employee, reported_on=TODAY, due_on=TODAY + dt.timedelta(days=3)
            )
    MeasureFactory(company=world.company)
    with CaptureQueriesContext(connection) as ctx:
        selectors.checklist(world.company, TODAY)
    return len(ctx.captured_queries)


def test_checklist_queries_do_not_grow_with_employees(world):
    small = _checklist_queries(world, 10)
    IndividualNotice.objects.all().delete()
    world.company.employees.all().delete()
    large = _checklist_queries(world, 100)
    assert small == large


def test_the_api_refuses_email_without_the_wish_with_a_field_error(world, client):
    import json

    from carebridge.core.services import api_token_create

    notice = NoticeFactory(employee=EmployeeFactory(company=world.company), reported_on=D(2026, 11, 2))
    token = api_token_create(actor=None, user=world.hr)
    payload = {"item_systems": True, "item_contact": True, "item_benefit": True, "method": "email",
               "given_on": "2026-11-05", "intention": "will_use"}  # fmt: skip
    response = client.post(
        f"/api/v1/workcare/companies/{world.company.pk}/notices/{notice.pk}/record",
        data=json.dumps(payload),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    assert response.status_code == 422
    detail = json.loads(response.content)["detail"]
    assert [(d["loc"], d["code"], d["msg"]) for d in detail] == [
        (["body", "method"], "notice_method_wish", messages.NOTICE_METHOD_WISH)
    ]
    notice.refresh_from_db()
    assert notice.given_on is None
