"""Writes of the company area: profile, contracts and fee items, policy versions, notice texts,
the registers of the 2025 duties (個別周知・意向確認, 40歳情報提供, 雇用環境の整備).

Policy versions: a version is never edited once a later one exists (past records were judged
under it); the latest one may be corrected; any other change is a new version with its own
effective date (`policy_create`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q

from carebridge.core.inputs import values_of
from carebridge.core.models import Company, User
from carebridge.core.writes import create_audited, lock, next_number, update_audited

from .. import gap_rules, messages
from ..access import require_on_company
from ..inputs import (
    CompanyProfileInput,
    ContractInput,
    EarlyBulkInput,
    EnvironmentMeasureInput,
    FeeItemInput,
    NoticeRecordInput,
    NoticeReportInput,
    NoticeTextInput,
    PolicyInput,
)
from ..models import (
    CompanyContract,
    CompanyPolicy,
    ContractFeeItem,
    EarlyInformation,
    Employee,
    EnvironmentMeasure,
    IndividualNotice,
    NoticeText,
)
from ..models.choices import AgreementExclusion, ContractMenu, NoticeMethod, NoticeTextKind, ReducedMeasure
from ..selectors.company import early_info_due, policy_in_force

__all__ = [
    "company_update",
    "contract_create",
    "early_information_provide",
    "environment_measure_create",
    "fee_item_create",
    "individual_notice_create",
    "individual_notice_record",
    "notice_text_approve",
    "notice_text_create",
    "policy_create",
    "policy_update",
]

DEFAULT_NOTICE_DUE_DAYS = 14

# -- profile ---------------------------------------------------------------------------------------


def company_update(
    *, actor: User, company: Company, data: CompanyProfileInput, expected_updated_at: dt.datetime | None = None
) -> Company:
    """企業の基本情報 (業種・規模・年度開始・所在地): the office (workcare.contract) or the company's HR.
    A save over a change made since the form was opened is refused (StaleWriteError)."""
    require_on_company(actor, company, office="workcare.contract", hr=True)
    values = values_of(data)
    with transaction.atomic():
        return update_audited(
            actor=actor,
            instance=company,
            changes=values,
            editable=values.keys(),
            expected_updated_at=expected_updated_at,
            office_id=company.office_id,
        )


# -- contracts -------------------------------------------------------------------------------------


def contract_create(*, actor: User, company: Company, data: ContractInput) -> CompanyContract:
    """契約 (事業所と企業): the office side only (workcare.contract); periods of one company never overlap."""
    require_on_company(actor, company, office="workcare.contract", hr=False)
    contract = CompanyContract(
        office_id=company.office_id,
        company=company,
        starts_on=data.starts_on,
        ends_on=data.ends_on,
        menu=list(data.menu),
        note=data.note,
        workplace_care_manager=actor if actor.role == "workplace_care_manager" else None,
    )

    def check(row: CompanyContract) -> None:
        if set(row.menu) - set(ContractMenu.values):
            raise ValidationError({"menu": messages.CONTRACT_MENU_UNKNOWN})
        others = CompanyContract.objects.filter(company=company).filter(
            Q(ends_on__isnull=True) | Q(ends_on__gte=row.starts_on)
        )
        if row.ends_on is not None:
            others = others.filter(starts_on__lte=row.ends_on)
        if others.exists():
            raise ValidationError({"starts_on": messages.CONTRACT_OVERLAP})

    with transaction.atomic():
        lock(company)
        return create_audited(actor=actor, instance=contract, check=check)


def fee_item_create(*, actor: User, contract: CompanyContract, data: FeeItemInput) -> ContractFeeItem:
    """A fee item of a contract (data: a monthly base or a price per activity)."""
    require_on_company(actor, contract.company, office="workcare.contract", hr=False)
    item = ContractFeeItem(office_id=contract.office_id, contract=contract, **values_of(data))
    with transaction.atomic():
        return create_audited(actor=actor, instance=item)


# -- policy versions -------------------------------------------------------------------------------


def _policy_check(company: Company, instance_pk: int | None) -> Callable[[CompanyPolicy], None]:
    def check(row: CompanyPolicy) -> None:
        errors: dict[str, object] = {}
        if set(row.reduced_measures) - set(ReducedMeasure.values):
            errors["reduced_measures"] = messages.POLICY_MEASURE_UNKNOWN
        if set(row.labor_agreement_excludes) - set(AgreementExclusion.values):
            errors["labor_agreement_excludes"] = messages.POLICY_EXCLUSION_UNKNOWN
        taken = CompanyPolicy.objects.filter(company=company, effective_from=row.effective_from)
        if instance_pk is not None:
            taken = taken.exclude(pk=instance_pk)
        if taken.exists():
            errors["effective_from"] = messages.POLICY_DATE_TAKEN
        if errors:
            raise ValidationError(errors)

    return check


def _policy_values(data: PolicyInput) -> dict[str, object]:
    values = values_of(data)
    values["reduced_measures"] = list(data.reduced_measures)
    values["labor_agreement_excludes"] = list(data.labor_agreement_excludes)
    return values


def policy_create(*, actor: User, company: Company, data: PolicyInput) -> CompanyPolicy:
    """A new version of the company's systems, in force from `effective_from` (the workplace care
    manager or the company's HR)."""
    require_on_company(actor, company, office="workcare.edit", hr=True)
    policy = CompanyPolicy(office_id=company.office_id, company=company, **_policy_values(data))
    with transaction.atomic():
        lock(company)
        return create_audited(actor=actor, instance=policy, check=_policy_check(company, None))


def policy_update(
    *, actor: User, policy: CompanyPolicy, data: PolicyInput, expected_updated_at: dt.datetime | None = None
) -> CompanyPolicy:
    """Correct the latest version (one with a later version is immutable)."""
    company = policy.company
    require_on_company(actor, company, office="workcare.edit", hr=True)
    values = _policy_values(data)
    with transaction.atomic():
        lock(company)
        later = CompanyPolicy.objects.filter(company=company, effective_from__gt=policy.effective_from).exists()
        if later:
            raise ValidationError({"effective_from": messages.POLICY_NOT_LATEST})
        return update_audited(
            actor=actor,
            instance=policy,
            changes=values,
            editable=values.keys(),
            check=_policy_check(company, policy.pk),
            expected_updated_at=expected_updated_at,
        )


# -- notice texts ----------------------------------------------------------------------------------


def notice_text_create(*, actor: User, company: Company, data: NoticeTextInput) -> NoticeText:
    """A new version of the text shown for 個別周知 or 40歳情報提供 (a draft until HR approves it)."""
    require_on_company(actor, company, office="workcare.edit", hr=True)
    with transaction.atomic():
        version = next_number(
            parent=company, rows=NoticeText.objects.filter(company=company, kind=data.kind), field="version"
        )
        text = NoticeText(office_id=company.office_id, company=company, version=version, **values_of(data))
        return create_audited(actor=actor, instance=text)


def notice_text_approve(*, actor: User, text: NoticeText, approved_on: dt.date) -> NoticeText:
    """HR approves a text; refused when it holds an expression that discourages use (第21条 and
    the 指針: nothing in the notice may discourage using the systems)."""
    require_on_company(actor, text.company, office=None, hr=True)
    with transaction.atomic():
        lock(text)
        if text.approved_on is not None:
            raise ValidationError({"approved_on": messages.NOTICE_TEXT_APPROVED})
        words = gap_rules.discouraging_expressions(text.body)
        if words:
            raise ValidationError({"body": messages.NOTICE_TEXT_DISCOURAGING.format(words="・".join(words))})
        name = actor.get_full_name() or actor.get_username()
        return update_audited(
            actor=actor,
            instance=text,
            changes={"approved_on": approved_on, "approved_by": name[:50]},
            editable=("approved_on", "approved_by"),
        )


def _approved_text(company: Company, text: object, kind: str, field: str) -> NoticeText | None:
    if text is None:
        return None
    if not isinstance(text, NoticeText) or text.company_id != company.pk or text.approved_on is None:
        raise ValidationError({field: messages.NOTICE_TEXT_NOT_APPROVED})
    if text.kind != kind:
        raise ValidationError({field: messages.NOTICE_TEXT_KIND})
    return text


# -- 個別周知・意向確認 (第21条第2項) ----------------------------------------------------------------------


def individual_notice_create(*, actor: User, employee: Employee, data: NoticeReportInput) -> IndividualNotice:
    """The employee reported facing caregiving: the notice is due `notice_due_days` (the policy in
    force on that day; 14 without one) after the report."""
    company = employee.company
    require_on_company(actor, company, office="workcare.edit", hr=True)
    policy = policy_in_force(company, data.reported_on)
    days = policy.notice_due_days if policy is not None else DEFAULT_NOTICE_DUE_DAYS
    notice = IndividualNotice(
        office_id=company.office_id,
        employee=employee,
        reported_on=data.reported_on,
        due_on=data.reported_on + dt.timedelta(days=days),
        note=data.note,
    )

    def check(row: IndividualNotice) -> None:
        if not employee.is_active:
            raise ValidationError({"employee": messages.NOTICE_EMPLOYEE_INACTIVE})

    with transaction.atomic():
        return create_audited(actor=actor, instance=notice, check=check)


def individual_notice_record(*, actor: User, notice: IndividualNotice, data: NoticeRecordInput) -> IndividualNotice:
    """Record what was told (the three items), how, when, and the employee's intention. FAX and
    e-mail only at the employee's wish (則第69条の3 (verify)); a completed notice is kept as it is."""
    company = notice.employee.company
    require_on_company(actor, company, office="workcare.edit", hr=True)
    text = _approved_text(company, data.notice_text, NoticeTextKind.INDIVIDUAL, "notice_text")
    values = values_of(data)
    values["notice_text"] = text

    def check(row: IndividualNotice) -> None:
        errors: dict[str, object] = {}
        if row.method in (NoticeMethod.FAX, NoticeMethod.EMAIL) and not row.employee_wished_method:
            errors["method"] = messages.NOTICE_METHOD_WISH
        if row.given_on is not None:
            if not (row.item_systems and row.item_contact and row.item_benefit):
                errors["item_systems"] = messages.NOTICE_ITEMS_REQUIRED
            if not row.method:
                errors["method"] = messages.NOTICE_METHOD_REQUIRED
            if row.given_on < row.reported_on:
                errors["given_on"] = messages.NOTICE_GIVEN_BEFORE_REPORT
        if errors:
            raise ValidationError(errors)

    with transaction.atomic():
        lock(notice)
        if notice.is_done:
            raise ValidationError({"given_on": messages.NOTICE_DONE})
        return update_audited(actor=actor, instance=notice, changes=values, editable=values.keys(), check=check)


# -- 40歳時等の情報提供 (第21条第3項) -----------------------------------------------------------------------


def early_information_provide(*, actor: User, company: Company, data: EarlyBulkInput) -> list[EarlyInformation]:
    """One record per employee whose window starts in the fiscal year, in one transaction: all
    or nothing (an employee outside the window, already provided, or without an e-mail address
    for an e-mail provision refuses the whole batch, naming them)."""
    require_on_company(actor, company, office="workcare.edit", hr=True)
    if not 2025 <= data.fiscal_year <= 2100:
        raise ValidationError({"fiscal_year": messages.EARLY_YEAR_RANGE})
    text = _approved_text(company, data.notice_text, NoticeTextKind.EARLY, "notice_text")
    with transaction.atomic():
        lock(company)
        due = early_info_due(company, data.fiscal_year)
        waiting = {row.employee.pk: row.employee for row in due if not row.provided}
        if data.employee_ids is None:
            chosen = list(waiting.values())
            if not chosen:
                raise ValidationError({"employee_ids": messages.EARLY_NOBODY})
        else:
            in_window = {row.employee.pk for row in due}
            ids = list(dict.fromkeys(data.employee_ids))
            outside = [pk for pk in ids if pk not in in_window]
            if outside:
                found = Employee.objects.filter(pk__in=outside, company=company).values_list(
                    "employee_number", flat=True
                )
                shown = "、".join(sorted(found)) or "（指定の従業員）"
                raise ValidationError({"employee_ids": messages.EARLY_NOT_IN_WINDOW.format(numbers=shown)})
            already = [pk for pk in ids if pk not in waiting]
            if already:
                numbers = sorted(row.employee.employee_number for row in due if row.employee.pk in already)
                raise ValidationError({"employee_ids": messages.EARLY_ALREADY.format(numbers="、".join(numbers))})
            if not ids:
                raise ValidationError({"employee_ids": messages.EARLY_NOBODY})
            chosen = [waiting[pk] for pk in ids]
        if data.method == "email":
            without = sorted(e.employee_number for e in chosen if not e.email)
            if without:
                raise ValidationError({"method": messages.EARLY_NO_EMAIL.format(numbers="、".join(without))})
        return [
            create_audited(
                actor=actor,
                instance=EarlyInformation(
                    office_id=company.office_id,
                    employee=employee,
                    fiscal_year=data.fiscal_year,
                    notice_text=text,
                    method=data.method,
                    provided_on=data.provided_on,
                    includes_ltc_insurance=data.includes_ltc_insurance,
                ),
            )
            for employee in chosen
        ]


# -- 雇用環境の整備 (第22条第2項) -------------------------------------------------------------------------


def environment_measure_create(*, actor: User, company: Company, data: EnvironmentMeasureInput) -> EnvironmentMeasure:
    require_on_company(actor, company, office="workcare.edit", hr=True)
    measure = EnvironmentMeasure(office_id=company.office_id, company=company, **values_of(data))
    with transaction.atomic():
        return create_audited(actor=actor, instance=measure)
