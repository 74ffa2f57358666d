"""The portal pages: each role's home (the desk home sends them there), what the employee's home
counts, what the manager sees, and the workplace care manager's companies in constant queries."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from carebridge.core.roles import Role
from carebridge.workcare import services
from carebridge.workcare.models import IndividualNotice
from carebridge.workcare.selectors.portal import staff_company_rows

from ..factories import CompanyFactory, UserFactory
from .factories import ConsultationFactory, EmployeeFactory, WorkCarePlanFactory
from .factories_portal import BOSS, ME, coworker

pytestmark = pytest.mark.django_db


def linked(world: Any, **fields: Any) -> Any:
    return EmployeeFactory(company=world.company, user=world.employee, name=ME, department="製造部", **fields)


@pytest.mark.parametrize(
    ("who", "home"),
    [
        ("hr", "/workcare/hr/"),
        ("manager", "/workcare/manager/"),
        ("employee", "/workcare/me/"),
        ("wcm_a", "/workcare/"),
    ],
)
def test_the_desk_home_sends_each_role_to_its_portal(world, client, who, home):
    linked(world)
    client.force_login(getattr(world, who))
    answer = client.get("/")
    assert answer.status_code == 302 and answer["Location"] == home
    page = client.get(home)
    assert page.status_code == 200
    assert f'href="{home}">両立支援</a>' in page.content.decode()  # the navigation leads there too


def test_an_employee_login_not_yet_linked_gets_the_plain_company_page(world, client):
    client.force_login(world.employee)
    answer = client.get("/")
    assert answer.status_code == 200
    assert "両立支援</a>" not in answer.content.decode()
    assert client.get("/workcare/me/").status_code == 403


def test_care_staff_keep_their_own_home(world, client):
    client.force_login(world.cm_a)
    assert client.get("/")["Location"] == "/today/"
    assert "両立支援" not in client.get("/today/").content.decode()


def test_the_employee_home_counts_only_their_own_records_and_links_every_page(world, client):
    me = linked(world)
    ConsultationFactory(employee=me)
    ConsultationFactory(employee=me, status="closed")
    WorkCarePlanFactory(employee=me)
    other = coworker(world)
    ConsultationFactory(employee=other.employee)
    WorkCarePlanFactory(employee=other.employee)
    client.force_login(world.employee)
    body = client.get("/workcare/me/").content.decode()
    assert '<a href="/workcare/me/consultations/">これまでの相談</a> 2 件、うち対応中 1 件' in body
    assert "わたしの両立プラン</a>（1 件）" in body
    for href in [
        "/workcare/me/consultations/new/",
        "/workcare/me/screening/",
        "/workcare/me/family/",
        "/workcare/me/plans/",
        "/workcare/me/meetings/",
        f"/workcare/employees/{me.pk}/ledger/",
        "/workcare/me/sharing/",
    ]:
        assert f'href="{href}"' in body, href


def test_the_manager_sees_only_their_department_and_only_the_items_shared_with_them(world, client):
    EmployeeFactory(company=world.company, user=world.manager, name=BOSS, department="製造部")
    me = linked(world)
    services.sharing_grant(actor=world.employee, item="plan_measures", audience="manager")
    services.sharing_grant(actor=world.employee, item="leave_ledger", audience="hr")  # HR's, not the manager's
    elsewhere = UserFactory(username="emp_sakura3", role=Role.EMPLOYEE, office=None, company=world.company)
    EmployeeFactory(company=world.company, user=elsewhere, name="営業 四郎", department="営業部")
    services.sharing_grant(actor=elsewhere, item="caregiving_fact", audience="manager")
    client.force_login(world.manager)
    body = client.get("/workcare/manager/").content.decode()
    assert ME in body and "営業 四郎" not in body  # another department
    assert f"/workcare/shared/{me.pk}/plan/" in body
    assert f"/workcare/employees/{me.pk}/ledger/" not in body
    assert "介護をしています" not in body  # the fact itself was not shared with the manager
    services.sharing_withdraw_all(actor=world.employee)
    assert ME not in client.get("/workcare/manager/").content.decode()


def test_a_manager_without_an_employee_row_sees_nobody(world, client):
    linked(world)
    services.sharing_grant(actor=world.employee, item="caregiving_fact", audience="manager")
    client.force_login(world.manager)
    answer = client.get("/workcare/manager/")
    assert answer.status_code == 200 and ME not in answer.content.decode()


def test_hr_home_links_the_company_registers(world, client):
    client.force_login(world.hr)
    body = client.get("/workcare/hr/").content.decode()
    company = world.company.pk
    for tail in ("checklist", "notices", "early-information", "report"):
        assert f'href="/workcare/companies/{company}/{tail}/"' in body
        assert client.get(f"/workcare/companies/{company}/{tail}/").status_code == 200
    assert "（0 人）" in body


def _company_with(world: Any, name: str, employees: int) -> Any:
    company = CompanyFactory(office=world.office_a, name=name)
    people = [EmployeeFactory(company=company) for _ in range(employees)]
    ConsultationFactory(employee=people[0])
    ConsultationFactory(employee=people[0], status="closed")
    for due in (dt.date(2026, 1, 10), dt.date(2099, 1, 10)):
        IndividualNotice.objects.create(
            office=world.office_a, employee=people[0], reported_on=dt.date(2026, 1, 1), due_on=due
        )
    IndividualNotice.objects.create(
        office=world.office_a,
        employee=people[-1],
        reported_on=dt.date(2026, 1, 1),
        due_on=dt.date(2026, 1, 10),
        given_on=dt.date(2026, 1, 5),
    )
    return company


def test_the_staff_home_counts_each_company_in_one_query_however_many(world):
    _company_with(world, "小さな会社", 2)
    with CaptureQueriesContext(connection) as few:
        rows = staff_company_rows(world.wcm_a, today=dt.date(2026, 12, 1))
    counts = {r.name: (r.employees, r.open_consultations, r.notices_open, r.notices_overdue) for r in rows}
    assert counts == {"小さな会社": (2, 1, 2, 1), "さくら製作所": (0, 0, 0, 0), "もみじ商事": (0, 0, 0, 0)}
    for n in range(3):
        _company_with(world, f"会社{n}", 6)
    with CaptureQueriesContext(connection) as many:
        rows = staff_company_rows(world.wcm_a, today=dt.date(2026, 12, 1))
    assert len(rows) == 6
    assert len(many) == len(few) == 1


def test_the_staff_home_shows_only_the_office_s_companies(world, client):
    from ..factories import OfficeFactory

    CompanyFactory(office=OfficeFactory(name="事業所C"), name="よその会社")
    client.force_login(world.wcm_a)
    body = client.get("/workcare/").content.decode()
    assert "さくら製作所" in body and "もみじ商事" in body and "よその会社" not in body
