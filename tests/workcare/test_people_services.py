"""The roster services (employee_create / _update / _deactivate) and care recipients: who may,
what is checked, what the audit trail keeps, and the roster page's constant query count."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from carebridge.core.models import AuditEvent
from carebridge.workcare import messages
from carebridge.workcare.inputs import CareRecipientInput, EmployeeInput
from carebridge.workcare.models import CareRecipient, Employee
from carebridge.workcare.services import people as services

from .factories import CareRecipientFactory, EmployeeFactory

pytestmark = pytest.mark.django_db

D = dt.date


def _input(**changes: object) -> EmployeeInput:
    values: dict[str, object] = {
        "employee_number": "S0001",
        "name": "山田 花子",
        "birth_date": D(1975, 4, 1),
        "hired_on": D(1998, 4, 1),
        "department": "製造部",
        "weekly_days": 5,
        "daily_hours": Decimal("7.50"),
        "email": "hanako@example.com",
    }
    values.update(changes)
    return EmployeeInput(**values)  # type: ignore[arg-type]


def _recipient(**changes: object) -> CareRecipientInput:
    values: dict[str, object] = {"label": "母", "relation": "parent", "age": 80, "care_level": "care_2"}
    values.update(changes)
    return CareRecipientInput(**values)  # type: ignore[arg-type]


@pytest.mark.parametrize("who", ["hr", "wcm_a"])
def test_hr_and_the_workplace_care_manager_add_an_employee(world, who):
    employee = services.employee_create(actor=getattr(world, who), company=world.company, data=_input())
    assert employee.office_id == world.office_a.pk
    assert employee.company_id == world.company.pk
    assert employee.daily_hours == Decimal("7.50")
    event = AuditEvent.objects.get(subject_type="workcare.employee", subject_id=str(employee.pk))
    assert event.event_type == "create"
    assert event.office_id == world.office_a.pk


@pytest.mark.parametrize("who", ["hr_b", "manager", "employee", "cm_a", "admin_a", "cm_b"])
def test_others_may_not_add_to_sakuras_roster(world, who):
    with pytest.raises(PermissionDenied):
        services.employee_create(actor=getattr(world, who), company=world.company, data=_input())
    assert not Employee.objects.exists()


def test_the_employee_number_is_unique_per_company_only(world):
    services.employee_create(actor=world.hr, company=world.company, data=_input())
    with pytest.raises(ValidationError) as exc:
        services.employee_create(actor=world.hr, company=world.company, data=_input(name="別人"))
    assert exc.value.message_dict["employee_number"] == [messages.EMPLOYEE_NUMBER_TAKEN]
    # another company of the same office may use the same number
    services.employee_create(actor=world.wcm_a, company=world.company_b, data=_input())
    assert Employee.objects.filter(employee_number="S0001").count() == 2


def test_dates_are_checked_together(world):
    with pytest.raises(ValidationError) as exc:
        services.employee_create(
            actor=world.hr,
            company=world.company,
            data=_input(birth_date=D(2090, 1, 1), fixed_term_end=D(1990, 1, 1)),
        )
    errors = exc.value.message_dict
    assert errors["birth_date"] == [messages.EMPLOYEE_BIRTH_FUTURE]
    assert errors["fixed_term_end"] == [messages.EMPLOYEE_TERM_BEFORE_HIRE]


def test_weekly_days_and_hours_keep_to_their_range(world):
    with pytest.raises(ValidationError) as exc:
        services.employee_create(
            actor=world.hr, company=world.company, data=_input(weekly_days=8, daily_hours=Decimal("25"))
        )
    assert set(exc.value.message_dict) >= {"weekly_days", "daily_hours"}
    assert not Employee.objects.exists()


def test_an_edit_changes_only_the_allow_listed_fields_and_is_audited(world):
    employee = EmployeeFactory(company=world.company, employee_number="S1")
    data = _input(employee_number="S1", department="総務部", name=employee.name)
    services.employee_update(actor=world.hr, employee=employee, data=data)
    employee.refresh_from_db()
    assert employee.department == "総務部"
    event = AuditEvent.objects.filter(subject_type="workcare.employee", event_type="update").latest("id")
    assert event.changes["department"] == {"old": "製造部", "new": "総務部"}
    assert "company" not in services.EMPLOYEE_EDITABLE and "is_active" not in services.EMPLOYEE_EDITABLE


def test_deactivate_keeps_the_row_and_switches_the_login_off(world):
    employee = EmployeeFactory(company=world.company, user=world.employee)
    services.employee_deactivate(actor=world.hr, employee=employee)
    employee.refresh_from_db()
    world.employee.refresh_from_db()
    assert employee.is_active is False
    assert world.employee.is_active is False
    with pytest.raises(ValidationError) as exc:
        services.employee_deactivate(actor=world.hr, employee=employee)
    assert exc.value.messages == [messages.EMPLOYEE_ALREADY_INACTIVE]
    with pytest.raises(ValidationError):
        services.employee_update(actor=world.hr, employee=employee, data=_input())


def test_care_recipients_by_the_workplace_care_manager_and_the_employee_themself(world):
    employee = EmployeeFactory(company=world.company, user=world.employee)
    mine = services.care_recipient_create(actor=world.employee, employee=employee, data=_recipient())
    theirs = services.care_recipient_create(
        actor=world.wcm_a, employee=employee, data=_recipient(label="義父", relation="parent_in_law", care_level="")
    )
    assert {r.label for r in CareRecipient.objects.filter(employee=employee)} == {"母", "義父"}
    services.care_recipient_update(
        actor=world.employee, care_recipient=theirs, data=_recipient(label="義父", relation="parent_in_law", age=85)
    )
    theirs.refresh_from_db()
    assert theirs.age == 85
    assert mine.office_id == world.office_a.pk


@pytest.mark.parametrize("who", ["hr", "manager", "hr_b", "cm_a"])
def test_hr_and_managers_never_write_care_recipients(world, who):
    employee = EmployeeFactory(company=world.company, user=world.employee)
    with pytest.raises(PermissionDenied):
        services.care_recipient_create(actor=getattr(world, who), employee=employee, data=_recipient())


def test_another_employee_may_not_write_my_family(world):
    me = EmployeeFactory(company=world.company, user=world.employee)
    recipient = CareRecipientFactory(employee=me)
    other_user = world.manager
    other_user.role = "employee"
    other_user.save()
    EmployeeFactory(company=world.company, user=other_user)
    with pytest.raises(PermissionDenied):
        services.care_recipient_update(actor=other_user, care_recipient=recipient, data=_recipient())


def test_a_care_level_must_be_one_of_the_clients_care_levels(world):
    employee = EmployeeFactory(company=world.company)
    with pytest.raises(ValidationError) as exc:
        services.care_recipient_create(actor=world.wcm_a, employee=employee, data=_recipient(care_level="care_9"))
    assert exc.value.message_dict["care_level"] == [messages.CARE_LEVEL_UNKNOWN]


# -- the roster page --------------------------------------------------------------------------------


def _roster_queries(client, world, n: int) -> int:
    for _ in range(n):
        EmployeeFactory(company=world.company)
    client.force_login(world.hr)
    url = reverse("workcare:employee_list", args=[world.company.pk])
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_the_roster_page_takes_as_many_queries_for_200_employees_as_for_10(client, world):
    few = _roster_queries(client, world, 10)
    many = _roster_queries(client, world, 190)
    assert few == many


def test_the_roster_searches_number_name_and_department(client, world):
    EmployeeFactory(company=world.company, employee_number="A100", name="佐藤 一郎", department="営業部")
    EmployeeFactory(company=world.company, employee_number="B200", name="鈴木 二郎", department="製造部")
    client.force_login(world.wcm_a)
    url = reverse("workcare:employee_list", args=[world.company.pk])
    for q, shown, hidden in (("A100", "佐藤", "鈴木"), ("鈴木", "鈴木", "佐藤"), ("営業", "佐藤", "鈴木")):
        body = client.get(url, {"q": q}).content.decode()
        assert shown in body and hidden not in body


def test_hr_of_another_company_gets_404_for_sakuras_roster(client, world):
    EmployeeFactory(company=world.company, name="秘密 花子")
    client.force_login(world.hr_b)
    response = client.get(reverse("workcare:employee_list", args=[world.company.pk]))
    assert response.status_code == 404


@pytest.mark.parametrize("who", ["employee", "manager"])
def test_employees_and_managers_cannot_see_the_roster(client, world, who):
    EmployeeFactory(company=world.company, user=world.employee)
    client.force_login(getattr(world, who))
    assert client.get(reverse("workcare:employee_list", args=[world.company.pk])).status_code == 404


def test_hr_sees_no_care_recipient_on_the_employee_page(client, world):
    employee = EmployeeFactory(company=world.company, user=world.employee)
    CareRecipientFactory(employee=employee, label="要介護の祖母")
    client.force_login(world.hr)
    body = client.get(reverse("workcare:employee_detail", args=[employee.pk])).content.decode()
    assert employee.name in body
    assert "要介護の祖母" not in body and "介護をしています" not in body
    client.force_login(world.wcm_a)
    body = client.get(reverse("workcare:employee_detail", args=[employee.pk])).content.decode()
    assert "要介護の祖母" in body
    assert f"/workcare/employees/{employee.pk}/consultations/" in body


def test_hr_sees_the_fact_of_caregiving_only_when_shared(client, world):
    from django.utils import timezone

    from carebridge.workcare.models import SharingConsent

    employee = EmployeeFactory(company=world.company, user=world.employee)
    CareRecipientFactory(employee=employee, label="要介護の祖母")
    SharingConsent.objects.create(
        office=world.office_a, employee=employee, audience="hr", item="caregiving_fact", granted_at=timezone.now()
    )
    client.force_login(world.hr)
    body = client.get(reverse("workcare:employee_detail", args=[employee.pk])).content.decode()
    assert "家族の介護をしています" in body
    assert "要介護の祖母" not in body


def test_a_manager_cannot_see_care_recipients(client, world):
    employee = EmployeeFactory(company=world.company, user=world.employee)
    recipient = CareRecipientFactory(employee=employee)
    EmployeeFactory(company=world.company, user=world.manager)
    client.force_login(world.manager)
    assert client.get(reverse("workcare:employee_detail", args=[employee.pk])).status_code == 404
    assert client.get(reverse("workcare:care_recipient_update", args=[recipient.pk])).status_code == 404
    api = client.get(f"/api/v1/workcare/employees/{employee.pk}/care-recipients")
    assert api.status_code in (401, 404)


# -- the API -------------------------------------------------------------------------------------------


def _api(client, user, method: str, url: str, payload: dict[str, object] | None = None):
    import json

    from carebridge.core.services import api_token_create

    token = api_token_create(actor=None, user=user)
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    if payload is None:
        return getattr(client, method)(url, **headers)
    return getattr(client, method)(url, json.dumps(payload), content_type="application/json", **headers)


def test_the_api_refuses_fields_outside_the_allow_list(client, world):
    employee = EmployeeFactory(company=world.company)
    url = f"/api/v1/workcare/employees/{employee.pk}"
    for field, value in (("company_id", world.company_b.pk), ("is_active", False), ("user_id", world.employee.pk)):
        response = _api(client, world.hr, "patch", url, {field: value})
        assert response.status_code == 422, (field, response.content)
    employee.refresh_from_db()
    assert (employee.company_id, employee.is_active, employee.user_id) == (world.company.pk, True, None)
    ok = _api(client, world.hr, "patch", url, {"daily_hours": "6.25"})
    assert ok.status_code == 200 and ok.json()["daily_hours"] == "6.25"


def test_the_api_roster_of_another_company_is_not_found(client, world):
    EmployeeFactory(company=world.company)
    url = f"/api/v1/workcare/companies/{world.company.pk}/employees"
    assert _api(client, world.hr_b, "get", url).status_code == 404
    assert _api(client, world.employee, "get", url).status_code == 404
    mine = _api(client, world.hr, "get", url)
    assert mine.status_code == 200 and mine.json()["count"] == 1


def test_the_employee_adds_family_through_the_api_and_hr_never_sees_it(client, world):
    me = EmployeeFactory(company=world.company, user=world.employee)
    url = f"/api/v1/workcare/employees/{me.pk}/care-recipients"
    created = _api(client, world.employee, "post", url, {"label": "父", "relation": "parent", "care_level": "care_3"})
    assert created.status_code == 201
    assert [r["label"] for r in _api(client, world.employee, "get", url).json()] == ["父"]
    assert _api(client, world.hr, "get", url).status_code == 404
    assert _api(client, world.manager, "get", url).status_code == 404
    bad = _api(client, world.wcm_a, "post", url, {"label": "母", "relation": "parent", "care_level": "care_9"})
    assert bad.status_code == 422
