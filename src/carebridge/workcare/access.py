"""Gates of the work–care records. Who sees what:

- the office's workplace care manager (`workcare.view` / `workcare.edit`): every record of the
  companies of their office; the office's 管理者 (`workcare.contract`): contracts and policies
  only, never an employee's consultation;
- an employee (role `employee`, linked by `Employee.user`): their own records only;
- the company's HR (`company_hr`): the company's own registers (roster, policy, notices, 40-year
  information, environment measures, seminars, surveys) and, of an employee, only what that
  employee shares with HR now (`SharingConsent`), plus aggregates;
- a manager (`company_manager`): only what an employee of their department shares with them;
- care-side staff of the office: nothing here (they see a bridged intake in casework only).

Every gate answers Http404 for a record that is missing and for one the actor may not see, so
ids leak nothing; a caller who may see a record but not change it gets 403.
"""

from __future__ import annotations

from typing import TypeVar

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.db import models
from django.db.models import Q
from django.http import Http404
from django.utils import timezone

from carebridge.core import messages
from carebridge.core.access import has_permission, is_row_id
from carebridge.core.models import Company, User
from carebridge.core.roles import Role

from .models import Employee, Seminar, SharingConsent, Survey

M = TypeVar("M", bound=models.Model)


def _not_found() -> Http404:
    return Http404(messages.NOT_FOUND)


def is_company_user(actor: User) -> bool:
    return bool(actor.is_authenticated and actor.is_active and actor.company_id is not None)


def is_hr(actor: User) -> bool:
    return is_company_user(actor) and actor.role == Role.COMPANY_HR


def is_employee(actor: User) -> bool:
    return is_company_user(actor) and actor.role == Role.EMPLOYEE


def is_manager(actor: User) -> bool:
    return is_company_user(actor) and actor.role == Role.COMPANY_MANAGER


def is_workplace_staff(actor: User, permission: str = "workcare.view") -> bool:
    return has_permission(actor, permission)


def own_employee(actor: User) -> Employee | None:
    """The Employee row of a logged-in employee or manager (None for anyone else)."""
    if not is_company_user(actor) or actor.role == Role.COMPANY_HR:
        return None
    return Employee.objects.filter(user=actor, company_id=actor.company_id or 0, is_active=True).first()


def require_own_employee(actor: User) -> Employee:
    """For the employee's portal: their Employee row, or 403 for anyone who is not an employee."""
    employee = own_employee(actor) if is_employee(actor) else None
    if employee is None:
        raise PermissionDenied(messages.PERMISSION_DENIED)
    return employee


def companies_for(actor: User, permission: str = "workcare.view") -> models.QuerySet[Company]:
    """The companies the actor may work on: the office's (workplace staff) or their own (HR)."""
    if is_workplace_staff(actor, permission):
        return Company.objects.filter(office_id=actor.office_id or 0)
    if is_hr(actor) and actor.company_id is not None:
        return Company.objects.filter(pk=actor.company_id)
    return Company.objects.none()


def access_company(actor: User, company_id: object, *, permission: str = "workcare.view") -> Company:
    """A company of the actor's office (workplace staff) or the HR user's own company; 404 else."""
    if not is_row_id(company_id):
        raise _not_found()
    company = companies_for(actor, permission).filter(pk=int(str(company_id))).first()
    if company is None:
        raise _not_found()
    return company


def office_rows(actor: User, queryset: models.QuerySet[M], permission: str = "workcare.view") -> models.QuerySet[M]:
    """Rows of the actor's office for workplace staff; none for anyone else."""
    if not is_workplace_staff(actor, permission):
        return queryset.none()
    return queryset.filter(office_id=actor.office_id)


def employee_rows(actor: User, queryset: models.QuerySet[M], *, employee_field: str = "employee") -> models.QuerySet[M]:
    """Rows about employees that the actor may see in full: the office's for its workplace care
    manager, the employee's own for an employee; none for HR, managers and everyone else."""
    if is_workplace_staff(actor):
        return queryset.filter(office_id=actor.office_id)
    if is_employee(actor):
        return queryset.filter(
            **{f"{employee_field}__user": actor, f"{employee_field}__company_id": actor.company_id or 0}
        )
    return queryset.none()


def access_employee_row(
    actor: User, queryset: models.QuerySet[M], pk: object, *, employee_field: str = "employee"
) -> M:
    """One row about an employee, through `employee_rows` (404 for anyone else)."""
    if not is_row_id(pk):
        raise _not_found()
    try:
        return employee_rows(actor, queryset, employee_field=employee_field).get(pk=int(str(pk)))
    except ObjectDoesNotExist:
        raise _not_found() from None


def shared_with(actor: User, item: str) -> Q:
    """A filter on Employee: the employees who share `item` with this HR user or manager now.
    Nothing for anyone else. A manager sees only employees of their own department."""
    company_id = actor.company_id or 0
    live = SharingConsent.objects.filter(item=item, withdrawn_at__isnull=True, granted_at__lte=timezone.now())
    if is_hr(actor):
        ids = live.filter(audience="hr", employee__company_id=company_id).values("employee_id")
        return Q(pk__in=ids)
    if is_manager(actor):
        me = own_employee(actor)
        if me is None or not me.department:
            return Q(pk__in=[])
        ids = live.filter(
            audience="manager", employee__company_id=company_id, employee__department=me.department
        ).values("employee_id")
        return Q(pk__in=ids)
    return Q(pk__in=[])


def access_shared_employee(actor: User, employee_id: object, item: str) -> Employee:
    """An employee whose `item` the HR user or manager may see now (404 otherwise, so withdrawn
    consent and never-given consent look alike)."""
    if not is_row_id(employee_id):
        raise _not_found()
    employee = Employee.objects.filter(shared_with(actor, item), pk=int(str(employee_id))).first()
    if employee is None:
        raise _not_found()
    return employee


# --- company, contract, policy, roster, duties -------------------------------------------------


# --- consultations, assessment, screening, support map, referrals, bridge ----------------------


# --- plans, meetings, leave ledger --------------------------------------------------------------


# --- portals, sharing, report, seminars, surveys ------------------------------------------------

# (report, seminars, surveys — H-report)


def access_report_company(actor: User, company_id: object) -> Company:
    """The company report, seminars and survey results: the office's workplace care manager and
    the company's own HR (aggregates only); 404 for anyone else (employees, managers included)."""
    return access_company(actor, company_id)


def require_program_editor(actor: User) -> None:
    """Seminars and surveys are written by the workplace care manager; HR only reads them (403)."""
    if not is_workplace_staff(actor, "workcare.edit"):
        raise PermissionDenied(messages.PERMISSION_DENIED)


def access_seminar(actor: User, seminar_id: object, *, for_edit: bool = False) -> Seminar:
    """A seminar of a company the actor reaches (workplace care manager, the company's HR); an
    edit needs the workplace care manager (HR: 403)."""
    if not is_row_id(seminar_id):
        raise _not_found()
    seminar = Seminar.objects.filter(company__in=companies_for(actor), pk=int(str(seminar_id))).first()
    if seminar is None:
        raise _not_found()
    if for_edit:
        require_program_editor(actor)
    return seminar


def access_survey(actor: User, survey_id: object, *, for_edit: bool = False) -> Survey:
    """A survey (its results) for the workplace care manager and the company's HR; 404 else."""
    if not is_row_id(survey_id):
        raise _not_found()
    survey = Survey.objects.filter(company__in=companies_for(actor), pk=int(str(survey_id))).first()
    if survey is None:
        raise _not_found()
    if for_edit:
        require_program_editor(actor)
    return survey


def access_my_survey(actor: User, survey_id: object) -> Survey:
    """A survey of the employee's own company, for answering (403 for anyone not an employee)."""
    employee = require_own_employee(actor)
    if not is_row_id(survey_id):
        raise _not_found()
    survey = Survey.objects.filter(company_id=employee.company_id, pk=int(str(survey_id))).first()
    if survey is None:
        raise _not_found()
    return survey
