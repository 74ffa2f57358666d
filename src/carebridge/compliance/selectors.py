"""Reads of the 運営基準 engine: the facts of many clients in a fixed number of queries, the
findings of a month, and the office report (grouped by client, with the 減算 label) that both the
page and `/api/v1/compliance` show.

`compliance_cases` costs one query for the clients plus those of careplans.selectors.plan_facts,
clients.selectors.renewal_facts and casework.selectors.visit_facts, and four more for issue 9's
rules (certification lines, meeting and 照会 days, contracts, 特段の事情) — however long the history.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import QuerySet

from carebridge.careplans.models import CareConference, ConferenceInquiry
from carebridge.careplans.prevention_rules import MonitoringRecord
from carebridge.careplans.prevention_selectors import prevention_monitoring_facts
from carebridge.careplans.rules import CertificationFacts
from carebridge.careplans.selectors import plan_facts
from carebridge.casework.selectors import contract_rows, special_circumstance_facts, visit_facts
from carebridge.clients.models import Client, ClientStatus
from carebridge.clients.rules import day_shown
from carebridge.clients.selectors import (
    CertificationLine,
    certification_lines,
    renewal_facts,
    short_stay_approved_periods,
)
from carebridge.core.access import office_id_of, office_scope
from carebridge.core.dates import month_start, previous_month
from carebridge.core.models import User

from . import deadlines, finding_sources, rules


def _cases(client_ids: list[int], month: dt.date, today: dt.date, *, months_back: int = 1) -> list[rules.ClientCase]:
    """The facts of these clients for `month`; with months_back=2, for the month before too (the
    visits the monitoring rules look at reach one month further back)."""
    plans = plan_facts(client_ids)
    # The certification in effect on the day the month stands for (today in this month, the last
    # day of a past month) — never a line that starts later (issue 9 item 13).
    certs = renewal_facts(client_ids=client_ids, on=day_shown(month, today))
    lines = certification_lines(client_ids=client_ids)
    approved = short_stay_approved_periods(client_ids=client_ids)
    months = [month]
    for _ in range(months_back):
        months.append(previous_month(months[-1]))
    visits = visit_facts(client_ids=client_ids, months=months)
    specials = special_circumstance_facts(client_ids=client_ids, months=months)
    meetings = _meeting_days(client_ids)
    contracts = contract_rows(client_ids=client_ids)
    prevention = prevention_monitoring_facts(client_ids)
    # 介護予防 monitoring looks back over a three-month window (介護予防支援基準 第30条第16号).
    prevention_visits = visit_facts(client_ids=list(prevention), months=_months_back(month, months_back + 2))
    cases = []
    for cid in client_ids:
        cert, renewal = certs.get(cid, (None, None))
        cases.append(
            rules.ClientCase(
                client_id=cid,
                plans=tuple(plans.get(cid, ())),
                certification=CertificationFacts(cert.valid_from, cert.valid_to) if cert is not None else None,
                renewal=renewal,
                visits=tuple(visits.get(cid, ())),
                certification_periods=tuple(CertificationFacts(c.valid_from, c.valid_to) for c in lines.get(cid, ())),
                short_stay_approved=tuple(CertificationFacts(*period) for period in approved.get(cid, ())),
                certifications=tuple(
                    rules.CertificationEvent(c.valid_from, c.valid_to, c.certified_on)
                    for c in lines.get(cid, ())
                    if c.certified
                ),
                meetings=tuple(sorted(meetings.get(cid, ()))),
                contracts=tuple(rules.ContractFacts(*row) for row in contracts.get(cid, ())),
                special_circumstances=tuple(specials.get(cid, ())),
                prevention_plans=tuple(prevention.get(cid, ())),
                prevention_records=tuple(
                    MonitoringRecord(v.month, v.method == "home") for v in prevention_visits.get(cid, ())
                ),
            )
        )
    return cases


def _meeting_days(client_ids: list[int]) -> dict[int, list[dt.date]]:
    """Every day a サービス担当者会議 was held or a 照会 was sent (運営基準第13条第15号): two queries."""
    meetings: dict[int, list[dt.date]] = {}
    held = CareConference.objects.filter(plan__client_id__in=client_ids).values_list("plan__client_id", "held_on")
    sent = ConferenceInquiry.objects.filter(conference__plan__client_id__in=client_ids).values_list(
        "conference__plan__client_id", "sent_on"
    )
    for cid, day in [*held, *sent]:
        meetings.setdefault(cid, []).append(day)
    return meetings


def _months_back(month: dt.date, count: int) -> list[dt.date]:
    months = [month]
    for _ in range(count):
        months.append(previous_month(months[-1]))
    return months


def _active_clients(actor: User, care_manager_id: int | None) -> QuerySet[Client]:
    clients = office_scope(actor, Client.objects.all(), "care.view").filter(status=ClientStatus.ACTIVE)
    return clients if care_manager_id is None else clients.filter(care_manager_id=care_manager_id)


def compliance_cases(
    *,
    actor: User,
    month: dt.date,
    today: dt.date,
    care_manager_id: int | None = None,
    client_ids: Iterable[int] | None = None,
) -> list[rules.ClientCase]:
    """The facts of the office's active clients (or one care manager's, or some clients)."""
    clients = _active_clients(actor, care_manager_id)
    if client_ids is not None:
        clients = clients.filter(pk__in=list(client_ids))
    return _cases(list(clients.values_list("pk", flat=True)), month_start(month), today)


def compliance_findings(
    *,
    actor: User,
    month: dt.date,
    today: dt.date,
    care_manager_id: int | None = None,
    client_ids: Iterable[int] | None = None,
) -> list[rules.Finding]:
    """All findings of the actor's office (or one care manager's, or some clients) for a month."""
    cases = compliance_cases(
        actor=actor, month=month, today=today, care_manager_id=care_manager_id, client_ids=client_ids
    )
    return [finding for case in cases for finding in rules.findings_for_month(case, month, today)]


def client_findings(*, client: Client, month: dt.date, today: dt.date) -> list[rules.Finding]:
    """The findings of one client (who came through the gate) for a month."""
    (case,) = _cases([client.pk], month_start(month), today)
    return rules.findings_for_month(case, month, today)


@dataclass(frozen=True)
class ReportRow:
    """One client of the office report: the month's findings, the 運営基準減算 label, what to do by
    when (deadlines.py, soonest first) and the units 減算 would cost the office this month."""

    client: Client
    findings: tuple[rules.Finding, ...]
    penalty_label: str | None
    certification: CertificationLine | None = None  # in effect on the day the month stands for
    actions: tuple[deadlines.WorkItem, ...] = ()  # one per finding, in the findings' order
    exposure_units: int | None = None  # None: no risk, or no 居宅介護支援費 known for the level

    @property
    def penalty(self) -> bool:
        return any(f.penalty_risk for f in self.findings)

    @property
    def by_deadline(self) -> list[deadlines.WorkItem]:
        """What to do, soonest deadline first."""
        return deadlines.ordered(self.actions)


def exposure_total(rows: Iterable[ReportRow]) -> int:
    """The office's 減算 exposure for the month, in units (the sum over clients at risk)."""
    return sum(row.exposure_units or 0 for row in rows)


def compliance_report(
    *, actor: User, month: dt.date, today: dt.date, care_manager_id: int | None = None
) -> list[ReportRow]:
    """The office's 運営基準 findings for a month, client by client, penalty risks first. A risk
    that ran last month too means no fee at all, so last month is checked for those clients (from
    the same facts: the visits are read two months back)."""
    month = month_start(month)
    ids = list(_active_clients(actor, care_manager_id).values_list("pk", flat=True))
    by_client: dict[int, list[rules.Finding]] = {}
    previous: dict[int, list[rules.Finding]] = {}
    actions: dict[int, list[deadlines.WorkItem]] = {}
    for case in _cases(ids, month, today, months_back=2):
        found = rules.findings_for_month(case, month, today)
        if found:
            by_client[case.client_id] = found
            actions[case.client_id] = deadlines.finding_items(case, found, month)
        if any(f.penalty_risk for f in found):
            previous[case.client_id] = rules.findings_for_month(case, previous_month(month), today)
    clients = office_scope(actor, Client.objects.select_related("care_manager"), "care.view").in_bulk(list(by_client))
    certs = renewal_facts(client_ids=list(by_client), on=day_shown(month, today))
    rows = []
    for cid, found in by_client.items():
        cert = certs[cid][0] if cid in certs else None
        exposure = None
        if cid in previous:  # at risk: the fee the level earns, half or all of it (deadlines.py)
            whole_fee = any(f.penalty_risk for f in previous[cid])
            level = cert.care_level if cert is not None else ""
            exposure = deadlines.penalty_exposure_units(level, month, whole_fee=whole_fee)
        rows.append(
            ReportRow(
                client=clients[cid],
                findings=tuple(found),
                penalty_label=rules.penalty_label(found, previous.get(cid, [])),
                certification=cert,
                actions=tuple(actions[cid]),
                exposure_units=exposure,
            )
        )
    return sorted(rows, key=lambda r: (not r.penalty, r.client.kana, r.client.pk))


def sourced_report(
    *, actor: User, month: dt.date, today: dt.date
) -> list[tuple[Client, finding_sources.SourcedFinding]]:
    """The month's findings of the apps above compliance (finding_sources.py) for the office's
    active clients, with each client (two queries plus each source's own)."""
    ids = list(_active_clients(actor, None).values_list("pk", flat=True))
    found = finding_sources.sourced_findings(office_id=office_id_of(actor), client_ids=ids, month=month, today=today)
    clients = Client.objects.filter(pk__in={f.client_id for f in found}).in_bulk()
    return [(clients[f.client_id], f) for f in found if f.client_id in clients]
