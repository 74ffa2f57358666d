"""The leave ledger: recording uses through the rules of 育児・介護休業法 (refusals carry the rule's
message and article), balances per family member from the records and the company's policy, who
may read it (consent for HR and the manager), and a page whose query count does not grow with
the records."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from carebridge.core.models import AuditEvent
from carebridge.core.services import api_token_create
from carebridge.workcare import messages
from carebridge.workcare.inputs import LeaveRecordInput
from carebridge.workcare.models import LeaveRecord, SharingConsent
from carebridge.workcare.selectors.ledger import employee_ledger
from carebridge.workcare.services import leave_record_create, leave_record_delete

from .factories import CareRecipientFactory, CompanyPolicyFactory, EmployeeFactory, LeaveRecordFactory

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def emp(world):
    return EmployeeFactory(company=world.company, user=world.employee, name="両立 花子", department="製造部")


@pytest.fixture
def mother(emp):
    return CareRecipientFactory(employee=emp, label="母", relation="parent")


def record(emp, recipient, start, end, kind="care_leave", hours=None):
    return LeaveRecordFactory(
        employee=emp, care_recipient=recipient, kind=kind, starts_on=start, ends_on=end, hours=hours
    )


def care_leave(recipient, start, end, **extra):
    return LeaveRecordInput(care_recipient_id=recipient.pk, kind="care_leave", starts_on=start, ends_on=end, **extra)


def share(emp, audience):
    return SharingConsent.objects.create(
        office=emp.office,
        employee=emp,
        audience=audience,
        item="leave_ledger",
        granted_at=timezone.now() - dt.timedelta(minutes=1),
    )


def test_a_use_is_recorded_and_audited(world, emp, mother):
    before = AuditEvent.objects.count()
    saved = leave_record_create(
        actor=world.wcm_a, employee=emp, data=care_leave(mother, D(2026, 12, 1), D(2026, 12, 31))
    )
    assert saved.office_id == world.office_a.pk
    assert (saved.kind, (saved.ends_on - saved.starts_on).days + 1) == ("care_leave", 31)
    assert AuditEvent.objects.count() == before + 1


def test_a_fourth_period_is_refused_with_the_rules_message_article_11_2_1(world, emp, mother):
    """育児・介護休業法 第11条第2項第1号: three periods of 介護休業 per family member."""
    for start, end in (
        (D(2025, 1, 6), D(2025, 1, 15)),
        (D(2025, 6, 2), D(2025, 6, 11)),
        (D(2026, 1, 5), D(2026, 1, 14)),
    ):
        record(emp, mother, start, end)
    with pytest.raises(ValidationError) as caught:
        leave_record_create(actor=world.wcm_a, employee=emp, data=care_leave(mother, D(2026, 12, 1), D(2026, 12, 3)))
    [error] = caught.value.error_dict["starts_on"]
    assert error.message.code == messages.CARE_LEAVE_PERIODS_EXCEEDED.code
    assert "第11条第2項第1号" in error.message
    assert "既に3回取得しています" in error.message
    assert LeaveRecord.objects.count() == 3


def test_the_94th_day_is_refused_article_11_2_2(world, emp, mother):
    """第11条第2項第2号: 60 days used → 33 more allowed (93rd day), 34 refused (94th)."""
    record(emp, mother, D(2025, 1, 6), D(2025, 3, 6))  # 26 + 28 + 6 = 60 days
    with pytest.raises(ValidationError) as caught:
        leave_record_create(actor=world.wcm_a, employee=emp, data=care_leave(mother, D(2026, 12, 1), D(2027, 1, 3)))
    assert caught.value.error_dict["ends_on"][0].message.code == messages.CARE_LEAVE_DAYS_EXCEEDED.code
    leave_record_create(actor=world.wcm_a, employee=emp, data=care_leave(mother, D(2026, 12, 1), D(2027, 1, 2)))
    balance = employee_ledger(world.wcm_a, emp.pk, as_of=D(2027, 1, 3)).family[0].care_leave
    assert (balance.days_used, balance.days_left, balance.periods_used, balance.periods_left) == (93, 0, 2, 1)


def test_a_more_generous_policy_in_force_allows_a_fourth_period(world, emp, mother):
    CompanyPolicyFactory(company=world.company, effective_from=D(2026, 4, 1), care_leave_periods=4)
    for start in (D(2025, 1, 6), D(2025, 6, 2), D(2026, 1, 5)):
        record(emp, mother, start, start + dt.timedelta(days=9))
    # Requested before the policy took effect: the law's 3 periods; after: the company's 4.
    with pytest.raises(ValidationError):
        leave_record_create(actor=world.wcm_a, employee=emp, data=care_leave(mother, D(2026, 3, 2), D(2026, 3, 4)))
    leave_record_create(actor=world.wcm_a, employee=emp, data=care_leave(mother, D(2026, 12, 1), D(2026, 12, 3)))


def test_hourly_care_days_off_at_7_5_hours(world, emp, mother):
    """第16条の5第2項・則第40条第1項: hours below the daily scheduled 7.5 h; a day counts 8 h."""
    hours = LeaveRecordInput(
        care_recipient_id=mother.pk, kind="care_days_off", starts_on=D(2026, 5, 11), ends_on=D(2026, 5, 11), hours=8
    )
    with pytest.raises(ValidationError) as caught:
        leave_record_create(actor=world.wcm_a, employee=emp, data=hours)
    assert caught.value.error_dict["hours"][0].message.code == messages.CARE_DAYS_OFF_HOURS.code
    for day, h in ((11, 3), (12, None)):
        leave_record_create(
            actor=world.wcm_a,
            employee=emp,
            data=LeaveRecordInput(
                care_recipient_id=mother.pk,
                kind="care_days_off",
                starts_on=D(2026, 5, day),
                ends_on=D(2026, 5, day),
                hours=h,
            ),
        )
    off = employee_ledger(world.wcm_a, emp.pk, as_of=D(2026, 11, 22)).care_days_off
    # 5 days × 8 h = 40 h; 3 + 8 = 11 h used; 29 h left = 3 days and 5 hours.
    assert (off.fiscal_year_start, off.entitled_days, off.used_hours, off.left_days, off.left_hours) == (
        D(2026, 4, 1),
        5,
        11,
        3,
        5,
    )


def test_bad_input_names_the_field(world, emp, mother):
    other = CareRecipientFactory()  # another employee's family member
    with pytest.raises(ValidationError) as caught:
        leave_record_create(actor=world.wcm_a, employee=emp, data=care_leave(other, D(2026, 12, 2), D(2026, 12, 1)))
    assert set(caught.value.error_dict) == {"care_recipient", "ends_on"}


def test_hr_records_only_while_the_employee_shares_the_ledger(world, emp, mother):
    data = care_leave(mother, D(2026, 12, 1), D(2026, 12, 10))
    with pytest.raises(PermissionDenied):
        leave_record_create(actor=world.hr, employee=emp, data=data)
    with pytest.raises(PermissionDenied):
        leave_record_create(actor=world.hr_b, employee=emp, data=data)
    with pytest.raises(PermissionDenied):
        leave_record_create(actor=world.employee, employee=emp, data=data)
    share(emp, "hr")
    assert leave_record_create(actor=world.hr, employee=emp, data=data).pk
    assert LeaveRecord.objects.count() == 1


def test_delete(world, emp, mother):
    row = record(emp, mother, D(2026, 1, 5), D(2026, 1, 6))
    with pytest.raises(PermissionDenied):
        leave_record_delete(actor=world.employee, record=row)
    leave_record_delete(actor=world.wcm_a, record=row)
    assert not LeaveRecord.objects.exists()


def test_balances_per_family_member_and_the_shared_days_off(world, emp, mother):
    """第11条第2項 per family member; 第16条の5第1項: two in care → 10 days shared."""
    father = CareRecipientFactory(employee=emp, label="父")
    record(emp, mother, D(2026, 1, 5), D(2026, 2, 3))  # 30 days
    record(emp, father, D(2026, 6, 1), D(2026, 6, 10))  # 10 days
    record(emp, father, D(2026, 7, 1), D(2026, 7, 1), kind="care_days_off", hours=3)
    record(emp, mother, D(2026, 7, 2), D(2026, 7, 3), kind="care_days_off")  # 2 whole days = 16 h
    book = employee_ledger(world.wcm_a, emp.pk, as_of=D(2026, 11, 22))
    rows = {r.recipient.label: r.care_leave for r in book.family}
    assert (rows["母"].days_used, rows["母"].days_left, rows["母"].periods_left) == (30, 63, 2)
    assert (rows["父"].days_used, rows["父"].days_left, rows["父"].periods_left) == (10, 83, 2)
    off = book.care_days_off
    # 10 days × 8 h = 80 h; 19 h used; 61 h = 7 days and 5 hours.
    assert (off.entitled_days, off.used_hours, off.left_days, off.left_hours) == (10, 19, 7, 5)


def test_who_reads_the_ledger(world, emp, mother):
    assert employee_ledger(world.wcm_a, emp.pk).employee == emp
    assert employee_ledger(world.employee, emp.pk).employee == emp
    for outsider in (world.hr, world.manager, world.cm_a, world.hr_b, world.cm_b, world.admin_a):
        with pytest.raises(Http404):
            employee_ledger(outsider, emp.pk)
    consent = share(emp, "hr")
    assert employee_ledger(world.hr, emp.pk).employee == emp
    with pytest.raises(Http404):
        employee_ledger(world.hr_b, emp.pk)
    consent.withdrawn_at = timezone.now()
    consent.save()
    with pytest.raises(Http404):
        employee_ledger(world.hr, emp.pk)  # withdrawn: nothing again, at once
    EmployeeFactory(company=world.company, user=world.manager, department="製造部")
    share(emp, "manager")
    assert employee_ledger(world.manager, emp.pk).employee == emp


def test_the_page_shows_balances_and_logs_the_read(world, client, emp, mother):
    record(emp, mother, D(2026, 1, 5), D(2026, 2, 3))
    client.force_login(world.wcm_a)
    before = AuditEvent.objects.filter(event_type="view").count()
    response = client.get(reverse("workcare:employee_ledger", args=[emp.pk]))
    assert response.status_code == 200
    body = response.content.decode()
    assert "両立 花子" in body and "30日" in body and "63日" in body and "利用を記録する" in body
    assert AuditEvent.objects.filter(event_type="view").count() == before + 1
    client.force_login(world.employee)
    body = client.get(reverse("workcare:employee_ledger", args=[emp.pk])).content.decode()
    assert "63日" in body and "利用を記録する" not in body


def test_the_page_form_records_and_refuses(world, client, emp, mother):
    client.force_login(world.wcm_a)
    url = reverse("workcare:employee_ledger", args=[emp.pk])
    form = {"care_recipient": mother.pk, "kind": "care_leave", "starts_on": "2026-12-01", "ends_on": "2027-03-04"}
    response = client.post(url, form)  # 31 + 31 + 28 + 4 = 94 days
    assert response.status_code == 200
    assert "第11条第2項第2号" in response.content.decode()
    assert not LeaveRecord.objects.exists()
    form["ends_on"] = "2027-03-03"
    assert client.post(url, form).status_code == 302
    assert LeaveRecord.objects.count() == 1


@pytest.mark.parametrize("value", ["0", "99999999999999999999999", "-1"])
def test_odd_ids_are_404(world, client, value):
    client.force_login(world.wcm_a)
    assert client.get(f"/workcare/employees/{value}/ledger/").status_code == 404


def _queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_the_page_query_count_does_not_grow_with_records(world, client, emp, mother):
    client.force_login(world.wcm_a)
    url = reverse("workcare:employee_ledger", args=[emp.pk])
    record(emp, mother, D(2024, 1, 5), D(2024, 1, 5), kind="care_days_off", hours=1)
    one = _queries(client, url)
    father = CareRecipientFactory(employee=emp, label="父")
    for n in range(29):
        record(
            emp,
            father if n % 2 else mother,
            D(2024, 2, 1) + dt.timedelta(days=n),
            D(2024, 2, 1) + dt.timedelta(days=n),
            kind="care_days_off",
            hours=1,
        )
    assert _queries(client, url) == one
    share(emp, "hr")
    client.force_login(world.hr)
    assert _queries(client, url) <= one + 2  # the consent check


def test_api_ledger_and_record(world, client, emp, mother):
    record(emp, mother, D(2026, 1, 5), D(2026, 2, 3))
    token = api_token_create(actor=None, user=world.wcm_a)
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    answer = client.get(f"/api/v1/workcare/employees/{emp.pk}/ledger", **auth).json()
    assert answer["care_leave"][0]["days_used"] == 30 and answer["care_leave"][0]["days_left"] == 63
    assert len(answer["records"]) == 1
    url = f"/api/v1/workcare/employees/{emp.pk}/ledger/records"
    body = {"care_recipient_id": mother.pk, "kind": "care_leave", "starts_on": "2026-12-01", "ends_on": "2027-02-02"}
    refused = client.post(url, data=json.dumps(body), content_type="application/json", **auth)
    assert refused.status_code == 422
    assert refused.json()["detail"][0]["loc"] == ["body", "ends_on"]
    assert refused.json()["detail"][0]["code"] == messages.CARE_LEAVE_DAYS_EXCEEDED.code
    body["ends_on"] = "2027-02-01"  # 30 + 63 = 93 days: allowed (64 more were day 94)
    assert client.post(url, data=json.dumps(body), content_type="application/json", **auth).status_code == 201
