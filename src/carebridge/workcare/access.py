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

from .models import CareRecipient, Employee, Seminar, SharingConsent, Survey

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

# Who may do what on a company's pages (H-company). Everyone else who may not even see the
# company gets 404 (`access_company`); a caller who sees it but may not do this gets 403.
#   profile, contracts, invoice: the office (workcare.contract) and, except contracts, the HR
#   policy versions: read by the office (workcare.contract) and HR; written by the workplace care
#       manager (workcare.edit) and HR
#   duties (notices, 40-year information, environment measures, checklist): the workplace care
#       manager (workcare.view / workcare.edit) and HR; notice texts are approved by HR only


def company_visible(actor: User, company_id: object) -> Company:
    """The company as anyone may see it who has some page of it: the office's 管理者 and workplace
    care manager, the company's own HR (404 for anyone else)."""
    return access_company(actor, company_id, permission="workcare.contract")


def may_on_company(actor: User, company: Company, *, office: str | None, hr: bool) -> bool:
    if hr and is_hr(actor) and actor.company_id == company.pk:
        return True
    return bool(office and is_workplace_staff(actor, office) and actor.office_id == company.office_id)


def require_on_company(actor: User, company: Company, *, office: str | None, hr: bool) -> None:
    if not may_on_company(actor, company, office=office, hr=hr):
        raise PermissionDenied(messages.PERMISSION_DENIED)


def access_company_for(actor: User, company_id: object, *, office: str | None, hr: bool) -> Company:
    """The company (404 unless visible) when the actor may do this on it (403 otherwise)."""
    company = company_visible(actor, company_id)
    require_on_company(actor, company, office=office, hr=hr)
    return company


def access_company_row(actor: User, company: Company, queryset: models.QuerySet[M], pk: object) -> M:
    """A row of `company` (a notice, a contract, a text …) by id; 404 when it is not the company's."""
    if not is_row_id(pk):
        raise _not_found()
    row = queryset.filter(pk=int(str(pk))).first()
    if row is None or getattr(row, "office_id", None) != company.office_id:
        raise _not_found()
    return row


# roster, care recipients, invitations (H-people) ..............................................


def may_keep_roster(actor: User, company: Company) -> bool:
    """Who adds, edits, imports and invites employees: the company's own HR, or the office's
    workplace care manager (workcare.edit). Managers and employees never do."""
    if is_hr(actor):
        return actor.company_id == company.pk
    return is_workplace_staff(actor, "workcare.edit") and actor.office_id == company.office_id


def roster_rows(actor: User, queryset: models.QuerySet[Employee]) -> models.QuerySet[Employee]:
    """Roster rows (profile only, no caregiving data): the office's employees for the workplace
    care manager, the own company's for HR; none for anyone else."""
    if is_workplace_staff(actor):
        return queryset.filter(office_id=actor.office_id or 0)
    if is_hr(actor):
        return queryset.filter(company_id=actor.company_id or 0)
    return queryset.none()


def access_roster_company(actor: User, company_id: object, *, for_edit: bool = False) -> Company:
    """A company whose roster the actor sees (404 else); 403 when they see it but may not change it."""
    company = access_company(actor, company_id)
    if for_edit and not may_keep_roster(actor, company):
        raise PermissionDenied(messages.PERMISSION_DENIED)
    return company


def access_roster_employee(actor: User, employee_id: object, *, for_edit: bool = False) -> Employee:
    """One roster row (404 for a missing or unseen one; 403 for a change by a reader only)."""
    if not is_row_id(employee_id):
        raise _not_found()
    employee = (
        roster_rows(actor, Employee.objects.select_related("company", "user")).filter(pk=int(str(employee_id))).first()
    )
    if employee is None:
        raise _not_found()
    if for_edit and not may_keep_roster(actor, employee.company):
        raise PermissionDenied(messages.PERMISSION_DENIED)
    return employee


def may_edit_care_recipients(actor: User, employee: Employee) -> bool:
    """The office's workplace care manager, or the (active) employee themself. HR and managers never."""
    if is_workplace_staff(actor, "workcare.edit"):
        return actor.office_id == employee.office_id
    if is_employee(actor):
        return employee.user_id == actor.pk and employee.company_id == actor.company_id and employee.is_active
    return False


def access_family_employee(actor: User, employee_id: object) -> Employee:
    """An employee whose family (care recipients) the actor may see: the office's workplace care
    manager, or the employee themself; 404 for HR, managers and everyone else."""
    if not is_row_id(employee_id):
        raise _not_found()
    qs = Employee.objects.select_related("company", "user").filter(pk=int(str(employee_id)))
    if is_workplace_staff(actor):
        employee = qs.filter(office_id=actor.office_id or 0).first()
    elif is_employee(actor):
        employee = qs.filter(user=actor, company_id=actor.company_id or 0).first()
    else:
        employee = None
    if employee is None:
        raise _not_found()
    return employee


def access_care_recipient(actor: User, care_recipient_id: object, *, for_edit: bool = False) -> CareRecipient:
    """A care recipient through `employee_rows` (404 for HR, managers, other offices)."""
    recipient = access_employee_row(actor, CareRecipient.objects.select_related("employee"), care_recipient_id)
    if for_edit and not may_edit_care_recipients(actor, recipient.employee):
        raise PermissionDenied(messages.PERMISSION_DENIED)
    return recipient


# --- consultations, assessment, screening, support map, referrals, bridge ----------------------
from .models import CareBridge, Consultation, Referral  # noqa: E402 - this area's records

# Only the office's workplace care manager and the employee themself ever see a consultation; HR
# and managers never do (what an employee shares goes through SharingConsent and the portal).


def consultation_rows(actor: User) -> models.QuerySet[Consultation]:
    """The consultations the actor may read: the office's (workplace care manager), their own
    (employee); none for HR, managers, care-side staff and everyone else."""
    return employee_rows(actor, Consultation.objects.all())


def access_consultation(actor: User, consultation_id: object, *, for_edit: bool = False) -> Consultation:
    """One consultation through `consultation_rows` (404 otherwise); with for_edit, 403 for an
    employee (they read their own, the workplace care manager records)."""
    consultation = access_employee_row(
        actor, Consultation.objects.select_related("employee", "employee__company", "care_recipient"), consultation_id
    )
    if for_edit and not is_workplace_staff(actor, "workcare.edit"):
        raise PermissionDenied(messages.PERMISSION_DENIED)
    return consultation


def access_consultation_employee(actor: User, employee_id: object, *, for_edit: bool = False) -> Employee:
    """An employee of the office's companies, for the workplace care manager's consultation pages."""
    if not is_row_id(employee_id):
        raise _not_found()
    employee = office_rows(actor, Employee.objects.select_related("company")).filter(pk=int(str(employee_id))).first()
    if employee is None:
        raise _not_found()
    if for_edit and not is_workplace_staff(actor, "workcare.edit"):
        raise PermissionDenied(messages.PERMISSION_DENIED)
    return employee


def access_referral(actor: User, referral_id: object, *, for_edit: bool = False) -> Referral:
    if not is_row_id(referral_id):
        raise _not_found()
    queryset = Referral.objects.select_related("consultation", "specialist", "provider", "care_manager")
    referral = office_rows(actor, queryset).filter(pk=int(str(referral_id))).first()
    if referral is None:
        raise _not_found()
    if for_edit and not is_workplace_staff(actor, "workcare.edit"):
        raise PermissionDenied(messages.PERMISSION_DENIED)
    return referral


def access_care_bridge(actor: User, bridge_id: object, *, for_edit: bool = False) -> CareBridge:
    """A bridge: the office's workplace care manager, or the employee whose consultation it is
    (they may withdraw their consent). Care-side staff, HR and managers: 404."""
    queryset = CareBridge.objects.select_related("consultation", "consultation__employee", "care_recipient", "intake")
    bridge = access_employee_row(actor, queryset, bridge_id, employee_field="consultation__employee")
    if for_edit and not (is_workplace_staff(actor, "workcare.edit") or is_employee(actor)):
        raise PermissionDenied(messages.PERMISSION_DENIED)
    return bridge


# --- plans, meetings, leave ledger --------------------------------------------------------------

# 両立プラン and three-party meetings (H-plans). The workplace care manager of the office works on
# them; the employee reads their own and agrees to a draft; HR and the manager see only a plan's
# work measures, through `access_shared_employee(..., "plan_measures")` (selectors/plans.py).

from .models import MeetingAttendee, ThreePartyMeeting, WorkCarePlan, WorkCarePlanItem  # noqa: E402


def _require_edit(actor: User, for_edit: bool) -> None:
    if for_edit and not is_workplace_staff(actor, "workcare.edit"):
        raise PermissionDenied(messages.PERMISSION_DENIED)


def access_plan_employee(actor: User, employee_id: object, *, for_edit: bool = False) -> Employee:
    """An employee of a company of the actor's office, for the plan and meeting pages
    (workplace care manager only; 404 for anyone else)."""
    if not is_row_id(employee_id):
        raise _not_found()
    employee = (
        office_rows(actor, Employee.objects.select_related("company"))
        .filter(pk=int(str(employee_id)), company__office_id=actor.office_id or 0)
        .first()
    )
    if employee is None:
        raise _not_found()
    _require_edit(actor, for_edit)
    return employee


def _plans() -> models.QuerySet[WorkCarePlan]:
    return WorkCarePlan.objects.select_related("employee__company", "care_recipient", "previous")


def access_plan(actor: User, plan_id: object, *, for_edit: bool = False) -> WorkCarePlan:
    """A plan of the actor's office (workplace care manager; 404 for anyone else)."""
    if not is_row_id(plan_id):
        raise _not_found()
    plan = office_rows(actor, _plans()).filter(pk=int(str(plan_id))).first()
    if plan is None:
        raise _not_found()
    _require_edit(actor, for_edit)
    return plan


def access_plan_for_reading(actor: User, plan_id: object) -> WorkCarePlan:
    """A plan the actor may read in full: the office's (workplace care manager) or the employee's
    own (the portal, the PDF, the API)."""
    return access_employee_row(actor, _plans(), plan_id)


def access_own_plan(actor: User, plan_id: object) -> WorkCarePlan:
    """The logged-in employee's own plan (403 for anyone who is not an employee, 404 else)."""
    me = require_own_employee(actor)
    if not is_row_id(plan_id):
        raise _not_found()
    plan = _plans().filter(employee=me, pk=int(str(plan_id))).first()
    if plan is None:
        raise _not_found()
    return plan


def access_plan_item(actor: User, plan: WorkCarePlan, item_id: object) -> WorkCarePlanItem:
    """A step of a plan the actor already reached through a gate."""
    if not is_row_id(item_id):
        raise _not_found()
    item = plan.items.filter(pk=int(str(item_id))).first()
    if item is None:
        raise _not_found()
    return item


def _meetings() -> models.QuerySet[ThreePartyMeeting]:
    return ThreePartyMeeting.objects.select_related("employee__company", "plan")


def access_meeting(actor: User, meeting_id: object, *, for_edit: bool = False) -> ThreePartyMeeting:
    """A meeting of the actor's office (workplace care manager; 404 for anyone else)."""
    if not is_row_id(meeting_id):
        raise _not_found()
    meeting = office_rows(actor, _meetings()).filter(pk=int(str(meeting_id))).first()
    if meeting is None:
        raise _not_found()
    _require_edit(actor, for_edit)
    return meeting


def access_meeting_for_reading(actor: User, meeting_id: object) -> ThreePartyMeeting:
    """A meeting the actor may read in full: the office's, or the employee's own."""
    return access_employee_row(actor, _meetings(), meeting_id)


def access_own_meeting(actor: User, meeting_id: object) -> ThreePartyMeeting:
    me = require_own_employee(actor)
    if not is_row_id(meeting_id):
        raise _not_found()
    meeting = _meetings().filter(employee=me, pk=int(str(meeting_id))).first()
    if meeting is None:
        raise _not_found()
    return meeting


def access_attendee(actor: User, meeting: ThreePartyMeeting, attendee_id: object) -> MeetingAttendee:
    if not is_row_id(attendee_id):
        raise _not_found()
    attendee = meeting.attendees.filter(pk=int(str(attendee_id))).first()
    if attendee is None:
        raise _not_found()
    return attendee


# Leave ledger (H-rules).

from .models import LeaveRecord  # noqa: E402 - this area's section (keeps the shared header as it was)

LEDGER_ITEM = "leave_ledger"  # choices.ShareItem.LEAVE_LEDGER


def _ledger_employees(actor: User) -> models.QuerySet[Employee]:
    """Employees whose leave ledger the actor may read: the office's (workplace care manager),
    one's own (employee), those who share `leave_ledger` with this HR user or manager now."""
    employees = Employee.objects.select_related("company")
    if is_workplace_staff(actor):
        return employees.filter(office_id=actor.office_id or 0)
    if is_employee(actor):
        return employees.filter(user=actor, company_id=actor.company_id or 0)
    if is_hr(actor) or is_manager(actor):
        return employees.filter(shared_with(actor, LEDGER_ITEM))
    return employees.none()


def can_edit_ledger(actor: User, employee: Employee) -> bool:
    """Who records a use: the office's workplace care manager, or the employee's company HR when
    the employee shares the ledger with HR (HR sees nothing of a ledger not shared)."""
    if is_workplace_staff(actor, "workcare.edit"):
        return employee.office_id == actor.office_id
    if is_hr(actor) and employee.company_id == actor.company_id:
        return Employee.objects.filter(shared_with(actor, LEDGER_ITEM), pk=employee.pk).exists()
    return False


def access_ledger_employee(actor: User, employee_id: object, *, for_edit: bool = False) -> Employee:
    """The employee whose ledger is asked for (404 if the actor may not read it; 403 when they
    may read but not record)."""
    if not is_row_id(employee_id):
        raise _not_found()
    employee = _ledger_employees(actor).filter(pk=int(str(employee_id))).first()
    if employee is None:
        raise _not_found()
    if for_edit and not can_edit_ledger(actor, employee):
        raise PermissionDenied(messages.PERMISSION_DENIED)
    return employee


def access_leave_record(actor: User, record_id: object, *, for_edit: bool = False) -> LeaveRecord:
    """A ledger record, through its employee's ledger gate."""
    if not is_row_id(record_id):
        raise _not_found()
    record = (
        LeaveRecord.objects.select_related("employee", "care_recipient")
        .filter(pk=int(str(record_id)), employee__in=_ledger_employees(actor))
        .first()
    )
    if record is None:
        raise _not_found()
    if for_edit and not can_edit_ledger(actor, record.employee):
        raise PermissionDenied(messages.PERMISSION_DENIED)
    return record


# --- portals, sharing, report, seminars, surveys ------------------------------------------------


def company_portal(actor: User) -> str | None:
    """The URL name of a company user's portal home: HR's, the manager's, or the employee's (an
    employee without a linked Employee row has none yet); None for anyone else."""
    if is_hr(actor):
        return "workcare:hr_home"
    if is_manager(actor):
        return "workcare:manager_home"
    if is_employee(actor) and own_employee(actor) is not None:
        return "workcare:my_home"
    return None


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
