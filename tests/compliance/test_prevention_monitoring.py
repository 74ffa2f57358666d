"""The 介護予防 monitoring rule in the compliance report (介護予防支援基準 第30条第16号): a monitoring
record every month from the month after services start, a home visit in every three-month window.
No 運営基準減算 exists for 介護予防支援, so the findings carry no 減算 risk."""

from __future__ import annotations

import datetime as dt

import pytest

from carebridge.careplans import prevention_messages as messages
from carebridge.careplans import prevention_services as services
from carebridge.casework import services as case_services
from carebridge.casework.inputs import MonitoringInput
from carebridge.compliance.rules import Rule
from carebridge.compliance.selectors import client_findings, compliance_report

from ..careplans.prevention_helpers import PLAN, ROW
from ..factories import CertificationFactory, ClientFactory

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def delivered(world):
    """要支援1, services from 2026-04-15: windows May–July, August–October."""
    client = ClientFactory(office=world.office_a, care_manager=world.cm_a, name="予防 一郎")
    CertificationFactory(client=client, care_level="support_1")
    plan = services.preventionplan_create(actor=world.cm_a, client=client, data=PLAN)
    services.prevention_row_add(actor=world.cm_a, plan=plan, data=ROW)
    services.preventionplan_consent(actor=world.cm_a, plan=plan, consented_on=D(2026, 4, 10), signer_name="本人")
    services.preventionplan_deliver(
        actor=world.cm_a, plan=plan, delivered_on=D(2026, 4, 10), service_start_on=D(2026, 4, 15)
    )
    return client


def _rules(findings):
    return [(f.rule, str(f.message)) for f in findings]


def test_prevention_monitoring_record_missing_is_a_finding_article_30_16(world, delivered):
    """May without a record: a finding for May; April (the start month) has none."""
    assert client_findings(client=delivered, month=D(2026, 4, 1), today=D(2026, 6, 5)) == []
    assert _rules(client_findings(client=delivered, month=D(2026, 5, 1), today=D(2026, 6, 5))) == [
        (Rule.PREVENTION_MONITORING, messages.PREVENTION_RECORD_MISSING.format(when="令和8年5月"))
    ]


def test_prevention_monitoring_met_with_monthly_records_and_a_home_visit_article_30_16(world, delivered):
    """A record every month (May home, June by video, July home) meets both duties: no finding in
    May, June or July (the window May–July holds home visits)."""
    for month, method in ((5, "home"), (6, "video"), (7, "home")):
        video = {"video_consent_on": D(2026, 4, 10), "team_agreed_on": D(2026, 4, 10)} if method == "video" else {}
        case_services.monitoring_record(
            actor=world.cm_a,
            client=delivered,
            month=D(2026, month, 1),
            data=MonitoringInput(visited_on=D(2026, month, 10), method=method, **video),
        )
    for month in (5, 6, 7):
        assert client_findings(client=delivered, month=D(2026, month, 1), today=D(2026, 8, 5)) == [], month


def test_prevention_findings_show_in_the_report_without_penalty(world, delivered):
    rows = compliance_report(actor=world.cm_a, month=D(2026, 7, 1), today=D(2026, 8, 5))
    (row,) = [r for r in rows if r.client.pk == delivered.pk]
    assert _rules(row.findings) == [
        (Rule.PREVENTION_MONITORING, messages.PREVENTION_RECORD_MISSING.format(when="令和8年7月")),
        (
            Rule.PREVENTION_MONITORING,
            messages.PREVENTION_HOME_VISIT_MISSING.format(first="令和8年5月", last="令和8年7月"),
        ),
    ]
    assert not row.penalty and row.penalty_label is None
