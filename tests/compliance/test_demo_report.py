"""The compliance report on demo office A lists the start-month, certification-meeting and
home-assessment findings that the demo's clients really have, and 特段の事情 months as such
(issue 9 acceptance). What each client "really has" is worked out here from the stored rows, not
from the engine: the report must name exactly those clients."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

import pytest
from django.db import transaction
from django.test import override_settings

from carebridge.assessments.models import Assessment
from carebridge.careplans.models import CareConference, CarePlan
from carebridge.casework.models import CareManagementContract, MonitoringVisit, SpecialCircumstance
from carebridge.clients.models import Certification, Client, ClientStatus
from carebridge.compliance.rules import Rule
from carebridge.compliance.selectors import compliance_report
from carebridge.core.dates import month_end, month_start, previous_month
from carebridge.core.models import Office, User
from carebridge.desk.demo import load_demo

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 11, 22)
MONTH = month_start(TODAY)


@pytest.fixture(scope="module")
def demo(django_db_setup: None, django_db_blocker) -> Iterator[None]:
    """The demo loaded once for this module, inside a transaction rolled back at the end (as in
    tests/desk/test_every_page.py)."""
    with (
        django_db_blocker.unblock(),
        transaction.atomic(),
        override_settings(CAREBRIDGE_DEMO_PASSWORD="demo-pass-for-test"),
    ):
        load_demo(today=TODAY, quiet=True)
        yield
        transaction.set_rollback(True)


@pytest.fixture
def office_a(demo):
    return Office.objects.order_by("office_number").first()


def report(office, month):
    admin = User.objects.get(username="admin_a")
    assert admin.office_id == office.pk
    return {row.client.pk: row for row in compliance_report(actor=admin, month=month, today=TODAY)}


def with_rule(rows, rule) -> set[int]:
    return {cid for cid, row in rows.items() if any(f.rule == rule for f in row.findings)}


def active_plans(office, month):
    """The started plans of office A's active clients whose services began by the month's end."""
    return CarePlan.objects.filter(
        client__office=office,
        client__status=ClientStatus.ACTIVE,
        service_start_on__isnull=False,
        service_start_on__lte=month_end(month),
    )


def test_demo_report_lists_start_month_monitoring_findings(office_a):
    """運営基準第13条第14号: a client whose services started this month and who has no monitoring
    record dated on or after the start day is listed this month."""
    rows = report(office_a, MONTH)
    started = {p.client_id: p.service_start_on for p in active_plans(office_a, MONTH) if p.service_start_on >= MONTH}
    assert started, "the demo has a client whose services started this month"
    visited = {
        v.client_id
        for v in MonitoringVisit.objects.filter(client_id__in=started, month=MONTH)
        if v.visited_on >= started[v.client_id]
    }
    expected = set(started) - visited
    assert expected
    monitoring = with_rule(rows, Rule.MONITORING_MISSING) | with_rule(rows, Rule.MONITORING_BEFORE_START)
    assert expected <= monitoring
    for cid in expected:
        assert rows[cid].penalty_label == "50%減算のおそれ"


def test_demo_report_lists_certification_meeting_findings(office_a):
    """運営基準第13条第15号: a client with a plan in effect whose newest certification follows an
    earlier one (renewal or 区分変更), decided by now, with no meeting on or after its 認定日."""
    rows = report(office_a, MONTH)
    in_effect = set(active_plans(office_a, MONTH).values_list("client_id", flat=True))
    expected = set()
    for cid in in_effect:
        certs = list(
            Certification.objects.filter(client_id=cid, status="certified", valid_from__lte=month_end(MONTH)).order_by(
                "valid_from"
            )
        )
        if len(certs) < 2 or certs[-1].certified_on > month_end(MONTH):
            continue
        met = CareConference.objects.filter(
            plan__client_id=cid, held_on__gte=certs[-1].certified_on, held_on__lte=month_end(MONTH)
        )
        if not met.exists():
            expected.add(cid)
    assert expected, "the demo has a 区分変更 without a meeting after it"
    assert with_rule(rows, Rule.CERTIFICATION_MEETING_MISSING) == expected
    for cid in expected:
        (finding,) = [f for f in rows[cid].findings if f.rule == Rule.CERTIFICATION_MEETING_MISSING]
        assert finding.penalty_risk


def test_demo_report_lists_home_assessment_findings(office_a):
    """運営基準第13条第7号: a new plan in effect standing on an assessment not made at the home (or
    without the client and the family interviewed, or after the draft)."""
    rows = report(office_a, MONTH)
    expected = set()
    for plan in active_plans(office_a, MONTH).filter(reason__in=["new", "change"]).select_related("assessment"):
        a: Assessment | None = plan.assessment
        if (
            a is None
            or a.assessed_on > plan.drafted_on
            or not (a.at_home and a.client_interviewed and a.family_interviewed)
        ):
            expected.add(plan.client_id)
    assert expected, "the demo has an assessment made at the hospital"
    assert with_rule(rows, Rule.HOME_ASSESSMENT_MISSING) == expected


def test_demo_report_shows_special_circumstance_months_as_such(office_a):
    """運営基準第13条第14号「特段の事情のない限り」: last month's hospital stay is shown as
    特段の事情あり, without 減算 risk and without a monitoring finding."""
    last = previous_month(MONTH)
    rows = report(office_a, last)
    recorded = set(
        SpecialCircumstance.objects.filter(client__office=office_a, month=last).values_list("client_id", flat=True)
    )
    assert recorded, "the demo has a 特段の事情 month"
    assert with_rule(rows, Rule.SPECIAL_CIRCUMSTANCE) == recorded
    for cid in recorded:
        assert not MonitoringVisit.objects.filter(client_id=cid, month=last).exists()
        rules = {f.rule for f in rows[cid].findings}
        assert Rule.MONITORING_MISSING not in rules
        assert all(not f.penalty_risk for f in rows[cid].findings if f.rule == Rule.SPECIAL_CIRCUMSTANCE)
        assert any(f.message.startswith("特段の事情あり") for f in rows[cid].findings)


def test_demo_has_contracts_explained_for_every_client_with_a_plan(office_a):
    """運営基準第4条第2項: the demo's plans stand on contracts with the explanation; the report has
    no contract findings for them."""
    with_plan = set(active_plans(office_a, MONTH).values_list("client_id", flat=True))
    contracted = set(
        CareManagementContract.objects.filter(client_id__in=with_plan, multiple_providers_explained=True).values_list(
            "client_id", flat=True
        )
    )
    assert contracted == with_plan
    assert with_rule(report(office_a, MONTH), Rule.CONTRACT_EXPLANATION_MISSING) == set()
    assert Client.objects.filter(office=office_a).exists()


def test_finding_dates_are_wareki_in_the_demo_report(office_a):
    """Issue 9 item 22 (one date style): the findings of the report on demo office A write their
    days and months in 和暦 (令和8年11月1日), never in the western calendar or ISO."""
    texts = [
        f.message
        for month in (previous_month(MONTH), MONTH)
        for row in report(office_a, month).values()
        for f in row.findings
    ]
    assert texts
    dated = [t for t in texts if "令和" in t]
    assert dated, "some demo findings name a day or a month"
    assert not [t for t in texts if re.search(r"(19|20)\d\d(年|-\d)", t)]
