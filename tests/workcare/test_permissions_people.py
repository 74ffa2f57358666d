"""Permission matrix of the roster, import, invitation, employee and family pages and their API.

Who: the office's workplace care manager (wcm_a) and the company's HR (hr) keep the roster; the
employee (emp_sakura1, linked here to a roster row) keeps their own family; care-side staff
(cm_a), managers and employees never see the roster; HR and managers never see a care recipient.
"""

from __future__ import annotations

from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from carebridge.workcare.models import CareRecipient, Employee, EmployeeInvitation
from carebridge.workcare.roster_import import HEADER, digest_of
from tests.permission_matrix import Case, Objs, changed, landed, matrix

from .factories import CareRecipientFactory, EmployeeFactory


def emp(o: Objs) -> Any:
    """A roster row of さくら製作所 (with an e-mail, no login yet)."""
    if "emp" not in o.__dict__:
        o.__dict__["emp"] = EmployeeFactory(
            company=o.world.company, name="名簿 花子", email="meibo@example.com", department="製造部"
        )
    return o.__dict__["emp"]


def me(o: Objs) -> Any:
    """emp_sakura1's own roster row (one per world: the fuzz tests reuse the world)."""
    if "me" not in o.__dict__:
        row = Employee.objects.filter(user=o.world.employee).first()
        o.__dict__["me"] = row or EmployeeFactory(company=o.world.company, user=o.world.employee, name="本人 一郎")
    return o.__dict__["me"]


def recipient(o: Objs) -> Any:
    if "recipient" not in o.__dict__:
        o.__dict__["recipient"] = CareRecipientFactory(employee=me(o), label="母")
    return o.__dict__["recipient"]


def _roster(o: Objs) -> str:
    return f"/workcare/companies/{o.world.company.pk}/employees/"


EMPLOYEE_FORM = {
    "employee_number": "N0001",
    "name": "新人 太郎",
    "department": "営業部",
    "birth_date": "1990-05-01",
    "weekly_days": "5",
    "daily_hours": "7.50",
    "hired_on": "2020-04-01",
    "email": "",
}
FAMILY_FORM = {"label": "父", "relation": "parent", "age": "84", "care_level": "care_1", "is_active": "on"}
ROSTER_CSV = f"{HEADER}\nC001,取込 次郎,総務部,1970-01-02,5,8,2000-04-01,,\n".encode()


def _import_data(o: Objs) -> dict[str, Any]:
    return {"csv_file": SimpleUploadedFile("roster.csv", ROSTER_CSV), "apply": "1", "digest": digest_of(ROSTER_CSV)}


def _new_in_company(number: str) -> Any:
    def check(o: Objs, actor: Any, before: dict[str, Any]) -> None:
        assert Employee.objects.filter(company=o.world.company, employee_number=number).exists()

    check.__name__ = f"new employee {number}"
    return check


def _invited(o: Objs, actor: Any, before: dict[str, Any]) -> None:
    assert EmployeeInvitation.objects.filter(employee=emp(o), invited_by=actor).exists()


def _family_of_me(o: Objs, actor: Any, before: dict[str, Any]) -> None:
    assert CareRecipient.objects.filter(employee=me(o), label="父").exists()


CASES = [
    Case(
        "roster (workplace care manager)",
        "get",
        lambda o: (emp(o), _roster(o))[1],
        "workcare:employee_list",
        "wcm_a",
        "cm_a",
        404,
        200,
        lists_clients=True,
    ),
    Case(
        "roster (HR)",
        "get",
        lambda o: (emp(o), _roster(o) + "?q=名簿")[1],
        "workcare:employee_list",
        "hr",
        "employee",
        404,
        200,
        lists_clients=True,
    ),
    Case(
        "employee create",
        "post",
        lambda o: _roster(o) + "new/",
        "workcare:employee_create",
        "wcm_a",
        "cm_a",
        404,
        302,
        EMPLOYEE_FORM,
        post=landed(Employee),
    ),
    Case(
        "employee create (HR)",
        "post",
        lambda o: _roster(o) + "new/",
        "workcare:employee_create",
        "hr",
        "manager",
        404,
        302,
        EMPLOYEE_FORM,
        post=_new_in_company("N0001"),
    ),
    Case(
        "roster import",
        "post",
        lambda o: _roster(o) + "import/",
        "workcare:employee_import",
        "hr",
        "employee",
        404,
        200,
        _import_data,
        post=_new_in_company("C001"),
    ),
    Case(
        "employee page",
        "get",
        lambda o: f"/workcare/employees/{emp(o).pk}/",
        "workcare:employee_detail",
        "wcm_a",
        "cm_a",
        404,
        200,
        reads_client=True,
    ),
    Case(
        "employee page (HR)",
        "get",
        lambda o: f"/workcare/employees/{emp(o).pk}/",
        "workcare:employee_detail",
        "hr",
        "manager",
        404,
        200,
        reads_client=True,
    ),
    Case(
        "employee edit",
        "post",
        lambda o: f"/workcare/employees/{emp(o).pk}/edit/",
        "workcare:employee_update",
        "wcm_a",
        "cm_a",
        404,
        302,
        lambda o: {**EMPLOYEE_FORM, "employee_number": emp(o).employee_number, "department": "総務部"},
        post=changed("emp", "department", "総務部"),
    ),
    Case(
        "employee deactivate",
        "post",
        lambda o: f"/workcare/employees/{emp(o).pk}/deactivate/",
        "workcare:employee_deactivate",
        "hr",
        "manager",
        404,
        302,
        post=changed("emp", "is_active", False),
    ),
    Case(
        "employee invite",
        "post",
        lambda o: f"/workcare/employees/{emp(o).pk}/invite/",
        "workcare:employee_invite",
        "wcm_a",
        "cm_a",
        404,
        200,
        post=_invited,
    ),
    Case(
        "care recipient create",
        "post",
        lambda o: f"/workcare/employees/{me(o).pk}/care-recipients/new/",
        "workcare:care_recipient_create",
        "wcm_a",
        "hr",
        404,
        302,
        FAMILY_FORM,
        post=landed(CareRecipient),
    ),
    Case(
        "care recipient edit (the employee)",
        "post",
        lambda o: f"/workcare/care-recipients/{recipient(o).pk}/edit/",
        "workcare:care_recipient_update",
        "employee",
        "hr",
        404,
        302,
        FAMILY_FORM,
        post=changed("recipient", "label", "父"),
    ),
    Case(
        "my family",
        "get",
        lambda o: (recipient(o), "/workcare/me/family/")[1],
        "workcare:my_family",
        "employee",
        "hr",
        403,
        200,
        other_office=403,
        lists_clients=True,
    ),
    Case(
        "my family add",
        "post",
        lambda o: (me(o), "/workcare/me/family/")[1],
        "workcare:my_family",
        "employee",
        "manager",
        403,
        302,
        FAMILY_FORM,
        other_office=403,
        post=_family_of_me,
    ),
    # -- API ----------------------------------------------------------------------------------------
    Case(
        "api roster",
        "get",
        lambda o: (emp(o), f"/api/v1/workcare/companies/{o.world.company.pk}/employees")[1],
        "GET /api/v1/workcare/companies/{company_id}/employees",
        "wcm_a",
        "cm_a",
        404,
        200,
        lists_clients=True,
    ),
    Case(
        "api roster (HR)",
        "get",
        lambda o: (emp(o), f"/api/v1/workcare/companies/{o.world.company.pk}/employees?q=E")[1],
        "GET /api/v1/workcare/companies/{company_id}/employees",
        "hr",
        "employee",
        404,
        200,
        lists_clients=True,
    ),
    Case(
        "api employee create",
        "post",
        lambda o: f"/api/v1/workcare/companies/{o.world.company.pk}/employees",
        "POST /api/v1/workcare/companies/{company_id}/employees",
        "wcm_a",
        "cm_a",
        404,
        201,
        {**EMPLOYEE_FORM, "weekly_days": 5, "daily_hours": "7.50"},
        post=landed(Employee),
    ),
    Case(
        "api employee get (HR)",
        "get",
        lambda o: f"/api/v1/workcare/employees/{emp(o).pk}",
        "GET /api/v1/workcare/employees/{employee_id}",
        "hr",
        "employee",
        404,
        200,
        reads_client=True,
    ),
    Case(
        "api employee patch",
        "patch",
        lambda o: f"/api/v1/workcare/employees/{emp(o).pk}",
        "PATCH /api/v1/workcare/employees/{employee_id}",
        "wcm_a",
        "cm_a",
        404,
        200,
        {"department": "総務部"},
        post=changed("emp", "department", "総務部"),
    ),
    Case(
        "api care recipients",
        "get",
        lambda o: f"/api/v1/workcare/employees/{recipient(o).employee_id}/care-recipients",
        "GET /api/v1/workcare/employees/{employee_id}/care-recipients",
        "wcm_a",
        "hr",
        404,
        200,
        lists_clients=True,
    ),
    Case(
        "api care recipient create",
        "post",
        lambda o: f"/api/v1/workcare/employees/{me(o).pk}/care-recipients",
        "POST /api/v1/workcare/employees/{employee_id}/care-recipients",
        "wcm_a",
        "manager",
        404,
        201,
        {"label": "父", "relation": "parent", "age": 84, "care_level": "care_1"},
        post=landed(CareRecipient),
    ),
]

test_anonymous, test_other_office, test_without_role, test_with_role = matrix(CASES)
