"""Writes of the leave ledger: a use of a system (介護休業, 介護休暇, the three work limits, the
reduced-hours measures) is recorded only if the entitlement rules (workcare/rules.py, with the
company's policy in force) allow it; a refusal says why, with the article. The 常時介護を必要と
する状態に関する判断基準 is never a reason to refuse: the rules do not read it."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from carebridge.core import messages as core_messages
from carebridge.core.audit import audit_view
from carebridge.core.messages import Message
from carebridge.core.models import User
from carebridge.core.writes import create_audited, delete_audited, lock

from .. import messages, rules
from ..access import can_edit_ledger
from ..inputs import LeaveRecordInput
from ..models import CareRecipient, Employee, LeaveRecord
from ..models.choices import LeaveKind
from ..selectors.ledger import employee_facts, ledger_history, policy_facts, policy_in_force, use_of

__all__ = ["leave_record_create", "leave_record_delete", "ledger_viewed"]

# Which input field a refusal belongs to (the form shows it there).
_REFUSAL_FIELDS = {
    messages.CARE_LEAVE_PERIODS_EXCEEDED.code: "starts_on",
    messages.CARE_LEAVE_DAYS_EXCEEDED.code: "ends_on",
    messages.CARE_DAYS_OFF_EXCEEDED.code: "ends_on",
    messages.CARE_DAYS_OFF_HOURS.code: "hours",
    messages.REQUEST_NOTICE_LATE.code: "requested_on",
    messages.REQUEST_PERIOD_TOO_SHORT.code: "ends_on",
    messages.REQUEST_PERIOD_TOO_LONG.code: "ends_on",
    messages.REDUCED_HOURS_WINDOW_ENDED.code: "ends_on",
    messages.REQUEST_OVERLAPS.code: "starts_on",
}


def _require_editor(actor: User, employee: Employee) -> None:
    if not can_edit_ledger(actor, employee):
        raise PermissionDenied(core_messages.PERMISSION_DENIED)


def _check_input(employee: Employee, data: LeaveRecordInput) -> CareRecipient:
    errors: dict[str, Message] = {}
    recipient = CareRecipient.objects.filter(pk=data.care_recipient_id, employee=employee).first()
    if recipient is None:
        errors["care_recipient"] = messages.LEDGER_RECIPIENT_UNKNOWN
    if data.kind not in LeaveKind.values:
        errors["kind"] = messages.LEDGER_KIND_UNKNOWN
    if data.ends_on < data.starts_on:
        errors["ends_on"] = messages.LEDGER_PERIOD_ORDER
    if data.hours is not None:
        if data.kind != LeaveKind.CARE_DAYS_OFF:
            errors["hours"] = messages.LEDGER_HOURS_ONLY_CARE_DAYS_OFF
        elif data.starts_on != data.ends_on:
            errors["hours"] = messages.LEDGER_HOURS_ONE_DAY
    if errors or recipient is None:
        raise ValidationError(errors)
    return recipient


def _refusals(employee: Employee, record: LeaveRecord) -> list[rules.Refusal]:
    as_of = record.requested_on or record.starts_on
    family_id = str(record.care_recipient_id)
    policy_row = policy_in_force(employee.company_id, as_of)
    policy = policy_facts(employee.company, policy_row)
    facts = employee_facts(employee)
    family_ids, history = ledger_history(employee)
    if family_id not in family_ids:  # a record for a family member no longer in care
        family_ids = [*family_ids, family_id]
    found: list[rules.Refusal] = []
    for request in use_of(record):
        reasons = rules.check_request(
            request, as_of=as_of, family_ids=family_ids, history=history, employee=facts, policy=policy
        )
        if record.requested_on is None:  # recorded after the fact: no request date to judge
            reasons = [r for r in reasons if r.code != messages.REQUEST_NOTICE_LATE.code]
        found += [r for r in reasons if r not in found]
        history = [*history, request]
    return found


@transaction.atomic
def leave_record_create(*, actor: User, employee: Employee, data: LeaveRecordInput) -> LeaveRecord:
    """Record a use in the employee's ledger; refused (ValidationError, the rule's message and
    article) when 育児・介護休業法 and the company's policy do not give it."""
    _require_editor(actor, employee)
    lock(employee)  # one ledger write per employee at a time: balances are checked, then spent
    recipient = _check_input(employee, data)
    record = LeaveRecord(
        office_id=employee.office_id,
        employee=employee,
        care_recipient=recipient,
        kind=data.kind,
        starts_on=data.starts_on,
        ends_on=data.ends_on,
        hours=data.hours,
        requested_on=data.requested_on,
        note=data.note,
    )
    refusals = _refusals(employee, record)
    if refusals:
        errors: dict[str, list[Message]] = {}
        for refusal in refusals:
            text = messages.LEDGER_REFUSED.format(message=refusal.message, article=refusal.article)
            errors.setdefault(_REFUSAL_FIELDS.get(refusal.code, "kind"), []).append(Message(refusal.code, str(text)))
        raise ValidationError(errors)
    return create_audited(actor=actor, instance=record, action="leave_record.created")


@transaction.atomic
def leave_record_delete(*, actor: User, record: LeaveRecord) -> None:
    """Remove a use recorded by mistake (the audit trail keeps what it held)."""
    _require_editor(actor, record.employee)
    delete_audited(actor=actor, instance=record, action="leave_record.deleted")


def ledger_viewed(*, actor: User, employee: Employee) -> None:
    """Record that `actor` displayed this employee's leave ledger (one event per request)."""
    audit_view(actor=actor, subject=employee, client_id=None)
