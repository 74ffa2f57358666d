"""The company report: aggregates only, every figure through report_rules (small-cell suppression).

Each section is one aggregate query (GROUP BY / Count with a filter) whatever the number of
employees; nothing about a person leaves the database, so the report reads no personal record.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Exists, F, OuterRef, Q
from django.db.models.functions import TruncMonth

from carebridge.core.dates import month_start, previous_month
from carebridge.core.models import Company

from .. import report_rules as rr
from ..models import (
    Consultation,
    EarlyInformation,
    Employee,
    IndividualNotice,
    LeaveRecord,
    ThreePartyMeeting,
    WorkCarePlan,
)
from ..models.choices import Channel, LeaveKind, MeetingKind, PlanStatus, Urgency

MONTHS = 12
NO_URGENCY = "未判定"


@dataclass(frozen=True)
class Bar:
    """One bar of a chart: a label and a figure as shown (a hidden figure draws no bar)."""

    label: str
    figure: rr.Figure


@dataclass(frozen=True)
class SystemUse:
    kind: str
    label: str
    people: rr.Figure


@dataclass(frozen=True)
class CompanyReport:
    company: Company
    as_of: dt.date
    period_start: dt.date  # the first day of the first month shown
    fiscal_year: int  # the calendar year the fiscal year starts in
    fiscal_year_start: dt.date
    employees: rr.Figure
    consultations: rr.Table  # months × channels
    months: tuple[dt.date, ...]
    urgency: rr.Distribution
    systems: tuple[SystemUse, ...]
    early_window: rr.Distribution  # provided / not yet, of the employees in their 40-year window
    early_rate: str
    notices: rr.Distribution  # on time / late / not yet, due passed / not yet, due ahead
    notices_on_time_rate: str
    plans: rr.Distribution  # employees with an agreed plan: with a follow-up meeting / without
    follow_up_meetings: rr.Figure

    def month_bars(self) -> list[Bar]:
        return [Bar(f"{m.month}月", f) for m, f in zip(self.months, self.consultations.row_totals, strict=True)]

    def channel_bars(self) -> list[Bar]:
        return [Bar(c, f) for c, f in zip(self.consultations.columns, self.consultations.column_totals, strict=True)]

    def urgency_bars(self) -> list[Bar]:
        return [Bar(label, f) for label, f in zip(self.urgency.labels, self.urgency.cells, strict=True)]

    def system_bars(self) -> list[Bar]:
        return [Bar(s.label, s.people) for s in self.systems]


def fiscal_year_start(company: Company, day: dt.date) -> dt.date:
    """The first day of the company's fiscal year that contains `day`."""
    start = dt.date(day.year, company.fiscal_year_start_month, company.fiscal_year_start_day)
    return start if start <= day else start.replace(year=day.year - 1)


def _years_before(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def _consultations(company: Company, start: dt.date, as_of: dt.date) -> tuple[tuple[dt.date, ...], rr.Table]:
    months = [month_start(as_of)]
    while len(months) < MONTHS:
        months.insert(0, previous_month(months[0]))
    channels = list(Channel)
    counts = {(m, c): 0 for m in months for c in channels}
    rows = (
        Consultation.objects.filter(employee__company=company, requested_on__gte=start, requested_on__lte=as_of)
        .annotate(month=TruncMonth("requested_on"))
        .values("month", "channel")
        .annotate(n=Count("id"))
        .order_by()
    )
    for row in rows:
        month = row["month"]
        month = month.date() if isinstance(month, dt.datetime) else month
        key = (month, Channel(row["channel"])) if row["channel"] in Channel.values else None
        if key in counts:
            counts[key] += row["n"]
    grid = [[counts[(m, c)] for c in channels] for m in months]
    labels = [f"{m.year}年{m.month}月" for m in months]
    return tuple(months), rr.table(labels, [c.label for c in channels], grid)


def _urgency(company: Company, start: dt.date, as_of: dt.date) -> rr.Distribution:
    found = dict(
        Consultation.objects.filter(employee__company=company, requested_on__gte=start, requested_on__lte=as_of)
        .values_list("urgency")
        .annotate(n=Count("id"))
        .order_by()
    )
    levels = [Urgency.HIGH, Urgency.MEDIUM, Urgency.LOW]
    other = sum(n for level, n in found.items() if level not in Urgency.values)
    return rr.distribution([*((lv.label, found.get(lv.value, 0)) for lv in levels), (NO_URGENCY, other)])


def _systems(company: Company, start: dt.date, as_of: dt.date) -> tuple[SystemUse, ...]:
    people = dict(
        LeaveRecord.objects.filter(employee__company=company, ends_on__gte=start, starts_on__lte=as_of)
        .values_list("kind")
        .annotate(n=Count("employee", distinct=True))
        .order_by()
    )
    # One person may use several systems: the figures do not add up, so each stands alone.
    return tuple(SystemUse(k.value, k.label, rr.single(people.get(k.value, 0))) for k in LeaveKind)


def _early(company: Company, fy_start: dt.date) -> rr.Distribution:
    """Employees who turn 40 in this fiscal year (whichever timing the company chose, their window
    opens in it: 第21条第3項), and how many of them were given the information for this year."""
    fy_end = fy_start.replace(year=fy_start.year + 1) - dt.timedelta(days=1)
    given = EarlyInformation.objects.filter(employee=OuterRef("pk"), fiscal_year=fy_start.year)
    figures = (
        Employee.objects.filter(
            company=company,
            is_active=True,
            birth_date__gte=_years_before(fy_start, 40),
            birth_date__lte=_years_before(fy_end, 40),
        )
        .annotate(given=Exists(given))
        .aggregate(window=Count("pk"), provided=Count("pk", filter=Q(given=True)))
    )
    window, provided = figures["window"] or 0, figures["provided"] or 0
    return rr.distribution([("提供済み", provided), ("未提供", window - provided)])


def _notices(company: Company, start: dt.date, as_of: dt.date) -> rr.Distribution:
    done = Q(given_on__isnull=False)
    figures = IndividualNotice.objects.filter(
        employee__company=company, reported_on__gte=start, reported_on__lte=as_of
    ).aggregate(
        on_time=Count("pk", filter=done & Q(given_on__lte=F("due_on"))),
        late=Count("pk", filter=done & Q(given_on__gt=F("due_on"))),
        overdue=Count("pk", filter=Q(given_on__isnull=True, due_on__lt=as_of)),
        open=Count("pk", filter=Q(given_on__isnull=True, due_on__gte=as_of)),
    )
    return rr.distribution(
        [
            ("期限内に実施", figures["on_time"]),
            ("期限後に実施", figures["late"]),
            ("未実施（期限超過）", figures["overdue"]),
            ("未実施（期限前）", figures["open"]),
        ]
    )


def _plans(company: Company) -> tuple[rr.Distribution, rr.Figure]:
    agreed = WorkCarePlan.objects.filter(
        employee__company=company, status__in=[PlanStatus.AGREED, PlanStatus.SUPERSEDED]
    ).values("employee_id")
    followed = ThreePartyMeeting.objects.filter(employee=OuterRef("pk"), kind=MeetingKind.FOLLOW_UP)
    figures = Employee.objects.filter(company=company, pk__in=agreed).aggregate(
        agreed=Count("pk"), followed=Count("pk", filter=Exists(followed))
    )
    agreed_n, followed_n = figures["agreed"] or 0, figures["followed"] or 0
    shown = rr.distribution([("フォロー面談あり", followed_n), ("フォロー面談なし", agreed_n - followed_n)])
    meetings = ThreePartyMeeting.objects.filter(employee__company=company, kind=MeetingKind.FOLLOW_UP).count()
    # The number of meetings is about the people who had them: hidden with their figure.
    meetings_shown = rr.single(meetings) if not shown.cells[0].is_hidden else rr.Figure(None, rr.Hidden.COMPLEMENT)
    return shown, meetings_shown


def company_report(*, company: Company, as_of: dt.date) -> CompanyReport:
    """The report of a company the caller reached through its gate (access.access_report_company)."""
    months, consultations = _consultations(company, start := _period_start(as_of), as_of)
    fy_start = fiscal_year_start(company, as_of)
    early = _early(company, fy_start)
    notices = _notices(company, start, as_of)
    plans, meetings = _plans(company)
    on_time = notices.cells[0]
    return CompanyReport(
        company=company,
        as_of=as_of,
        period_start=start,
        fiscal_year=fy_start.year,
        fiscal_year_start=fy_start,
        employees=rr.single(Employee.objects.filter(company=company, is_active=True).count()),
        consultations=consultations,
        months=months,
        urgency=_urgency(company, start, as_of),
        systems=_systems(company, start, as_of),
        early_window=early,
        early_rate=rr.rate(early.cells[0], early.total),
        notices=notices,
        notices_on_time_rate=rr.rate(on_time, notices.total),
        plans=plans,
        follow_up_meetings=meetings,
    )


def _period_start(as_of: dt.date) -> dt.date:
    first = month_start(as_of)
    for _ in range(MONTHS - 1):
        first = previous_month(first)
    return first
