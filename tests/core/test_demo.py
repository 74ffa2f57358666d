"""The demo data: users and offices the README promises; loading twice changes nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth import authenticate
from django.test import RequestFactory, override_settings

from carebridge.clients.models import Certification, Client
from carebridge.core.access import has_permission
from carebridge.core.models import AuditEvent, Office, User
from carebridge.desk.demo import load_demo

pytestmark = pytest.mark.django_db

DEMO_USERS = [
    "admin_a",
    "cm_a1",
    "cm_a2",
    "clerk_a",
    "wcm_a1",
    "admin_b",
    "cm_b1",
    "hr_sakura",
    "emp_sakura1",
    "mgr_sakura",
]


@override_settings(CAREBRIDGE_DEMO_PASSWORD="demo-pass-for-test")
def test_demo_is_complete_and_idempotent():
    today = dt.date(2026, 11, 22)
    first = load_demo(today=today, quiet=True)
    assert first["clients"] == 40
    assert first["employees"] == 200
    events = AuditEvent.objects.count()
    second = load_demo(today=today, quiet=True)
    assert second == {"clients": 0, "providers": 0, "employees": 0}
    assert AuditEvent.objects.count() == events

    a, b = Office.objects.order_by("office_number")
    assert (a.prefecture, a.region_grade) == ("東京都", "1")
    assert (b.prefecture, b.region_grade) != ("東京都", "1")
    assert Client.objects.filter(office=a).count() == 31  # 30, and the one handed over by さくら製作所
    assert Client.objects.filter(office=b).count() == 10
    for username in DEMO_USERS:
        request = RequestFactory().post("/accounts/login/")
        assert authenticate(request, username=username, password="demo-pass-for-test") is not None, username
    assert User.objects.get(username="hr_sakura").company.name == "さくら製作所"
    assert User.objects.get(username="wcm_a1").role == "workplace_care_manager"
    ending = Certification.objects.filter(valid_to__lte=today + dt.timedelta(days=60), valid_to__gte=today)
    assert ending.exists()
    assert has_permission(User.objects.get(username="cm_a1"), "client.view")


def test_demo_has_clients_in_every_stage_of_the_cycle():
    from carebridge.careplans.models import CarePlan
    from carebridge.casework.models import MonitoringVisit, ProgressNote

    load_demo(today=dt.date(2026, 11, 22), quiet=True)
    statuses = set(CarePlan.objects.values_list("status", flat=True))
    assert {"draft", "presented", "active"} <= statuses
    assert MonitoringVisit.objects.filter(month=dt.date(2026, 11, 1)).exists()
    assert ProgressNote.objects.exists()


def test_demo_active_clients_all_have_a_certification_in_effect():
    """Issue 9 item 13: no 利用中 client of the demo lacks a certification in effect (clients 4, 16,
    22 and 28 once held only lines starting in 令和9年), so the 運営基準 report shows no plan running
    without one (介護保険法第28条); and every demo validity is within its range (規則第41条)."""
    from carebridge.clients.selectors import certification_in_effect, certification_period_warnings
    from carebridge.compliance.rules import Rule
    from carebridge.compliance.selectors import compliance_findings

    today = dt.date(2026, 11, 22)
    load_demo(today=today, quiet=True)
    for person in Client.objects.filter(status="active"):
        assert certification_in_effect(client=person, on=today) is not None, person.name
    for cert in Certification.objects.all():
        assert certification_period_warnings(cert, [cert]) == [], (cert.client.name, cert)
    for admin in User.objects.filter(username__in=["admin_a", "admin_b"]):
        findings = compliance_findings(actor=admin, month=today, today=today)
        assert Rule.NO_CERTIFICATION_IN_EFFECT not in {f.rule for f in findings}
