"""The employer side of the demo (issue 8, item 15): さくら製作所 with 200 employees, its users,
12 consultations in different states, a policy with exactly one gap against the law, employees in
their 40-year window, and one consultation bridged with consent to a client of office A."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from django.db import transaction

from carebridge.core.models import Company, User
from carebridge.desk.demo import load_demo
from carebridge.workcare import gap_rules
from carebridge.workcare.models import CareBridge, CompanyContract, Consultation, Employee
from carebridge.workcare.selectors.company import early_info_due, policy_facts, policy_in_force

TODAY = dt.date(2026, 12, 2)


@pytest.fixture(scope="module")
def demo(django_db_setup: None, django_db_blocker) -> Iterator[Company]:
    with django_db_blocker.unblock(), transaction.atomic():
        load_demo(today=TODAY, quiet=True)
        yield Company.objects.get(name="さくら製作所")
        transaction.set_rollback(True)


@pytest.mark.django_db
def test_the_company_and_its_people(demo: Company) -> None:
    assert Employee.objects.filter(company=demo).count() == 200
    users = {u.username: u for u in User.objects.filter(company=demo)}
    assert {"hr_sakura", "emp_sakura1", "mgr_sakura"} <= set(users)
    assert users["mgr_sakura"].role == "company_manager"
    me = Employee.objects.get(user=users["emp_sakura1"])
    boss = Employee.objects.get(user=users["mgr_sakura"])
    assert me.name == "小林 亮" and me.department == boss.department
    contract = CompanyContract.objects.get(company=demo)
    assert contract.workplace_care_manager.username == "wcm_a1"


@pytest.mark.django_db
def test_twelve_consultations_in_different_states(demo: Company) -> None:
    states = list(Consultation.objects.filter(employee__company=demo).values_list("status", flat=True))
    assert len(states) == 12
    assert set(states) == {"requested", "in_progress", "closed"}


@pytest.mark.django_db
def test_the_policy_has_one_gap_against_the_law(demo: Company) -> None:
    """介護休業 in one period only: 育児・介護休業法 第11条第2項 allows up to 3 periods."""
    policy = policy_in_force(demo, TODAY)
    assert policy is not None
    gaps = gap_rules.policy_gaps(policy_facts(policy), TODAY)
    assert len(gaps) == 1, [g.code for g in gaps]
    assert "第11条" in gaps[0].article


@pytest.mark.django_db
def test_employees_in_their_40_year_window(demo: Company) -> None:
    """第21条第3項: the fiscal year in which they turn 40 (さくら製作所 chose that timing)."""
    due = early_info_due(demo, 2026)
    assert len(due) >= 5
    assert any(d.provided for d in due) and any(not d.provided for d in due)


@pytest.mark.django_db
def test_one_consultation_bridged_to_a_client_of_office_a(demo: Company) -> None:
    bridge = CareBridge.objects.select_related("intake__client").get(consultation__employee__company=demo)
    assert bridge.withdrawn_at is None and bridge.recipient_consent_by
    assert bridge.intake is not None and bridge.intake.route == "company"
    assert bridge.intake.client is not None and bridge.intake.client.office_id == demo.office_id
