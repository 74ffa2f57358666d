"""Demo data and 介護予防 (issue 9 item 8): 要支援 and 事業対象者 clients hold 介護予防サービス・支援計画書,
never 第1〜3表, and the delivered ones are monitored as 介護予防支援基準 第30条第16号 asks."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import override_settings

from carebridge.careplans import prevention_rules as rules
from carebridge.careplans.models import CarePlan
from carebridge.careplans.prevention_models import PreventionPlan, PreventionStatus
from carebridge.careplans.prevention_selectors import prevention_monitoring_facts
from carebridge.casework.models import MonitoringVisit
from carebridge.clients.models import Certification
from carebridge.core.dates import month_start
from carebridge.desk.demo import load_demo

pytestmark = pytest.mark.django_db


@override_settings(CAREBRIDGE_DEMO_PASSWORD="demo-pass-for-test")
def test_demo_holds_no_careplan_for_a_support_level_client():
    today = dt.date(2026, 11, 22)
    load_demo(today=today, quiet=True)
    support = set(
        Certification.objects.filter(care_level__in=rules.PREVENTION_LEVELS).values_list("client_id", flat=True)
    )
    assert support, "the demo has 要支援 clients"
    assert not CarePlan.objects.filter(client_id__in=support).exists()
    with_plan = set(PreventionPlan.objects.values_list("client_id", flat=True))
    assert with_plan == support
    assert not PreventionPlan.objects.exclude(client_id__in=support).exists()
    delivered = PreventionPlan.objects.filter(status=PreventionStatus.DELIVERED)
    assert delivered.exists() and PreventionPlan.objects.filter(status=PreventionStatus.DRAFT).exists()
    # The delivered plans' monitoring leaves no gap in any month up to today.
    facts = prevention_monitoring_facts(support)
    records: dict[int, list[rules.MonitoringRecord]] = {}
    for cid, month, method in MonitoringVisit.objects.filter(client_id__in=support).values_list(
        "client_id", "month", "method"
    ):
        records.setdefault(cid, []).append(rules.MonitoringRecord(month, method == "home"))
    checked = 0
    for cid, plans in facts.items():
        for plan in plans:
            month = month_start(plan.service_start_on)
            while month < month_start(today):
                assert rules.monitoring_gaps(plan, records.get(cid, []), month) == [], (cid, month)
                month = rules.add_months(month, 1)
                checked += 1
    assert checked > 0
