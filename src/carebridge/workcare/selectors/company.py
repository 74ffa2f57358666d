"""Reads of the company area: the companies an actor works on, policy versions, the gap report,
the registers of the 2025 duties, the compliance checklist, the month's invoice.

The callers pass a company that already went through a gate (access.company_visible and
friends); these functions only read. Every query count here is constant in the number of
employees (tests/workcare/test_duties.py).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from carebridge.core.japanese import wareki_short
from carebridge.core.models import Company, User

from .. import gap_rules, invoice_rules
from ..access import companies_for
from ..models import (
    CompanyContract,
    CompanyPolicy,
    Consultation,
    EarlyInformation,
    Employee,
    EnvironmentMeasure,
    IndividualNotice,
    NoticeText,
    Seminar,
    Survey,
    ThreePartyMeeting,
)

DUE_SOON_DAYS = 7
DUTIES_FROM = dt.date(2025, 4, 1)  # 第21条第3項 in force (the windows that end before are not due)


def company_list(*, actor: User) -> QuerySet[Company]:
    """The office's companies (workcare.contract) or the HR user's own company."""
    return companies_for(actor, "workcare.contract").filter(is_active=True).order_by("name")


def fiscal_year_start(company: Company) -> tuple[int, int]:
    return (company.fiscal_year_start_month, company.fiscal_year_start_day)


# -- policy ------------------------------------------------------------------------------------------


def policy_in_force(company: Company, on: dt.date) -> CompanyPolicy | None:
    """The version in force on `on`: the latest effective_from on or before it."""
    return CompanyPolicy.objects.filter(company=company, effective_from__lte=on).order_by("-effective_from").first()


def policy_versions(company: Company) -> QuerySet[CompanyPolicy]:
    return CompanyPolicy.objects.filter(company=company).order_by("-effective_from")


def policy_facts(policy: CompanyPolicy) -> gap_rules.PolicyFacts:
    return gap_rules.PolicyFacts(
        care_leave_days=policy.care_leave_days,
        care_leave_periods=policy.care_leave_periods,
        care_days_off_one=policy.care_days_off_one,
        care_days_off_two=policy.care_days_off_two,
        care_days_off_hourly=policy.care_days_off_hourly,
        reduced_measures=tuple(str(m) for m in policy.reduced_measures or ()),
        reduced_measure_uses=policy.reduced_measure_uses,
        reduced_measure_years=policy.reduced_measure_years,
        telework=policy.telework,
        overtime_exemption=policy.overtime_exemption,
        overtime_limit=policy.overtime_limit,
        night_work_limit=policy.night_work_limit,
        labor_agreement_excludes=tuple(str(e) for e in policy.labor_agreement_excludes or ()),
    )


def contracts(company: Company) -> list[CompanyContract]:
    return list(
        CompanyContract.objects.filter(company=company).prefetch_related("fee_items").order_by("-starts_on", "-id")
    )


def contract_in_force(company: Company, first: dt.date, last: dt.date) -> CompanyContract | None:
    """The contract in force in a period (the latest that started by its end and did not end before it)."""
    return (
        CompanyContract.objects.filter(company=company, starts_on__lte=last)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=first))
        .prefetch_related("fee_items")
        .order_by("-starts_on", "-id")
        .first()
    )


# -- 40歳情報提供 ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class EarlyDue:
    employee: Employee
    window: tuple[dt.date, dt.date]
    provided: bool


def _timing(company: Company, on: dt.date) -> str:
    policy = policy_in_force(company, on)
    return policy.early_info_timing if policy is not None else gap_rules.FISCAL_YEAR_OF_40


def _employees_with_windows(company: Company, first: dt.date, last: dt.date, timing: str) -> list[EarlyDue]:
    """Active employees whose window starts between `first` and `last` (one query)."""
    low, high = gap_rules.birth_date_range(first, last)
    provided = EarlyInformation.objects.filter(employee=OuterRef("pk"))
    rows = (
        Employee.objects.filter(company=company, is_active=True, birth_date__range=(low, high))
        .annotate(has_info=Exists(provided))
        .order_by("birth_date", "employee_number")
    )
    found = []
    for employee in rows:
        window = gap_rules.early_info_window(employee.birth_date, timing, fiscal_year_start(company))
        if gap_rules.window_starts_in(window, first, last) and employee.hired_on <= window[1]:
            found.append(EarlyDue(employee, window, bool(employee.has_info)))
    return found


def early_info_due(company: Company, fiscal_year: int) -> list[EarlyDue]:
    """The employees whose 40-year window starts in fiscal year `fiscal_year` (the company's
    timing in force at the start of that year), each with whether they have a record."""
    first, last = gap_rules.fiscal_year_bounds(fiscal_year, fiscal_year_start(company))
    return _employees_with_windows(company, first, last, _timing(company, first))


@dataclass(frozen=True)
class EarlyMissing:
    waiting: list[EarlyDue]  # window begun, still open
    past: list[EarlyDue]  # window ended without a record


def early_info_missing(company: Company, on: dt.date) -> EarlyMissing:
    """Employees whose window has begun by `on` (and ends on or after 2025-04-01) with no record."""
    timing = _timing(company, on)
    rows = _employees_with_windows(company, DUTIES_FROM - dt.timedelta(days=400), on, timing)
    missing = [r for r in rows if not r.provided and r.window[1] >= DUTIES_FROM]
    return EarlyMissing(
        waiting=[r for r in missing if r.window[1] >= on], past=[r for r in missing if r.window[1] < on]
    )


def early_register(company: Company) -> QuerySet[EarlyInformation]:
    return (
        EarlyInformation.objects.filter(employee__company=company)
        .select_related("employee", "notice_text")
        .order_by("-fiscal_year", "-provided_on", "employee__employee_number")
    )


# -- 個別周知・意向確認 --------------------------------------------------------------------------------------

_DONE = Q(given_on__isnull=False) & Q(item_systems=True) & Q(item_contact=True) & Q(item_benefit=True) & ~Q(method="")


def notice_register(company: Company) -> QuerySet[IndividualNotice]:
    return (
        IndividualNotice.objects.filter(employee__company=company)
        .select_related("employee", "notice_text")
        .order_by("-reported_on", "-id")
    )


def notices_open(company: Company) -> QuerySet[IndividualNotice]:
    return notice_register(company).exclude(_DONE)


def notice_counts(company: Company, on: dt.date) -> dict[str, int]:
    """pending (not completed), overdue (past due), due_soon (within 7 days), total — one query."""
    return IndividualNotice.objects.filter(employee__company=company).aggregate(
        total=Count("id"),
        pending=Count("id", filter=~_DONE),
        overdue=Count("id", filter=~_DONE & Q(due_on__lt=on)),
        due_soon=Count("id", filter=~_DONE & Q(due_on__gte=on, due_on__lte=on + dt.timedelta(days=DUE_SOON_DAYS))),
    )


def notice_texts(company: Company) -> QuerySet[NoticeText]:
    return NoticeText.objects.filter(company=company).order_by("kind", "-version")


def approved_texts(company: Company, kind: str) -> QuerySet[NoticeText]:
    return notice_texts(company).filter(kind=kind, approved_on__isnull=False)


# -- the gap report ---------------------------------------------------------------------------------------


def duty_facts(company: Company, on: dt.date) -> gap_rules.DutyFacts:
    counts = notice_counts(company, on)
    early = early_info_missing(company, on)
    return gap_rules.DutyFacts(
        notices_pending=counts["pending"],
        notices_overdue=counts["overdue"],
        early_info_missing=len(early.waiting) + len(early.past),
        environment_measures=EnvironmentMeasure.objects.filter(company=company).count(),
    )


def gap_report(company: Company, on: dt.date) -> list[gap_rules.Finding]:
    policy = policy_in_force(company, on)
    facts = policy_facts(policy) if policy is not None else None
    return gap_rules.gap_report(facts, duty_facts(company, on), on)


# -- the compliance checklist -----------------------------------------------------------------------------


@dataclass
class ChecklistItem:
    key: str
    title: str
    article: str
    status: str
    summary: str
    advisory: bool = False
    rows: Sequence[object] = field(default_factory=list)  # evidence: measures, notices, employees

    @property
    def status_label(self) -> str:
        return gap_rules.STATUS_LABELS[self.status]


@dataclass
class Checklist:
    company: Company
    on: dt.date
    items: list[ChecklistItem]
    findings: list[gap_rules.Finding]
    policy: CompanyPolicy | None

    def employee_ids(self) -> list[int]:
        """The employees the checklist names (for the access log)."""
        ids: list[int] = []
        for item in self.items:
            for row in item.rows:
                employee = getattr(row, "employee", None)
                if isinstance(employee, Employee):
                    ids.append(employee.pk)
        return ids


def checklist(company: Company, on: dt.date) -> Checklist:
    """Each 2025 duty of the company with its status (済 / 未 / 期限超過) and its evidence."""
    policy = policy_in_force(company, on)
    facts = policy_facts(policy) if policy is not None else None
    measures = list(EnvironmentMeasure.objects.filter(company=company).order_by("-carried_out_on", "-id")[:20])
    counts = notice_counts(company, on)
    attention = list(
        notices_open(company).filter(due_on__lte=on + dt.timedelta(days=DUE_SOON_DAYS)).order_by("due_on")[:50]
    )
    early = early_info_missing(company, on)
    # the latest approved text of each kind (later versions overwrite earlier ones)
    texts = {
        t.kind: t for t in NoticeText.objects.filter(company=company, approved_on__isnull=False).order_by("version")
    }
    duties = gap_rules.DutyFacts(
        notices_pending=counts["pending"],
        notices_overdue=counts["overdue"],
        early_info_missing=len(early.waiting) + len(early.past),
        environment_measures=len(measures),
    )
    findings = gap_rules.gap_report(facts, duties, on)
    policy_errors = [f for f in findings if f.severity == gap_rules.ERROR and f.code not in gap_rules.DUTY_CODES]
    items = [
        ChecklistItem(
            "policy",
            "両立支援制度（規程）が法の基準を満たしている",
            "育児・介護休業法 第11条〜第23条",
            gap_rules.count_status(0 if policy is None or policy_errors else 1),
            "規程が未登録です。"
            if policy is None
            else (
                f"法を下回る項目が{len(policy_errors)}件あります。" if policy_errors else "法の基準を満たしています。"
            ),
            rows=list(policy_errors),
        ),
        ChecklistItem(
            "individual_notice",
            "個別の周知・意向確認",
            "育児・介護休業法 第21条第2項",
            gap_rules.NOT_APPLICABLE
            if not counts["total"]
            else gap_rules.notice_status(counts["pending"], counts["overdue"]),
            f"申出{counts['total']}件、未完了{counts['pending']}件（期限超過{counts['overdue']}件・7日以内{counts['due_soon']}件）",
            rows=list(attention),
        ),
        ChecklistItem(
            "individual_text",
            "個別周知の周知文（承認済み）",
            "育児・介護休業法 第21条第2項",
            gap_rules.count_status(1 if "individual" in texts else 0),
            f"第{texts['individual'].version}版（{_short(texts['individual'].approved_on)} 承認）"
            if "individual" in texts
            else "承認済みの周知文がありません。",
        ),
        ChecklistItem(
            "early_information",
            "40歳時等の情報提供",
            "育児・介護休業法 第21条第3項",
            gap_rules.early_status(len(early.waiting), len(early.past)),
            f"対象期間中で未提供{len(early.waiting)}人、期間を過ぎて未提供{len(early.past)}人",
            rows=[*early.past, *early.waiting][:50],
        ),
        ChecklistItem(
            "early_text",
            "40歳時等の情報提供の周知文（承認済み）",
            "育児・介護休業法 第21条第3項",
            gap_rules.count_status(1 if "early" in texts else 0),
            f"第{texts['early'].version}版（{_short(texts['early'].approved_on)} 承認）"
            if "early" in texts
            else "承認済みの周知文がありません。",
        ),
        ChecklistItem(
            "environment",
            "雇用環境の整備（研修・相談窓口・事例の提供・方針の周知のいずれか）",
            "育児・介護休業法 第22条第2項",
            gap_rules.count_status(len(measures)),
            f"{len(measures)}件の記録" if measures else "記録がありません。",
            rows=list(measures),
        ),
        ChecklistItem(
            "telework",
            "テレワークを選択できる措置（努力義務）",
            "育児・介護休業法 第24条第4項",
            gap_rules.count_status(1 if facts is not None and facts.telework else 0),
            "規程にあります。" if facts is not None and facts.telework else "規程にありません（努力義務）。",
            advisory=True,
        ),
    ]
    return Checklist(company=company, on=on, items=items, findings=findings, policy=policy)


# -- the invoice ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Invoice:
    company: Company
    month: dt.date
    contract: CompanyContract | None
    activity: dict[str, int]
    lines: list[invoice_rules.InvoiceLine]
    total: int


def _month_end(month: dt.date) -> dt.date:
    following = (
        month.replace(year=month.year + 1, month=1) if month.month == 12 else month.replace(month=month.month + 1)
    )
    return following - dt.timedelta(days=1)


def month_activity(company: Company, month: dt.date) -> dict[str, int]:
    """The month's activity for the company: consultations held, three-party meetings held,
    seminars held, surveys opened."""
    first, last = month, _month_end(month)
    return {
        "consultation": Consultation.objects.filter(employee__company=company, held_on__range=(first, last)).count(),
        "meeting": ThreePartyMeeting.objects.filter(employee__company=company, held_on__range=(first, last)).count(),
        "seminar": Seminar.objects.filter(company=company, held_on__range=(first, last)).count(),
        "survey": Survey.objects.filter(company=company, opens_on__range=(first, last)).count(),
    }


def invoice(company: Company, month: dt.date) -> Invoice:
    """The invoice lines of `month` (its first day) from the contract in force and the activity."""
    contract = contract_in_force(company, month, _month_end(month))
    activity = month_activity(company, month)
    items = (
        [invoice_rules.FeeItemFacts(i.label, i.unit, i.unit_price, i.included_count) for i in contract.fee_items.all()]
        if contract is not None
        else []
    )
    lines = invoice_rules.invoice_lines(items, activity)
    return Invoice(company, month, contract, activity, lines, invoice_rules.invoice_total(lines))


def _short(day: dt.date | None) -> str:
    """R8.12.2 (the short 和暦 of lists); empty for no date."""
    return wareki_short(day) if day is not None else ""
