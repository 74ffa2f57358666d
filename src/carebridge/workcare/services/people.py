"""Writes of the roster (employees), their care recipients (対象家族) and invitations to log in.

Who may: the company's HR and the office's workplace care manager keep the roster and invite;
the workplace care manager and the employee themself keep the care recipients (HR and managers
never see them). Every write goes through core/writes.py (row and AuditEvent in one transaction).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from decimal import Decimal
from typing import Any

from django.contrib.auth import password_validation
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from carebridge.clients.models import CareLevel
from carebridge.core import japanese
from carebridge.core import messages as core_messages
from carebridge.core.inputs import field_names, values_of
from carebridge.core.models import Company, User
from carebridge.core.roles import Role
from carebridge.core.services import user_create
from carebridge.core.writes import create_audited, lock, transition_audited, update_audited

from .. import messages
from ..access import may_edit_care_recipients, may_keep_roster
from ..inputs import CareRecipientInput, EmployeeInput
from ..models import CareRecipient, Employee, EmployeeInvitation
from ..models.choices import Relation

__all__ = [
    "EMPLOYEE_EDITABLE",
    "INVITATION_DAYS",
    "care_recipient_create",
    "care_recipient_update",
    "employee_create",
    "employee_deactivate",
    "employee_invite",
    "employee_update",
    "invitation_accept",
    "invitation_for_token",
    "invitation_mail_send",
    "token_hash",
]

EMPLOYEE_EDITABLE = field_names(EmployeeInput)
CARE_RECIPIENT_EDITABLE = field_names(CareRecipientInput)
INVITATION_DAYS = 14


def _require_roster_keeper(actor: User, company: Company) -> None:
    if not may_keep_roster(actor, company):
        raise PermissionDenied(core_messages.PERMISSION_DENIED)


def _normalized(values: dict[str, Any]) -> dict[str, Any]:
    out = dict(values)
    if isinstance(out.get("employee_number"), str):
        out["employee_number"] = japanese.normalize_digits(out["employee_number"]).strip()
    for name in ("name", "department", "email"):
        if isinstance(out.get(name), str):
            out[name] = out[name].strip()
    if isinstance(out.get("daily_hours"), (int, str)):
        out["daily_hours"] = Decimal(str(out["daily_hours"]))
    return out


def _check_employee(employee: Employee) -> None:
    errors: dict[str, Any] = {}
    if not employee.employee_number:
        errors["employee_number"] = messages.EMPLOYEE_NUMBER_REQUIRED
    elif (
        Employee.objects.filter(company_id=employee.company_id, employee_number=employee.employee_number)
        .exclude(pk=employee.pk)
        .exists()
    ):
        errors["employee_number"] = messages.EMPLOYEE_NUMBER_TAKEN
    if isinstance(employee.birth_date, dt.date) and employee.birth_date > timezone.localdate():
        errors["birth_date"] = messages.EMPLOYEE_BIRTH_FUTURE
    elif (
        isinstance(employee.birth_date, dt.date)
        and isinstance(employee.hired_on, dt.date)
        and employee.hired_on < employee.birth_date
    ):
        errors["hired_on"] = messages.EMPLOYEE_HIRED_BEFORE_BIRTH
    if (
        isinstance(employee.fixed_term_end, dt.date)
        and isinstance(employee.hired_on, dt.date)
        and employee.fixed_term_end < employee.hired_on
    ):
        errors["fixed_term_end"] = messages.EMPLOYEE_TERM_BEFORE_HIRE
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def employee_create(*, actor: User, company: Company, data: EmployeeInput) -> Employee:
    """One roster row of `company` (its HR or the office's workplace care manager)."""
    _require_roster_keeper(actor, company)
    employee = Employee(company=company, office_id=company.office_id, **_normalized(values_of(data)))
    return create_audited(actor=actor, instance=employee, check=_check_employee)


@transaction.atomic
def employee_update(
    *, actor: User, employee: Employee, data: EmployeeInput, expected_updated_at: dt.datetime | None = None
) -> Employee:
    """Change the allow-listed roster fields (not the company, the login nor the active flag)."""
    _require_roster_keeper(actor, employee.company)
    if not employee.is_active:
        raise ValidationError(messages.EMPLOYEE_INACTIVE, code=messages.EMPLOYEE_INACTIVE.code)
    return update_audited(
        actor=actor,
        instance=employee,
        changes=_normalized(values_of(data)),
        editable=EMPLOYEE_EDITABLE,
        check=_check_employee,
        expected_updated_at=expected_updated_at,
    )


@transaction.atomic
def employee_deactivate(*, actor: User, employee: Employee) -> Employee:
    """退職など: the row stays (its history is evidence); the login, if any, is switched off too."""
    _require_roster_keeper(actor, employee.company)
    transition_audited(
        actor=actor,
        instance=employee,
        to=False,
        allowed_from={True},
        field="is_active",
        action="employee.deactivated",
        refused=messages.EMPLOYEE_ALREADY_INACTIVE,
    )
    if employee.user is not None and employee.user.is_active:
        transition_audited(
            actor=actor,
            instance=employee.user,
            to=False,
            allowed_from={True},
            field="is_active",
            action="user.deactivated",
            office_id=employee.office_id,
        )
    return employee


# -- invitations -------------------------------------------------------------------------------


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def employee_invite(*, actor: User, employee: Employee, as_manager: bool = False) -> tuple[EmployeeInvitation, str]:
    """A new invitation to log in (valid INVITATION_DAYS days, one use). Returns the invitation and
    the token for the link — shown once; only its SHA-256 hash is stored. Earlier open
    invitations of the employee stay valid until they expire or one is used."""
    _require_roster_keeper(actor, employee.company)
    errors: dict[str, Any] = {}
    if not employee.is_active:
        raise ValidationError(messages.EMPLOYEE_INACTIVE, code=messages.EMPLOYEE_INACTIVE.code)
    if not employee.email:
        errors["email"] = messages.INVITE_NEEDS_EMAIL
    if employee.user_id is not None:
        errors["user"] = messages.INVITE_HAS_LOGIN
    if errors:
        raise ValidationError(errors)
    token = secrets.token_urlsafe(32)
    invitation = EmployeeInvitation(
        office_id=employee.office_id,
        employee=employee,
        token_hash=token_hash(token),
        expires_at=timezone.now() + dt.timedelta(days=INVITATION_DAYS),
        invited_by=actor,
        as_manager=as_manager,
    )
    create_audited(actor=actor, instance=invitation)
    return invitation, token


def invitation_mail_send(*, invitation: EmployeeInvitation, url: str) -> bool:
    """Send the link to the employee's address (Django's e-mail backend). False if it failed: the
    inviter still has the link on screen. The text names no family and no health data."""
    employee = invitation.employee
    expires = timezone.localtime(invitation.expires_at).strftime("%Y-%m-%d %H:%M")
    body = (
        f"{employee.name} 様\n\n"
        f"{employee.company.name} の仕事と介護の両立支援窓口（CareBridge）へのログインのご案内です。\n"
        "次のリンクを開き、ユーザー名とパスワードを決めてください。\n\n"
        f"{url}\n\n"
        f"このリンクは {expires} まで、1回だけ使えます。\n"
        "お心当たりのない場合は、このメールを破棄してください。\n"
    )
    try:
        sent = send_mail("【CareBridge】ログインのご案内", body, None, [employee.email], fail_silently=False)
    except OSError:
        return False
    return bool(sent)


def invitation_for_token(token: object) -> EmployeeInvitation | None:
    """The open invitation of this token: not used, not expired, its employee active and without
    a login yet. None for anything else (a wrong, used or expired token look alike)."""
    if not isinstance(token, str) or not 20 <= len(token) <= 100:
        return None
    invitation = (
        EmployeeInvitation.objects.select_related("employee", "employee__company")
        .filter(token_hash=token_hash(token), accepted_at__isnull=True, expires_at__gt=timezone.now())
        .first()
    )
    if invitation is None or not invitation.employee.is_active or invitation.employee.user_id is not None:
        return None
    return invitation


@transaction.atomic
def invitation_accept(*, token: str, username: str, password: str, display_name: str = "") -> User:
    """The invited employee makes their login: a User of role `employee` (or `company_manager`)
    of the employee's company, linked as Employee.user; the invitation is used up."""
    invitation = invitation_for_token(token)
    if invitation is None:
        raise ValidationError(messages.INVITE_INVALID, code=messages.INVITE_INVALID.code)
    lock(invitation)
    employee = lock(invitation.employee)
    if invitation.accepted_at is not None or employee.user_id is not None:
        raise ValidationError(messages.INVITE_INVALID, code=messages.INVITE_INVALID.code)
    username = username.strip()
    if username and User.objects.filter(username__iexact=username).exists():
        raise ValidationError({"username": messages.INVITE_USERNAME_TAKEN})
    role = Role.COMPANY_MANAGER if invitation.as_manager else Role.EMPLOYEE
    candidate = User(username=username, role=role, company=employee.company, display_name=display_name or employee.name)
    try:
        password_validation.validate_password(password, candidate)
    except ValidationError as exc:
        raise ValidationError({"password": exc.messages}) from None
    user = user_create(
        actor=None,
        username=username,
        password=password,
        role=role,
        company=employee.company,
        display_name=display_name or employee.name,
    )
    update_audited(actor=user, instance=employee, changes={"user": user}, editable={"user"}, action="employee.linked")
    update_audited(
        actor=user,
        instance=invitation,
        changes={"accepted_at": timezone.now()},
        editable={"accepted_at"},
        action="invitation.accepted",
    )
    return user


# -- care recipients (対象家族) ---------------------------------------------------------------------


def _check_care_recipient(recipient: CareRecipient) -> None:
    errors: dict[str, Any] = {}
    if recipient.care_level and recipient.care_level not in CareLevel.values:
        errors["care_level"] = messages.CARE_LEVEL_UNKNOWN
    if recipient.relation not in Relation.values:
        errors["relation"] = messages.RELATION_UNKNOWN
    if errors:
        raise ValidationError(errors)


def _recipient_values(data: CareRecipientInput) -> dict[str, Any]:
    values = values_of(data)
    for name in ("label", "prefecture", "municipality"):
        values[name] = values[name].strip()
    return values


@transaction.atomic
def care_recipient_create(*, actor: User, employee: Employee, data: CareRecipientInput) -> CareRecipient:
    """A family member the employee cares for (the workplace care manager or the employee themself)."""
    if not may_edit_care_recipients(actor, employee):
        raise PermissionDenied(core_messages.PERMISSION_DENIED)
    recipient = CareRecipient(employee=employee, office_id=employee.office_id, **_recipient_values(data))
    return create_audited(actor=actor, instance=recipient, check=_check_care_recipient)


@transaction.atomic
def care_recipient_update(
    *,
    actor: User,
    care_recipient: CareRecipient,
    data: CareRecipientInput,
    expected_updated_at: dt.datetime | None = None,
) -> CareRecipient:
    if not may_edit_care_recipients(actor, care_recipient.employee):
        raise PermissionDenied(core_messages.PERMISSION_DENIED)
    return update_audited(
        actor=actor,
        instance=care_recipient,
        changes=_recipient_values(data),
        editable=CARE_RECIPIENT_EDITABLE,
        check=_check_care_recipient,
        expected_updated_at=expected_updated_at,
    )
